// Every detection rule, sorted by id (a test checks the order and that id = file name).

import { rule as classifierFallthrough } from './rules/classifier-fallthrough';
import { rule as duplicateListEntry } from './rules/duplicate-list-entry';
import { rule as filterClassifierMismatch } from './rules/filter-classifier-mismatch';
import { rule as rmmMissingBinary } from './rules/rmm-missing-binary';
import { rule as rmmUncoveredFamily } from './rules/rmm-uncovered-family';
import { rule as rmmUnknownBinary } from './rules/rmm-unknown-binary';
import { rule as termMatchPitfall } from './rules/term-match-pitfall';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  classifierFallthrough,
  duplicateListEntry,
  filterClassifierMismatch,
  rmmMissingBinary,
  rmmUncoveredFamily,
  rmmUnknownBinary,
  termMatchPitfall,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
