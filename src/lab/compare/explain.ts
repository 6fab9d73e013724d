import type { LabStepOut, Platform } from "../parse/lab";
import type { Cell } from "./cells";
import type { RowPair } from "./rows";

/**
 * Why a real run differs from the simulation where the lab expects it to. Each sentence is a
 * claim about illumos (or Linux) and says what the simulator leaves out.
 */

/** What the explanations know of the run so far; compare.ts builds it and walks it along. */
export interface CompareContext {
  readonly platform: Platform;
  /** a single pasted pmap -x: its process runs some other program */
  readonly single: boolean;
  /** segments a skipped pageout left resident here, per process, with the step that skipped */
  readonly pagedOut: Map<string, number>;
  /** the first step whose result differs for lack (or excess) of memory, if any */
  resourceStep: number | null;
}

type WhyKind = "image" | "program" | "pageout" | "vital" | "machine" | "linux" | "swap";

export interface Why {
  readonly kind: WhyKind;
  readonly text: string;
}

export const OTHER_ROWS =
  "Rows in no scenario segment: the C library, the runtime linker and the rest of a real process, which the simulator's processes do not have.";

export const ADDRESSES =
  "Addresses differ on every real run (the kernel chooses them), so rows are matched by segment and by their offset in it, not by address.";

const IMAGE_WHY: Record<string, string> = {
  text: "This is the lab program's own text; the simulator's standard process runs a 4-page /usr/bin/demo.",
  data: "This is the lab program's own data; the simulator's standard process has 2 pages of /usr/bin/demo data.",
  heap: "The real heap starts where the lab program's data and bss end (rounded to a page), so its row need not be the simulator's 4 pages.",
  stack:
    "A real stack starts larger than the simulator's 2 pages: exec puts the arguments, the environment and the auxiliary vector there, and the C library's calls use more.",
};

const LINUX =
  "This run is from Linux, whose VM is not illumos's: Rss counts the pages this process maps (fork copies the parent's page table entries for anonymous memory), Anonymous counts every anonymous page, copy-on-write shared or not, and a read of untouched memory maps one shared zero page, which Rss does not count. illumos gives a read its own zero-filled page and counts only resident anon pages mapped writable.";

function machine(ctx: CompareContext): Why {
  return {
    kind: "machine",
    text: `The runs went different ways at step ${ctx.resourceStep}, where a reservation came out differently: the simulated machine has the RAM and swap of the scenario's machine line (or the defaults), this machine has its own.`,
  };
}

const PROGRAM =
  "This process runs another program than the simulator's /usr/bin/demo, so its text, data, heap and stack are its own; only the scenario's own mappings can match.";

export function explainCell(
  p: RowPair,
  cells: readonly Cell[],
  ctx: CompareContext,
  proc: string,
  image: boolean,
): Why | null {
  if (image && ctx.single) return { kind: "program", text: PROGRAM };
  if (image) return { kind: "image", text: IMAGE_WHY[p.segment] ?? IMAGE_WHY.text! };
  const only = (names: string[]): boolean => cells.every((c) => c.same || names.includes(c.name));
  const skipped = ctx.pagedOut.get(`${proc}/${p.segment}`);
  if (skipped !== undefined && p.sim && p.real && only(["RSS"]))
    return {
      kind: "pageout",
      text: `Step ${skipped} (a pageout) could not run here, so the pages the simulator pushed out are still mapped and resident.`,
    };
  if (ctx.platform === "linux") return { kind: "linux", text: LINUX };
  if (ctx.resourceStep !== null) return machine(ctx);
  return null;
}

const RESOURCE = new Set(["EAGAIN", "ENOMEM", "SIGBUS"]);

export function explainResult(sim: string, real: string, step: LabStepOut, ctx: CompareContext): Why | null {
  if (real === "skipped") {
    const m = /^pageout (\S+) (\S+)/.exec(step.text);
    if (m) ctx.pagedOut.set(`${m[1]}/${m[2]}`, step.n);
    return {
      kind: "pageout",
      text: "A user program cannot make the page daemon push chosen pages out; the pages stay resident here.",
    };
  }
  if (real === "SKIPPED")
    return {
      kind: "vital",
      text: "The lab does not unmap or protect its own text, data or stack: the real process would die.",
    };
  if (RESOURCE.has(sim) || RESOURCE.has(real)) {
    ctx.resourceStep ??= step.n;
    return machine(ctx);
  }
  if (ctx.resourceStep !== null) return machine(ctx);
  if (ctx.platform === "linux") return { kind: "linux", text: LINUX };
  return null;
}

export function explainSwap(ctx: CompareContext, linux: boolean): Why {
  if (linux)
    return {
      kind: "linux",
      text: "Linux has no swap -s: Committed_AS is its own count of committed memory, for the whole system and by other rules.",
    };
  if (ctx.resourceStep !== null) return machine(ctx);
  return {
    kind: "swap",
    text: "swap -s counts the whole system: other processes reserve and free swap between the steps too (a quiet machine shows less of this).",
  };
}
