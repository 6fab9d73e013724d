/**
 * What the engine is doing, for the busy sign and the slow-scenario bar: whether a request has
 * been waiting (the client's "busy" events), how far a running load got, and whether the
 * scenario on screen was cut short (a valid scenario too slow to run in one go). Kept apart from
 * the main store: it changes while the engine works, and only two small components read it.
 */
import { create } from "zustand";
import type { RunCut } from "../contract/wire/protocol";

export interface EngineStatus {
  readonly busy: boolean;
  readonly progress: { readonly step: number; readonly of: number } | null;
  /** the timeline on screen holds only the first `cut.ran` steps of its scenario */
  readonly cut: RunCut | null;
}

export const useEngineStatus = create<EngineStatus>()(() => ({ busy: false, progress: null, cut: null }));

export const setBusy = (busy: boolean): void =>
  useEngineStatus.setState(busy ? { busy } : { busy, progress: null });
export const setProgress = (step: number, of: number): void =>
  useEngineStatus.setState({ progress: { step, of } });
export const setCut = (cut: RunCut | null): void => useEngineStatus.setState({ cut, progress: null });
