import type { Multiaddr } from "@multiformats/multiaddr";

/** True when the multiaddr's host is 127.0.0.0/8 or ::1 (DNS names are not loopback). */
export function isLoopbackMultiaddr(address: Multiaddr): boolean {
  const [host] = address.getComponents();
  if (host === undefined) return false;
  if (host.name === "ip4") return host.value?.startsWith("127.") === true;
  if (host.name === "ip6") return host.value === "::1" || host.value === "0:0:0:0:0:0:0:1";
  return false;
}
