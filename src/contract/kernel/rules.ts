import { reserveRules } from "./rules/reserve";
import { forkRules } from "./rules/fork";
import { faultRules } from "./rules/fault";
import { pageoutRules } from "./rules/pageout";
import { unmapRules } from "./rules/unmap";
import { growRules } from "./rules/grow";
import { viewRules } from "./rules/views";

/**
 * Every modelling rule the engine follows, with the illumos function it comes from and the
 * oracles that exercise it. The rules panel lists these; test/rules.test.ts fails when a rule has
 * no oracle, names a missing one, or (for rules shown as events) never shows its function.
 * The rules themselves sit in rules/, one file per part of the VM, in the order the panel lists them.
 */

import type { Rule } from "./rules/rule";

export type { Rule };

export const RULES: Rule[] = [
  ...reserveRules,
  ...forkRules,
  ...faultRules,
  ...pageoutRules,
  ...unmapRules,
  ...growRules,
  ...viewRules,
];

export { sourceLink } from "./source";
