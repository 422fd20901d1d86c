// What a DeskChanged delta means for the desk a page holds (docs/protocol.md, "The client protocol module"). The
// desk's version counts within an epoch (one activation of the desk grain); a reactivated desk starts a new epoch
// and counts from 0 again, so a smaller version in another epoch is news, not a duplicate. Pure: no imports at run time.
import type { DeskDelta } from "./wireTypes";

/** The snapshot's epoch and the version of the last delta applied. */
export interface DeskPosition { epoch?: string; version: number; }

/** apply: the next delta. ignore: seen already. reload: something was missed or the desk restarted: read GetDesk. */
export type DeltaVerdict = "apply" | "ignore" | "reload";

// A server that does not send epochs yet has one epoch as far as the client can tell.
const epochOf = (e: string | undefined) => e ?? "";

export function judgeDelta(held: DeskPosition, delta: Pick<DeskDelta, "epoch" | "version">): DeltaVerdict {
  if (epochOf(delta.epoch) !== epochOf(held.epoch)) return "reload";
  if (delta.version <= held.version) return "ignore";
  return delta.version === held.version + 1 ? "apply" : "reload";
}
