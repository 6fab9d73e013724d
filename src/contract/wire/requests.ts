import type { LoadTarget, Position } from "./steps";
import type { RunCut } from "./snapshot";
import type { ViewQuery } from "./views";

// What the main thread asks the worker. Every request carries an `id`, echoed by its reply.
export type Request =
  | {
      readonly v: 1;
      readonly type: "load";
      readonly id: number;
      readonly text: string;
      readonly to: LoadTarget;
      /**
       * Stop between steps once the run has taken this long (the reply says so in `cut`), so a
       * valid but slow scenario opens at the last step reached instead of outlasting the watchdog.
       */
      readonly budgetMs?: number;
      /**
       * Run only the first `steps` steps (the supervisor, after a step hung, or replaying a
       * scenario that was cut); the reply's cut gives `why`.
       */
      readonly until?: { readonly steps: number; readonly why: RunCut["why"] };
      /** the zoomed views whose windows come with the loaded snapshot */
      readonly views?: readonly ViewQuery[];
    }
  | {
      /** Run the rest of a cut timeline (gen) for another budget; answered like a load. */
      readonly v: 1;
      readonly type: "resume";
      readonly id: number;
      readonly gen: number;
      readonly budgetMs?: number;
      readonly views?: readonly ViewQuery[];
    }
  | {
      readonly v: 1;
      readonly type: "seek";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      /**
       * The client already shows pos from a snapshot sent ahead: acknowledge with an empty
       * "ahead" reply (the neighbours' snapshots follow as they are built).
       */
      readonly have?: boolean;
      /**
       * The zoomed views whose windows come with the snapshot (or the empty "ahead" reply), so
       * they are drawn in the same frame; the snapshots built ahead of this move carry them too.
       */
      readonly views?: readonly ViewQuery[];
    }
  | {
      readonly v: 1;
      readonly type: "doc";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
    }
  | {
      /**
       * What the Tables view, the printable view and the tool text show at pos: every list
       * capped at `rows` rows (docView.ts), so nothing grows with the state.
       */
      readonly v: 1;
      readonly type: "view";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      readonly rows?: number;
    }
  | {
      /** Predict mode's questions about step `step` (1-based), most telling first. */
      readonly v: 1;
      readonly type: "predict";
      readonly id: number;
      readonly gen: number;
      readonly step: number;
    }
  | {
      /**
       * What changed (engine/diff): from `from` to `pos`; without `from`, the event at pos
       * ("event": from just before it) or the whole step pos is in ("step").
       */
      readonly v: 1;
      readonly type: "changes";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      readonly scope: "event" | "step";
      readonly from?: Position;
    }
  | {
      /** The windows of zoomed views at pos, without moving (nothing is remembered). */
      readonly v: 1;
      readonly type: "views";
      readonly id: number;
      readonly gen: number;
      readonly pos: Position;
      readonly views: readonly ViewQuery[];
    };
