/** What the Anon layer's drawings share: a row (a process and its piece of the mapping). */
import type { ProcSnap, SegSnap, Snapshot } from "../../contract/wire/protocol";

export interface Row {
  readonly proc: ProcSnap;
  readonly seg: SegSnap;
}

/** The anon_hdr in a few words: "4 slots, flat" or "1/2 chunks" (ui/panels/anon/ChainCard.tsx). */
export const hdrWords = (snap: Snapshot, amp: Snapshot["amps"][number]): string =>
  amp.levels === 1 ? `${amp.slots} slots, flat` : `${amp.chunks}/${amp.slots / (snap.pageSize / 8)} chunks`;
