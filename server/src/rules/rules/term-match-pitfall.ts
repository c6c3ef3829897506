// A `has`/`has_any` needle that misses the names it is meant for, because `has` matches whole
// terms: `has "vnc"` is false for `vncviewer.exe`.

import type { BlockContext } from '../context';
import type { BranchNeedle, Comparison, Literal, StringList } from '../detection/model';
import { insertAfterEntry, quoteLike } from '../edits';
import { hasTerm, hasTermPrefix, matchesNeedle } from '../detection/terms';
import type { Fix, Rule, RuleFinding } from '../rule';
import { listNames } from '../text';

const TERM_OPERATORS = new Set(['has', 'has_any']);

interface Site {
  needle: Literal;
  comparison: Comparison;
  /** The needle's siblings: a value another needle of the same comparison matches is not missed. */
  siblings: Literal[];
  list?: StringList;
  /** The names this needle is meant for: the RMM list's entries and its families' binaries. */
  targets: string[];
}

function sites(context: BlockContext): Site[] {
  const result: Site[] = [];
  for (const list of context.rmmLists) {
    const targets = [...new Set([...list.entries.map((e) => e.value.toLowerCase()), ...[...context.coverage(list).keys()].flatMap((f) => f.binaries)])];
    for (const use of list.uses) {
      if (TERM_OPERATORS.has(use.operator) && !context.insideClassifier(use.start)) {
        for (const entry of list.entries) result.push({ needle: entry, comparison: use, siblings: list.entries, list, targets });
      }
    }
    const classifier = context.classifierFor(list);
    for (const branch of classifier?.branches ?? []) {
      for (const needle of branch.needles) {
        if (!TERM_OPERATORS.has(needle.comparison.operator)) continue;
        const siblings = branch.needles.filter((n: BranchNeedle) => n.comparison === needle.comparison);
        result.push({ needle, comparison: needle.comparison, siblings, ...(needle.list ? { list: needle.list } : {}), targets });
      }
    }
  }
  return result;
}

function misses(site: Site): string[] {
  const needle = site.needle.value.toLowerCase();
  if (needle.length < 2) return [];
  return site.targets.filter(
    (value) => value.includes(needle) && !hasTerm(value, needle) && !site.siblings.some((s) => matchesNeedle(site.comparison.operator, value, s.value)),
  );
}

function findSite(context: BlockContext, data: Record<string, unknown>): Site | undefined {
  return sites(context).find((s) => s.needle.start === data.at && s.needle.value === data.value);
}

export const rule: Rule = {
  id: 'term-match-pitfall',
  defaultSeverity: 'warning',
  summary: 'A has/has_any needle that is not a whole term of the names it is meant for.',
  check(context) {
    const findings: RuleFinding[] = [];
    const seen = new Set<number>();
    for (const site of sites(context)) {
      if (seen.has(site.needle.start)) continue;
      const missed = misses(site);
      if (missed.length === 0) continue;
      seen.add(site.needle.start);
      findings.push({
        messageId: 'notWholeTerm',
        start: site.needle.start,
        end: site.needle.end,
        message: `${site.comparison.operator} matches whole terms only, so '${site.needle.value}' never matches ${listNames(missed, 3)}.`,
        data: { at: site.needle.start, value: site.needle.value },
      });
    }
    return findings;
  },
  fixes(context, data) {
    const site = findSite(context, data);
    if (!site) return [];
    const missed = misses(site);
    if (missed.length === 0) return [];
    const { text } = context;
    const needle = site.needle;
    const comparison = site.comparison;
    const operator = missed.every((m) => hasTermPrefix(m, needle.value)) ? 'hasprefix' : 'contains';
    const fixes: Fix[] = [];
    if (!site.list) {
      fixes.push({ title: `Use ${operator} instead of ${comparison.operator}`, edits: [{ ...comparison.operatorSpan, newText: operator }], isPreferred: true });
    } else if (site.list.entries.length === 1) {
      const column = comparison.column;
      fixes.push({ title: `Use ${operator} instead of ${comparison.operator}`, edits: [{ start: comparison.start, end: comparison.end, newText: `${column} ${operator} ${text.slice(needle.start, needle.end)}` }], isPreferred: true });
    } else if (!site.list.name) {
      // Take the needle out of the list and test it on its own, in parentheses so `and` still binds.
      const index = site.list.entries.findIndex((e) => e.start === needle.start);
      const cut = index > 0 ? { start: site.list.entries[index - 1].end, end: needle.end } : { start: needle.start, end: site.list.entries[1].start };
      const rest = text.slice(comparison.start, cut.start) + text.slice(cut.end, comparison.end);
      const newText = `(${rest} or ${comparison.column} ${operator} ${text.slice(needle.start, needle.end)})`;
      fixes.push({ title: `Test '${needle.value}' with ${operator}`, edits: [{ start: comparison.start, end: comparison.end, newText }], isPreferred: true });
    }
    if (site.list) {
      const fresh = missed.filter((m) => !site.list!.entries.some((e) => e.value.toLowerCase() === m));
      if (fresh.length > 0) fixes.push({ title: `Add the whole names ${listNames(fresh, 3)}`, edits: [insertAfterEntry(text, site.list, needle, fresh)] });
    } else {
      const quoted = [needle.value, ...missed].map((v) => quoteLike(text, needle, v)).join(', ');
      fixes.push({ title: `Add the whole names ${listNames(missed, 3)}`, edits: [{ start: comparison.start, end: comparison.end, newText: `${comparison.column} has_any (${quoted})` }] });
    }
    return fixes;
  },
};
