/**
 * Which panel a kernel event is about, for the compact layout (one panel at a time): the one
 * that draws what the event changes, as every panel already marks the event's objects (the
 * event's refs, nowOf). A page copy is Physical memory's; the pageout path, swap I/O and swap
 * reservation are Swap's; anon slots, anons and anon maps are the Anon layer's; mappings,
 * processes and translations are Address spaces'. The steps on the way in (trap, pagefault,
 * as_fault, segvn_fault) name no object of their own: they leave the panel where it is. Pure.
 */
import { nowOf } from "../../state/now";
import type { EventInfo } from "../../contract/wire/protocol";

/** The panels the compact layout switches between (lesson and tables when they are open). */
export type TabId = "anon" | "address" | "physical" | "swap" | "console" | "scenario" | "lesson" | "tables";

/** The four drawings (the table view stands in for all four while it is on). */
export type Diagram = "anon" | "address" | "physical" | "swap";

/** The pageout path, swap I/O and reservation: drawn in the Swap panel (slots, swap -s figures). */
const SWAP_FNS: ReadonlySet<string> = new Set([
  "pageout",
  "checkpage",
  "swap_putapage",
  "pvn_write_done",
  "page_get_cachelist",
  "swap_getapage",
  "swapadd",
  "swapctl",
  "swapfs_recalc",
  "anon_resvmem",
  "anon_unresvmem",
]);

/** Mappings, processes and translations: drawn in Address spaces. */
const ADDRESS_FNS: ReadonlySet<string> = new Set([
  "exec_common",
  "exec_args",
  "getproc",
  "cfork",
  "as_dup",
  "exit",
  "smmap_common",
  "segvn_create",
  "segvn_extend_prev",
  "segvn_extend_next",
  "as_unmap",
  "segvn_unmap",
  "as_setprot",
  "segvn_setprot",
  "grow",
  "grow_internal",
  "brk_internal",
]);

const isAnon = (fn: string): boolean => fn.startsWith("anon");
const isHat = (fn: string): boolean => fn.startsWith("hat_");

/** The panel that draws what `ev` does, or null for an event that names nothing of its own. */
export function eventPanel(ev: EventInfo | null): Diagram | null {
  if (!ev) return null;
  const now = nowOf(ev);
  const r = now.refs;
  if (now.copy) return "physical";
  if (r.swapSlot !== undefined || SWAP_FNS.has(ev.fn)) return "swap";
  if (r.anon !== undefined || r.amp !== undefined || isAnon(ev.fn)) return "anon";
  if (ADDRESS_FNS.has(ev.fn) || isHat(ev.fn)) return "address";
  if (r.frame !== undefined) return "physical";
  return null;
}

/** Every drawing that marks one of the event's objects (the tabs show a dot on these). */
export function eventMarks(ev: EventInfo | null): ReadonlySet<Diagram> {
  const out = new Set<Diagram>();
  if (!ev) return out;
  const now = nowOf(ev);
  const r = now.refs;
  const page = r.page !== undefined && r.seg !== undefined;
  if (page || ADDRESS_FNS.has(ev.fn) || isHat(ev.fn)) out.add("address");
  if (page || now.anons.size > 0 || r.amp !== undefined || isAnon(ev.fn)) out.add("anon");
  if (now.frames.size > 0) out.add("physical");
  if (r.swapSlot !== undefined || SWAP_FNS.has(ev.fn)) out.add("swap");
  return out;
}
