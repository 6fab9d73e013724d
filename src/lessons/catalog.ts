/**
 * The lessons' menu: each lesson's id and title, in order, without its prose and scenario
 * (lessons.ts), which are loaded when a lesson opens. The first paint carries only this; the
 * titles are the `# title:` lines of the lesson files, and lessons.test.ts fails if they drift.
 */
export interface LessonEntry {
  readonly id: string;
  /** 1-based position in the walk */
  readonly n: number;
  readonly title: string;
}

export const LESSON_CATALOG: readonly LessonEntry[] = [
  { id: "anonymous-memory", n: 1, title: "What anonymous memory is" },
  { id: "file-mapping", n: 2, title: "A file mapping: pages named (vnode, offset)" },
  { id: "dev-zero", n: 3, title: "/dev/zero and MAP_ANON: a name made up on swapfs" },
  { id: "anon-map", n: 4, title: "anon_map, anon_hdr and the array of anon slots" },
  { id: "fork-cow", n: 5, title: "fork shares the pages, a write copies them" },
  { id: "swap", n: 6, title: "Swap reservation and pageout" },
];

/** Whether `id` names a lesson. */
export function isLesson(id: string): boolean {
  return LESSON_CATALOG.some((l) => l.id === id);
}
