// The same value twice in one list, compared case-insensitively.

import type { Rule, RuleFinding } from '../rule';
import { removeEntry } from '../edits';

export const rule: Rule = {
  id: 'duplicate-list-entry',
  defaultSeverity: 'warning',
  summary: 'A list holds the same value twice (ignoring case).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const list of context.detection.lists) {
      const seen = new Map<string, string>();
      for (const entry of list.entries) {
        const key = entry.value.toLowerCase();
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, entry.value);
          continue;
        }
        findings.push({ messageId: 'duplicate', start: entry.start, end: entry.end, message: `'${entry.value}' is already in this list as '${first}'.`, data: { list: list.key, value: entry.value } });
      }
    }
    return findings;
  },
  fixes(context, data) {
    const list = context.listByKey(data.list);
    if (!list || typeof data.value !== 'string') return [];
    const key = data.value.toLowerCase();
    // Every copy after the first goes, so a second application finds nothing left to remove.
    const copies = list.entries.map((e, i) => (e.value.toLowerCase() === key ? i : -1)).filter((i) => i >= 0).slice(1);
    if (copies.length === 0) return [];
    return [{ title: `Remove duplicate '${data.value}'`, edits: copies.map((i) => removeEntry(list, i)), isPreferred: true }];
  },
};
