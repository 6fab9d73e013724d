/** What the highlighted objects of an event are, by id: the engine names them, every panel marks them. */
export interface EventRefs {
  proc?: string;
  seg?: string;
  page?: number;
  anon?: number;
  frame?: number;
  amp?: number;
  swapSlot?: number;
  /** the page a copy-on-write copies from */
  from?: number;
}
