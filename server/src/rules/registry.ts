// Every detection rule, sorted by id (a test checks the order and that id = file name).

import { rule as caseFoldEquality } from './rules/case-fold-equality';
import { rule as classifierFallthrough } from './rules/classifier-fallthrough';
import { rule as crossClusterReference } from './rules/cross-cluster-reference';
import { rule as duplicateListEntry } from './rules/duplicate-list-entry';
import { rule as filterAfterJoin } from './rules/filter-after-join';
import { rule as filterClassifierMismatch } from './rules/filter-classifier-mismatch';
import { rule as missingTimeFilter } from './rules/missing-time-filter';
import { rule as noReduction } from './rules/no-reduction';
import { rule as preferHas } from './rules/prefer-has';
import { rule as regexHeavy } from './rules/regex-heavy';
import { rule as rmmMissingBinary } from './rules/rmm-missing-binary';
import { rule as rmmUncoveredFamily } from './rules/rmm-uncovered-family';
import { rule as rmmUnknownBinary } from './rules/rmm-unknown-binary';
import { rule as shortTermNeedle } from './rules/short-term-needle';
import { rule as summarizeBeforeFilter } from './rules/summarize-before-filter';
import { rule as termMatchPitfall } from './rules/term-match-pitfall';
import { rule as timeFilterOffTimeColumn } from './rules/time-filter-off-time-column';
import { rule as unboundedMvExpand } from './rules/unbounded-mv-expand';
import { rule as unboundedSort } from './rules/unbounded-sort';
import { rule as unorderedTake } from './rules/unordered-take';
import { rule as unscopedSearch } from './rules/unscoped-search';
import { rule as unwindowedJoin } from './rules/unwindowed-join';
import { rule as wideExtend } from './rules/wide-extend';
import { rule as wildcardUnion } from './rules/wildcard-union';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  caseFoldEquality,
  classifierFallthrough,
  crossClusterReference,
  duplicateListEntry,
  filterAfterJoin,
  filterClassifierMismatch,
  missingTimeFilter,
  noReduction,
  preferHas,
  regexHeavy,
  rmmMissingBinary,
  rmmUncoveredFamily,
  rmmUnknownBinary,
  shortTermNeedle,
  summarizeBeforeFilter,
  termMatchPitfall,
  timeFilterOffTimeColumn,
  unboundedMvExpand,
  unboundedSort,
  unorderedTake,
  unscopedSearch,
  unwindowedJoin,
  wideExtend,
  wildcardUnion,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
