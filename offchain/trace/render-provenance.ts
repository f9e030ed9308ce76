import { ZeroAddress } from "ethers";

import { objectLabelOf } from "./object-id.js";
import type { CustodyNode, DataCheck, ProvenanceTree } from "./query-custody.js";

export type RenderProvenanceOptions = {
  /** A member's name for an address (default: the address itself). */
  nameOf?: (address: string) => string;
};

const MAX_REASON = 80;

function statusOf(check: DataCheck): string {
  const reason = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text);
  switch (check.status) {
    case "verified":
      return "✓ verified";
    case "mismatch":
      return `✗ MISMATCH (server has ${check.actualHash})`;
    case "unreachable":
      return `? unreachable (${reason(check.error)})`;
    case "malformed":
      return `✗ malformed (${reason(check.error)})`;
  }
}

/** The step and time from the data when it is verified, else the on-chain time only. */
function whenOf(node: CustodyNode): string {
  if (node.check.status === "verified") return `${node.check.data.step} ${node.check.data.at}`;
  const seconds = Number(node.timestamp);
  const chainTime = Number.isFinite(seconds) && Math.abs(seconds) < 8.64e12 ? new Date(seconds * 1000).toISOString() : String(node.timestamp);
  return `(step unknown) ${chainTime}`;
}

function lineOf(node: CustodyNode, k: number, nameOf: (address: string) => string): string {
  const acceptance = `${node.accepted ? "accepted" : "pending"} ${node.confirmations}/${k}`;
  if (node.kind === "record") {
    const from = node.transferOut === ZeroAddress ? "(origin)" : nameOf(node.transferOut);
    return `${objectLabelOf(node.objectId)}  record #${node.recordId}  ${whenOf(node)}  ${from} → ${nameOf(node.transferIn)}  ${statusOf(node.check)}  ${acceptance}`;
  }
  const labels = (ids: string[]) => ids.map(objectLabelOf).join(" + ");
  return `${labels(node.outputs)}  mapping #${node.mappingId} ${node.mappingKind} of ${labels(node.inputs)}  ${whenOf(node)}  by ${nameOf(node.recorder)}  ${statusOf(node.check)}  ${acceptance}`;
}

/**
 * The provenance tree as text, one line per node. An object's records follow each other at
 * the same indentation (so long custody chains do not drift right); a mapping's inputs branch
 * with box-drawing characters, each input's custody continuing under its branch. A node met
 * again (outputs of one split merged together) is one "(shown above)" line. A summary line
 * ends it.
 */
export function renderProvenanceTree(tree: ProvenanceTree, { nameOf = (address) => address }: RenderProvenanceOptions = {}): string {
  const lines = [`provenance of ${objectLabelOf(tree.objectId)}`];
  // Iterative: trees may be thousands of nodes deep.
  const stack: Array<{ node: CustodyNode; first: string; rest: string }> = [{ node: tree.root, first: "", rest: "" }];
  const shown = new Set<CustodyNode>();
  while (stack.length > 0) {
    const { node, first, rest } = stack.pop()!;
    if (shown.has(node)) {
      lines.push(`${first}${node.kind === "mapping" ? `mapping #${node.mappingId}` : `record #${node.recordId}`} (shown above)`);
      continue;
    }
    shown.add(node);
    lines.push(first + lineOf(node, tree.requiredConfirmations, nameOf));
    if (node.kind === "record") {
      if (node.upstream !== null) stack.push({ node: node.upstream, first: rest, rest });
      continue;
    }
    for (let i = node.upstream.length - 1; i >= 0; i--) {
      const last = i === node.upstream.length - 1;
      stack.push({ node: node.upstream[i]!, first: rest + (last ? "└─ " : "├─ "), rest: rest + (last ? "   " : "│  ") });
    }
  }
  const s = tree.summary;
  const origins = s.origins.length === 0 ? "none" : s.origins.map(objectLabelOf).join(", ");
  lines.push(
    `${s.records} record(s), ${s.mappings} mapping(s): ${s.verified} verified, ${s.mismatched} mismatched, ${s.unreachable} unreachable, ${s.malformed} malformed; ` +
      `${s.unaccepted} not yet accepted (k = ${tree.requiredConfirmations}); origins: ${origins}`,
  );
  return lines.join("\n");
}

function checkToJson(check: DataCheck): unknown {
  switch (check.status) {
    case "verified": {
      const { objectId, step, at, by, details } = check.data;
      return { status: check.status, data: { objectId, step, at, by, details } };
    }
    case "mismatch":
      return { status: check.status, actualHash: check.actualHash };
    default:
      return { status: check.status, error: check.error };
  }
}

/**
 * The tree as plain JSON (bigints as decimal strings, fields in a fixed order), for `--json`.
 * A node met again is `{kind, mappingId | recordId, shownAbove: true}` (its first occurrence,
 * earlier in document order, has the subtree).
 */
export function provenanceTreeToJson(tree: ProvenanceTree): unknown {
  const s = tree.summary;
  const out: Record<string, unknown> = {
    objectId: tree.objectId,
    requiredConfirmations: tree.requiredConfirmations,
    summary: {
      records: s.records,
      mappings: s.mappings,
      verified: s.verified,
      mismatched: s.mismatched,
      unreachable: s.unreachable,
      malformed: s.malformed,
      unaccepted: s.unaccepted,
      origins: [...s.origins],
    },
    root: null,
  };
  // Iterative, like the walk: each entry fills one slot of an already made parent.
  const stack: Array<{ node: CustodyNode; attach: (json: unknown) => void }> = [{ node: tree.root, attach: (json) => (out.root = json) }];
  const shown = new Set<CustodyNode>();
  while (stack.length > 0) {
    const { node, attach } = stack.pop()!;
    if (shown.has(node)) {
      // Only the first occurrence carries the subtree; later ones point back to it.
      attach(node.kind === "mapping" ? { kind: "mapping", mappingId: node.mappingId.toString(), shownAbove: true } : { kind: "record", recordId: node.recordId.toString(), shownAbove: true });
      continue;
    }
    shown.add(node);
    if (node.kind === "record") {
      const json: Record<string, unknown> = {
        kind: "record",
        recordId: node.recordId.toString(),
        objectId: node.objectId,
        transferOut: node.transferOut,
        transferIn: node.transferIn,
        recorder: node.recorder,
        timestamp: node.timestamp.toString(),
        confirmations: node.confirmations,
        accepted: node.accepted,
        infoServer: node.infoServer,
        dataHash: node.dataHash,
        check: checkToJson(node.check),
        upstream: null,
      };
      attach(json);
      if (node.upstream !== null) stack.push({ node: node.upstream, attach: (upstream) => (json.upstream = upstream) });
      continue;
    }
    const upstream: unknown[] = new Array(node.upstream.length).fill(null);
    attach({
      kind: "mapping",
      mappingId: node.mappingId.toString(),
      mappingKind: node.mappingKind,
      inputs: [...node.inputs],
      outputs: [...node.outputs],
      recorder: node.recorder,
      timestamp: node.timestamp.toString(),
      confirmations: node.confirmations,
      accepted: node.accepted,
      infoServer: node.infoServer,
      dataHash: node.dataHash,
      check: checkToJson(node.check),
      upstream,
    });
    // Reversed so that input 0 is converted first: the first occurrence of a shared node comes first in document order.
    for (let i = node.upstream.length - 1; i >= 0; i--) stack.push({ node: node.upstream[i]!, attach: (json) => (upstream[i] = json) });
  }
  return out;
}
