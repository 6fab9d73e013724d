/**
 * The open lesson, whole (prose, checkpoints, scenario): for the lesson panel and the pages that
 * show it, which are loaded on first use, so lessons/lessons.ts comes with them and not with the
 * first paint. The teaching store (teach.ts) keeps only the lesson's id.
 */
import { withArch } from "../scenarios/arch";
import { LESSONS, lessonById, type Lesson } from "../lessons/lessons";
import { useTeach, type TeachState } from "./teach";

export const currentLesson = (t: TeachState): Lesson | null =>
  t.lesson ? (lessonById(t.lesson) ?? null) : null;

export function lessonAt(offset: number): Lesson | null {
  const cur = currentLesson(useTeach.getState());
  const i = cur ? LESSONS.indexOf(cur) : -1;
  return LESSONS[i + offset] ?? null;
}

/** The lesson's scenario is the one on screen (whatever its page size). */
export function lessonShown(l: Lesson, shownText: string): boolean {
  return withArch(shownText, "x86") === withArch(l.scenario, "x86");
}
