import type { StepCompare } from "./compare/compare";
import type { StepHint } from "./emit_c";
import type { LabRun } from "./parse/lab";
import type { PmapBlock, Problem } from "./parse/pmap";
import type { SwapS } from "./parse/swap";

/** Messages between the compare view and its worker (lab.worker.ts). */

export type LabRequest =
  | { readonly id: number; readonly kind: "expected"; readonly scenario: string; readonly title: string }
  | {
      readonly id: number;
      readonly kind: "c";
      readonly scenario: string;
      readonly title: string;
      readonly hints: readonly StepHint[];
    }
  | { readonly id: number; readonly kind: "compare"; readonly scenario: string; readonly pasted: string };

type RunInfo = Pick<LabRun, "title" | "machine" | "platform" | "ended" | "failed" | "problems">;

export type LabReply =
  | { readonly id: number; readonly kind: "expected" | "c"; readonly text: string }
  | { readonly id: number; readonly kind: "problem"; readonly problem: Problem }
  | {
      readonly id: number;
      readonly kind: "lab";
      readonly run: RunInfo;
      readonly steps: readonly StepCompare[];
    }
  | { readonly id: number; readonly kind: "pmap"; readonly block: PmapBlock; readonly swap: SwapS | null };
