// The filter matches whole file names while the classifier matches stems: a renamed or versioned
// binary (`AnyDesk (1).exe`, `rustdesk-1.2.3-x86_64.exe`) is dropped before it is classified.

import type { BlockContext } from '../context';
import type { Comparison, StringList } from '../detection/model';
import { quoteLike } from '../edits';
import type { Rule, RuleFinding } from '../rule';
import { listNames } from '../text';

const WHOLE_NAME_OPERATORS = new Set(['has_any', 'in', 'in~', 'has', '==', '=~']);
const STEM_OPERATORS = new Set(['has', 'has_any', 'contains', 'hasprefix', 'startswith']);
const FILE_NAME = /\.[a-z0-9]{2,4}$/i;

interface Mismatch {
  list: StringList;
  use: Comparison;
  stems: string[];
}

function mismatches(context: BlockContext): Mismatch[] {
  const found: Mismatch[] = [];
  for (const list of context.rmmLists) {
    if (list.entries.filter((e) => FILE_NAME.test(e.value)).length * 2 < list.entries.length) continue;
    const classifier = context.classifierFor(list);
    if (!classifier) continue;
    const stems = [
      ...new Set(classifier.branches.flatMap((b) => b.needles).filter((n) => STEM_OPERATORS.has(n.comparison.operator) && !FILE_NAME.test(n.value)).map((n) => n.value.toLowerCase())),
    ];
    if (stems.length === 0) continue;
    for (const use of list.uses) {
      if (!use.inFilter || !WHOLE_NAME_OPERATORS.has(use.operator)) continue;
      if (alreadyFiltersStems(context, list, use, stems)) continue;
      found.push({ list, use, stems });
    }
  }
  return found;
}

/** True when the same `where` already tests the stems (e.g. after this rule's fix). */
function alreadyFiltersStems(context: BlockContext, list: StringList, use: Comparison, stems: string[]): boolean {
  return context.detection.lists.some(
    (other) =>
      other !== list &&
      other.uses.some((u) => u.inFilter && u.column === use.column && !context.insideClassifier(u.start)) &&
      stems.every((s) => other.entries.some((e) => e.value.toLowerCase() === s)),
  );
}

function rewrite(context: BlockContext, m: Mismatch): string {
  const original = context.text.slice(m.use.start, m.use.end);
  const stems = m.stems.map((s) => quoteLike(context.text, m.list.entries[0], s)).join(', ');
  return `(${original} or ${m.use.column} has_any (${stems}))`;
}

export const rule: Rule = {
  id: 'filter-classifier-mismatch',
  defaultSeverity: 'information',
  summary: 'The filter matches whole file names while the classifier matches stems.',
  check(context) {
    return mismatches(context).map((m): RuleFinding => {
      const example = m.stems[0];
      return {
        messageId: 'wholeNamesVsStems',
        start: m.use.start,
        end: m.use.end,
        message:
          `This filter only lets through exact names from its list, while the classifier matches stems (${listNames(m.stems.map((s) => `"${s}"`), 4)}). ` +
          `Renamed or versioned binaries such as '${example} (1).exe' or '${example}-1.2.3.exe' are dropped before they are classified. ` +
          `Suggested rewrite: ${rewrite(context, m)}`,
        data: { list: m.list.key, at: m.use.start },
      };
    });
  },
  fixes(context, data) {
    const m = mismatches(context).find((x) => x.list.key === data.list && x.use.start === data.at);
    if (!m) return [];
    return [{ title: "Let the classifier's stems through the filter too", edits: [{ start: m.use.start, end: m.use.end, newText: rewrite(context, m) }] }];
  },
};
