import type { SegSnap } from "../../contract/wire/protocol";

/**
 * Why a mapping has no anon yet, in one line: what the Anon layer's empty band says (the app's
 * panel and the walkthrough's frames alike).
 */
export function noAnonNote(seg: SegSnap | undefined): string {
  const file = seg !== undefined && seg.source.startsWith("/") && seg.source !== "/dev/zero";
  if (file && seg.share === "shared")
    return "No anon, ever: a MAP_SHARED file mapping uses the file's own pages.";
  if (file) return "No anon yet: a private file mapping gets one only for a page it writes (copy-on-write).";
  return "No anon yet: a slot is filled when its page is first touched (anon_zero).";
}
