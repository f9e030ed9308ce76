import type { IConsortiumRegistry } from "../../../types/ethers-contracts/index.js";
import { roleIdOf } from "../../chain/index.js";
import { confirmTrace, type TraceEntryKind, type TraceParty } from "../../trace/index.js";
import type { AgentContext, AgentHandler } from "../agent-types.js";

/**
 * A REGULATOR's agent as a verification node (D3.6 I.1.5 (1) steps 4-5): each new record or
 * identifier mapping is checked (signature, data fetched from the named information server and
 * its hash, object, author) and confirmed when it passes. Data that does not match is refused
 * once, loudly; an unreachable server is retried every cycle. At start-up it goes through
 * every record and mapping it has not confirmed yet, so nothing is missed across restarts.
 */
export function createTraceVerifierHandler({ party, registry }: { party: TraceParty; registry: Pick<IConsortiumRegistry, "hasRole"> }): AgentHandler {
  const pending = new Map<string, { kind: TraceEntryKind; id: bigint }>();
  const refused = new Set<string>();
  let scanned = false;
  const key = (kind: TraceEntryKind, id: bigint) => `${kind}:${id}`;

  const check = async (kind: TraceEntryKind, id: bigint, context: AgentContext) => {
    const k = key(kind, id);
    if (refused.has(k)) return;
    const result = await confirmTrace({ party, kind, id });
    if (result.confirmed) {
      pending.delete(k);
      context.logger.info(`${kind} #${id}: signature and information-server data verified; confirmed → tx ${result.txHash}`);
    } else if (result.unreachable === true) {
      if (!pending.has(k)) context.logger.warn(`${kind} #${id}: not confirmed yet, ${result.reason}; will retry`);
      pending.set(k, { kind, id });
    } else if (result.reason !== "already confirmed by this verifier") {
      pending.delete(k);
      refused.add(k);
      context.logger.error(`${kind} #${id}: REFUSED, ${result.reason}`);
    }
  };

  return {
    name: "trace-verifier",
    events: ["traceLedger.RecordPosted", "traceLedger.MappingPosted"],
    async handle(event, context) {
      if (!(await registry.hasRole(roleIdOf("REGULATOR"), context.self))) return;
      const kind: TraceEntryKind = event.name === "RecordPosted" ? "record" : "mapping";
      const id = event.args.getValue(kind === "record" ? "recordId" : "mappingId") as bigint;
      if (!(await recorderIsOther(party, kind, id, context.self))) return;
      await check(kind, id, context);
    },
    async onTick(context) {
      if (!(await registry.hasRole(roleIdOf("REGULATOR"), context.self))) return;
      if (!scanned) {
        for (const kind of ["record", "mapping"] as const) {
          const count = kind === "record" ? await party.ledger.recordCount() : await party.ledger.mappingCount();
          for (let id = 1n; id <= count; id++) {
            const confirmed = kind === "record" ? await party.ledger.hasConfirmedRecord(id, context.self) : await party.ledger.hasConfirmedMapping(id, context.self);
            if (!confirmed && (await recorderIsOther(party, kind, id, context.self))) pending.set(key(kind, id), { kind, id });
          }
        }
        scanned = true;
      }
      for (const { kind, id } of [...pending.values()]) await check(kind, id, context);
    },
  };
}

/** A verifier never confirms its own posts (the contract refuses it too). */
async function recorderIsOther(party: TraceParty, kind: TraceEntryKind, id: bigint, self: string): Promise<boolean> {
  const recorder = kind === "record" ? (await party.ledger.recordOf(id)).recorder : (await party.ledger.mappingOf(id)).recorder;
  return recorder.toLowerCase() !== self.toLowerCase();
}
