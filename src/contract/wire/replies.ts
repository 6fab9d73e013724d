import type { ParseError } from "../ast";
import type { VmDoc } from "../doc";
import type { DocView } from "../docView";
import type { Question } from "../question";
import type { Change } from "../change";
import type { Position, StepInfo } from "./steps";
import type { RunCut, Snapshot, StepFault } from "./snapshot";
import type { ViewWindow } from "./views";

// What the worker answers: the `id` it answers, and a worker-wide sequence number `seq`, so the
// client can drop stale replies. Snapshots carry the generation `gen` of their timeline.
export type Reply =
  | {
      readonly v: 1;
      readonly type: "loaded";
      readonly id: number;
      readonly seq: number;
      readonly gen: number;
      readonly steps: readonly StepInfo[];
      readonly snapshot: Snapshot;
      /** the engine threw inside this step (a bug): `steps` stop just before it */
      readonly fault?: StepFault;
      /** the run stopped early: `steps` holds the first `ran` of the scenario's `of` steps */
      readonly cut?: RunCut;
      /** the windows of the views the load asked for, at the snapshot's position */
      readonly views?: readonly ViewWindow[];
    }
  | {
      /**
       * Liveness (client.ts): the worker has started (id 0), has taken request `id` ("ack", sent
       * before the work), or is doing work of its own between requests (id 0, `on`).
       */
      readonly v: 1;
      readonly type: "ack" | "ready" | "working";
      readonly id: number;
      readonly seq: number;
      readonly on?: boolean;
    }
  | {
      /** A load is running: `step` of `of` steps done (sent at most a few times a second). */
      readonly v: 1;
      readonly type: "progress";
      readonly id: number;
      readonly seq: number;
      readonly step: number;
      readonly of: number;
    }
  | {
      readonly v: 1;
      readonly type: "parse-error";
      readonly id: number;
      readonly seq: number;
      readonly error: ParseError;
    }
  | {
      readonly v: 1;
      readonly type: "snapshot";
      readonly id: number;
      readonly seq: number;
      readonly snapshot: Snapshot;
      /** the windows of the views the seek asked for, at the snapshot's position */
      readonly views?: readonly ViewWindow[];
    }
  | {
      /**
       * Snapshots of positions the user is likely to step to next, for the client to keep: a
       * step key then shows one at once, in the same frame, with no round trip. The worker
       * pushes each (id 0) once it has built it while idle; a seek with `have` is answered by
       * an empty one.
       */
      readonly v: 1;
      readonly type: "ahead";
      readonly id: number;
      readonly seq: number;
      readonly snapshots: readonly Snapshot[];
      /**
       * for the scrubber's cache (scrub.ts): kept until the timeline or the view changes, or
       * until a later reply names the position in `drop`
       */
      readonly scrub?: true;
      readonly drop?: readonly Position[];
      /**
       * the windows of the views the move asked for, at the snapshots' positions (each window
       * names its position); for a seek with `have`, at the position moved to
       */
      readonly views?: readonly ViewWindow[];
    }
  | { readonly v: 1; readonly type: "doc"; readonly id: number; readonly seq: number; readonly doc: VmDoc }
  | {
      readonly v: 1;
      readonly type: "view";
      readonly id: number;
      readonly seq: number;
      readonly view: DocView;
    }
  | {
      readonly v: 1;
      readonly type: "predict";
      readonly id: number;
      readonly seq: number;
      readonly step: number;
      readonly questions: readonly Question[];
    }
  | {
      readonly v: 1;
      readonly type: "changes";
      readonly id: number;
      readonly seq: number;
      /** the two positions compared, after clamping */
      readonly from: Position;
      readonly to: Position;
      readonly items: readonly Change[];
      readonly folded: number;
    }
  | {
      readonly v: 1;
      readonly type: "views";
      readonly id: number;
      readonly seq: number;
      readonly views: readonly ViewWindow[];
    }
  | {
      readonly v: 1;
      readonly type: "failed";
      readonly id: number;
      readonly seq: number;
      readonly message: string;
    };
