// List entries the catalog does not know, with the closest catalog name as a suggestion.

import type { CatalogFamily } from '../../catalog/catalog';
import type { BlockContext } from '../context';
import type { StringList } from '../detection/model';
import { quoteLike, removeEntry } from '../edits';
import type { Fix, Rule, RuleFinding } from '../rule';
import { listNames } from '../text';

type Advice =
  /** A near miss of a real name: `ammyyadmin.exe` → `ammyy_admin.exe`. */
  | { kind: 'misspelt'; binary: string; family: CatalogFamily }
  /** The vendor's name with `.exe` appended: `chrome_remote_desktop.exe`. */
  | { kind: 'invented'; family: CatalogFamily }
  /** Named after a vendor but not a known binary: `splashtopremote.exe`. */
  | { kind: 'unlisted'; family: CatalogFamily };

function advise(context: BlockContext, value: string): Advice | undefined {
  const closest = context.catalog.closest(value);
  if (closest) return { kind: 'misspelt', binary: closest.binary, family: closest.family };
  const named = context.catalog.familyNamedBy(value);
  if (!named || named.family.binaries.length === 0) return undefined;
  return { kind: named.exact ? 'invented' : 'unlisted', family: named.family };
}

function message(value: string, advice: Advice | undefined): string {
  const head = `'${value}' is not a binary name the RMM catalog knows.`;
  if (!advice) return head;
  if (advice.kind === 'misspelt') return `${head} Did you mean '${advice.binary}' (${advice.family.name})?`;
  return `${head} ${advice.family.name}'s known binaries are ${listNames(advice.family.binaries)}.`;
}

function absent(list: StringList, binaries: string[]): string[] {
  return binaries.filter((b) => !list.entries.some((e) => e.value.toLowerCase() === b));
}

export const rule: Rule = {
  id: 'rmm-unknown-binary',
  defaultSeverity: 'warning',
  summary: 'A list entry that no catalog family names.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const list of context.rmmLists) {
      for (const entry of list.entries) {
        if (context.catalog.knows(entry.value)) continue;
        const advice = advise(context, entry.value);
        findings.push({ messageId: advice?.kind ?? 'unknown', start: entry.start, end: entry.end, message: message(entry.value, advice), data: { list: list.key, value: entry.value } });
      }
    }
    return findings;
  },
  fixes(context, data) {
    const list = context.listByKey(data.list);
    const index = list ? list.entries.findIndex((e) => e.value === data.value) : -1;
    if (!list || index < 0) return [];
    const entry = list.entries[index];
    const advice = advise(context, entry.value);
    if (!advice || advice.kind === 'unlisted') return [];
    const replacements = absent(list, advice.kind === 'misspelt' ? [advice.binary] : advice.family.binaries);
    if (replacements.length === 0) {
      return [{ title: `Remove '${entry.value}' (the list already has ${advice.kind === 'misspelt' ? `'${advice.binary}'` : `every ${advice.family.name} binary`})`, edits: [removeEntry(list, index)] }];
    }
    const newText = replacements.map((b) => quoteLike(context.text, entry, b)).join(', ');
    const title = replacements.length === 1 ? `Replace with '${replacements[0]}'` : `Replace with the ${replacements.length} ${advice.family.name} binaries the list lacks`;
    const fix: Fix = { title, edits: [{ start: entry.start, end: entry.end, newText }], isPreferred: advice.kind === 'misspelt' };
    return [fix];
  },
};
