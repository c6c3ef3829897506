// For each family a detection's list covers, the strong catalog binaries the list lacks.

import type { CatalogFamily } from '../../catalog/catalog';
import type { BlockContext } from '../context';
import type { StringList } from '../detection/model';
import { addFamilies } from '../familyEdits';
import type { Fix, Rule, RuleFinding } from '../rule';
import { listNames, plural } from '../text';

function missingOf(context: BlockContext, list: StringList, family: CatalogFamily): string[] {
  return family.binaries.filter((binary) => !context.listMatches(list, binary));
}

function familiesWithGaps(context: BlockContext, list: StringList): { family: CatalogFamily; missing: string[] }[] {
  return [...context.coverage(list).keys()].map((family) => ({ family, missing: missingOf(context, list, family) })).filter((g) => g.missing.length > 0);
}

export const rule: Rule = {
  id: 'rmm-missing-binary',
  defaultSeverity: 'warning',
  summary: 'A family the detection covers has catalog binaries its list lacks.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const list of context.rmmLists) {
      for (const [family, entries] of context.coverage(list)) {
        const missing = missingOf(context, list, family);
        if (missing.length === 0) continue;
        findings.push({
          messageId: 'missing',
          start: entries[0].start,
          end: entries[0].end,
          message: `${family.name}: the catalog knows ${plural(missing.length, 'more binary', 'more binaries')} this list lacks: ${listNames(missing)}.`,
          data: { list: list.key, family: family.id },
        });
      }
    }
    return findings;
  },
  fixes(context, data) {
    const list = context.listByKey(data.list);
    const family = context.catalog.family(String(data.family));
    if (!list || !family) return [];
    const missing = missingOf(context, list, family);
    if (missing.length === 0) return [];
    const fixes: Fix[] = [
      { title: `Add ${plural(missing.length, `missing ${family.name} binary`, `missing ${family.name} binaries`)}`, edits: addFamilies(context, list, [{ family, binaries: missing }]), isPreferred: true },
    ];
    const all = familiesWithGaps(context, list);
    if (all.length > 1) {
      const count = all.reduce((n, g) => n + g.missing.length, 0);
      fixes.push({
        title: `Add all ${count} missing binaries of the ${all.length} covered families`,
        edits: addFamilies(context, list, all.map(({ family: f, missing: m }) => ({ family: f, binaries: m }))),
      });
    }
    return fixes;
  },
};
