/**
 * Hard limits on what one scenario may ask for. Every input path (URL, editor, preset, CLI)
 * goes through one gate (load.ts: the URL codec, then the parser), which refuses a scenario
 * past the text limits with a message naming the limit; the engine refuses, as a step result
 * with an event naming the limit, what only running can tell (processes, segments, mapped
 * pages). So a hostile link can never hang the engine or exhaust a tab's memory.
 */
export const LIMITS = {
  /** characters of a share link's fragment (checked before anything is decoded) */
  fragmentChars: 2_000_000,
  /** characters of scenario text */
  scenarioChars: 256 * 1024,
  /** operations (steps) in one scenario */
  steps: 5000,
  /** processes ever spawned or forked in one scenario */
  processes: 64,
  /** segments in one address space (mmap and a split by munmap each add one) */
  segments: 256,
  /** pages mapped by all live processes together (every snapshot walks them) */
  mappedPages: 1 << 25,
  /** pages in one mmap, sbrk or stack statement, and in one file */
  segmentPages: 1 << 24,
  /** pages of RAM and of the swap device (16 GiB of 4 KB pages) */
  machinePages: 1 << 22,
  /** pages all the read, write, pageout and stack statements of a scenario touch together */
  touchTotal: 1 << 24,
  /** declared files */
  files: 64,
  /** pages one read/write/pageout statement may touch */
  touchPages: 1 << 22,
  /** records (page slots, anons, named pages) the CLI's JSON document may hold: one object each */
  docRecords: 1 << 21,
} as const;

/** Defaults for the `machine` line, in bytes, so both page sizes get the same memory. */
export const DEFAULT_MACHINE = {
  arch: "x86",
  ramBytes: 2 * 1024 * 1024 * 1024,
  swapBytes: 4 * 1024 * 1024 * 1024,
} as const;

export const PAGE_SIZE = { x86: 4096, sparc: 8192 } as const;
