// Edits that add binaries to a detection: into its list, and into its classifier when the
// classifier would not label them (a needle in the family's branch, or a new branch).

import type { CatalogFamily } from '../catalog/catalog';
import type { BlockContext } from './context';
import type { Classifier, StringList } from './detection/model';
import { appendGroup, insertAfterEntry, quoteLike } from './edits';
import type { TextEdit } from './rule';

const LIST_OPERATORS = new Set(['has_any', 'in~', 'in']);

export interface FamilyAddition {
  family: CatalogFamily;
  binaries: string[];
}

/** Edits adding each family's binaries to `list` and, when needed, to the classifier. */
export function addFamilies(context: BlockContext, list: StringList, additions: FamilyAddition[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const coverage = context.coverage(list);
  const newGroups: string[][] = [];
  for (const { family, binaries } of additions) {
    const present = coverage.get(family);
    if (present) edits.push(insertAfterEntry(context.text, list, present[present.length - 1], binaries));
    else newGroups.push(binaries);
  }
  if (newGroups.length > 0) {
    const groups = newGroups.map((group) => appendGroup(context.text, list, group));
    edits.push({ ...groups[0], newText: groups.map((g) => g.newText).join('') });
  }
  const classifier = context.classifierFor(list);
  if (classifier) edits.push(...classifierEdits(context, list, classifier, additions));
  return mergeInserts(edits);
}

function classifierEdits(context: BlockContext, list: StringList, classifier: Classifier, additions: FamilyAddition[]): TextEdit[] {
  const routed = context.routedFamilies(list, classifier);
  const perBranch = new Map<number, string[]>();
  const newBranches: FamilyAddition[] = [];
  for (const { family, binaries } of additions) {
    const branch = context.branchFor(classifier, family, binaries[0] ?? '', routed);
    if (branch === undefined) {
      newBranches.push({ family, binaries });
      continue;
    }
    const answers = context.classify(classifier, binaries);
    const needed = binaries.filter((_, i) => answers?.[i] !== branch);
    if (needed.length > 0) perBranch.set(branch, [...(perBranch.get(branch) ?? []), ...needed]);
  }
  const edits = [...perBranch].map(([branch, values]) => addToBranch(context, classifier, branch, values));
  if (newBranches.length > 0) edits.push(addBranches(context, classifier, newBranches));
  return edits;
}

/** Adds `values` as needles of branch `index`: into its inline list, or as `or <column> in~ (…)`. */
export function addToBranch(context: BlockContext, classifier: Classifier, index: number, values: string[]): TextEdit {
  const branch = classifier.branches[index];
  const container = branch.needles.find((n) => n.list && n.list.key.startsWith('at:') && LIST_OPERATORS.has(n.comparison.operator))?.list;
  if (container) {
    const fresh = values.filter((v) => !container.entries.some((e) => e.value.toLowerCase() === v.toLowerCase()));
    return insertAfterEntry(context.text, container, container.entries[container.entries.length - 1], fresh);
  }
  const column = branch.needles[0]?.comparison.column ?? classifier.columns[0];
  const quoted = values.map((v) => quoteLike(context.text, branch.needles[0], v)).join(', ');
  return { start: branch.condition.end, end: branch.condition.end, newText: ` or ${column} in~ (${quoted})` };
}

/** New branches labelled with the family names, before the default (`case`) or around it (`iff`). */
export function addBranches(context: BlockContext, classifier: Classifier, additions: FamilyAddition[]): TextEdit {
  const { text } = context;
  const last = classifier.branches[classifier.branches.length - 1];
  const template = [...classifier.branches].reverse().flatMap((b) => b.needles).find((n) => LIST_OPERATORS.has(n.comparison.operator));
  const operator = template?.comparison.operator ?? 'has_any';
  const column = template?.comparison.column ?? classifier.columns[0];
  const condition = (values: string[]) => `${column} ${operator} (${values.map((v) => quoteLike(text, template, v)).join(', ')})`;
  if (classifier.kind === 'case') {
    const comma = text.indexOf(',', last.label.end);
    const gap = comma >= 0 && comma < classifier.fallback.start ? text.slice(comma + 1, classifier.fallback.start) : ' ';
    const newText = additions.map(({ family, binaries }) => `${condition(binaries)}, ${quoteLike(text, last.label, family.name)},${gap}`).join('');
    return { start: classifier.fallback.start, end: classifier.fallback.start, newText };
  }
  let expression = text.slice(classifier.fallback.start, classifier.fallback.end);
  for (const { family, binaries } of [...additions].reverse()) expression = `iff(${condition(binaries)}, ${quoteLike(text, last.label, family.name)}, ${expression})`;
  return { start: classifier.fallback.start, end: classifier.fallback.end, newText: expression };
}

/** Joins insertions at the same offset into one edit, in order, so no two edits overlap. */
export function mergeInserts(edits: TextEdit[]): TextEdit[] {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    if (edit.start === edit.end && edit.newText === '') continue;
    const same = result.find((e) => e.start === edit.start && e.end === edit.start && edit.start === edit.end);
    if (same) same.newText += edit.newText;
    else result.push({ ...edit });
  }
  return result;
}
