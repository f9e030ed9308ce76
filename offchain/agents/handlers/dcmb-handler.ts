import type { DcmbReceiver, DcmbSender } from "../../dcmb/module/index.js";
import type { AgentHandler } from "../agent-types.js";

/**
 * The DCMB module run as an agent role (one per participant, from its dcmb.json): a sender
 * ticks every poll (collect, notify, close intervals, record, deliver); a receiver's
 * delivery protocol is served by the participant's node from the start, and each poll reads
 * the notifications addressed to it. The module's certification was checked before this
 * handler was created (createParticipantAgent refuses an uncertified module).
 */
export function createDcmbHandler(module: ({ sender: DcmbSender } | { receiver: DcmbReceiver }) & { close(): Promise<void> }): AgentHandler {
  return {
    name: "sender" in module ? "dcmb-sender" : "dcmb-receiver",
    events: [],
    async handle() {},
    async onTick() {
      if ("sender" in module) await module.sender.tick();
      else await module.receiver.pollNotifications();
    },
    onStop: () => module.close(),
  };
}
