import { clampPos, endPos, samePos } from "../contract/position";
import { jumpStart, stepForward } from "./actions";
import { local } from "./local";
import { setSlice, useApp } from "./store";
const get = () => useApp.getState();

// Play: the position moves forward at the chosen speed until the end.
const my = local(
  () => ({ playTimer: null as ReturnType<typeof setInterval> | null }),
  (m) => {
    if (m.playTimer) clearInterval(m.playTimer);
  },
);
export function setPlaying(on: boolean): void {
  if (my.playTimer) clearInterval(my.playTimer);
  my.playTimer = null;
  setSlice("view", { playing: on });
  if (!on) return;
  const e = get().engine;
  if (samePos(clampPos(e.steps, e.pos), endPos(e.steps))) jumpStart();
  my.playTimer = setInterval(() => {
    const en = get().engine;
    if (samePos(clampPos(en.steps, en.pos), endPos(en.steps))) setPlaying(false);
    else stepForward();
  }, 1000 / get().view.speed);
}

export const togglePlay = (): void => setPlaying(!get().view.playing);

export function setSpeed(speed: number): void {
  setSlice("view", { speed });
  if (get().view.playing) setPlaying(true);
}
