// In-scope catalog families the detection does not cover at all: one summary, not hundreds.

import type { CatalogFamily } from '../../catalog/catalog';
import type { BlockContext } from '../context';
import { addFamilies } from '../familyEdits';
import type { Fix, Rule } from '../rule';
import { listNames, plural } from '../text';

/** How many families the message names and the quick fixes offer. */
const TOP = 5;

function uncovered(context: BlockContext): CatalogFamily[] {
  const lists = context.rmmLists;
  return context.catalog
    .inScope(context.scope)
    .filter((family) => family.binaries.length > 0)
    .filter((family) => !lists.some((list) => context.coverage(list).has(family) || family.binaries.some((b) => context.listMatches(list, b))));
}

export const rule: Rule = {
  id: 'rmm-uncovered-family',
  defaultSeverity: 'information',
  summary: 'In-scope RMM families the detection does not cover at all.',
  check(context) {
    const list = context.rmmLists[0];
    if (!list) return [];
    const missing = uncovered(context);
    if (missing.length === 0) return [];
    const top = missing.slice(0, TOP);
    return [
      {
        messageId: 'uncovered',
        start: list.anchor.start,
        end: list.anchor.end,
        message: `${plural(missing.length, 'in-scope RMM family is', 'in-scope RMM families are')} not covered by this detection. Most common: ${listNames(top.map((f) => f.name))}.`,
        data: { list: list.key, families: top.map((f) => f.id) },
      },
    ];
  },
  fixes(context, data) {
    const list = context.listByKey(data.list);
    if (!list) return [];
    const wanted = Array.isArray(data.families) ? data.families.map(String) : [];
    const still = uncovered(context).filter((f) => wanted.includes(f.id));
    const fixes: Fix[] = still.map((family) => ({
      title: `Add ${family.name} (${plural(family.binaries.length, 'binary', 'binaries')}) to the list and the classifier`,
      edits: addFamilies(context, list, [{ family, binaries: family.binaries }]),
    }));
    if (still.length > 1) {
      fixes.push({
        title: `Add the ${still.length} most common uncovered families`,
        edits: addFamilies(context, list, still.map((family) => ({ family, binaries: family.binaries }))),
      });
    }
    return fixes;
  },
};
