/** One modelling rule: what the engine does, the illumos function it follows, the oracles that check it. */
export interface Rule {
  id: string;
  /** the rule, in one plain sentence */
  text: string;
  fn: string;
  src: string;
  /** oracle files (test/oracles or test/oracles-extra) that check the rule */
  oracles: string[];
  /** false when the function works in a view (pmap, swap -s) and is not an event of a step */
  event?: false;
}
