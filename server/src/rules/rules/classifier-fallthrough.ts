// List entries the classifier sends to its default branch, found by running the classifier with
// the local engine on each entry. When the engine cannot evaluate it, the rule says nothing.

import type { CatalogFamily } from '../../catalog/catalog';
import type { BlockContext } from '../context';
import type { Classifier, StringList } from '../detection/model';
import { addBranches, addToBranch } from '../familyEdits';
import type { Rule, RuleFinding } from '../rule';

function fallingThrough(context: BlockContext, list: StringList, classifier: Classifier): string[] {
  const values = list.entries.map((e) => e.value);
  const answers = context.classify(classifier, values);
  if (!answers) return [];
  return values.filter((_, i) => answers[i] === 'default');
}

function familyOf(context: BlockContext, list: StringList, value: string): CatalogFamily | undefined {
  return [...context.coverage(list)].find(([, entries]) => entries.some((e) => e.value === value))?.[0] ?? context.catalog.closest(value)?.family;
}

/** The branch `value` belongs in: its family's branch, or the branch whose label names it. */
function targetBranch(context: BlockContext, list: StringList, classifier: Classifier, value: string): number | undefined {
  return context.branchFor(classifier, familyOf(context, list, value), value, context.routedFamilies(list, classifier));
}

export const rule: Rule = {
  id: 'classifier-fallthrough',
  defaultSeverity: 'warning',
  summary: "A list entry that the classifier sends to its default branch.",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const list of context.rmmLists) {
      const classifier = context.classifierFor(list);
      if (!classifier) continue;
      const classifierIndex = context.detection.classifiers.indexOf(classifier);
      const fallback = classifier.fallback.label ?? '';
      for (const value of new Set(fallingThrough(context, list, classifier))) {
        const entry = list.entries.find((e) => e.value === value)!;
        const branch = targetBranch(context, list, classifier, value);
        const hint = branch === undefined ? '' : ` It probably belongs to "${classifier.branches[branch].label.value}".`;
        findings.push({
          messageId: 'fallthrough',
          start: entry.start,
          end: entry.end,
          message: `'${value}' passes the filter but ${classifier.kind}() labels it "${fallback}", its default.${hint}`,
          data: { list: list.key, classifier: classifierIndex, value },
        });
      }
    }
    return findings;
  },
  fixes(context, data) {
    const list = context.listByKey(data.list);
    const classifier = context.detection.classifiers[Number(data.classifier)];
    const value = String(data.value);
    if (!list || !classifier || !fallingThrough(context, list, classifier).includes(value)) return [];
    const branch = targetBranch(context, list, classifier, value);
    if (branch === undefined) {
      // No branch for this family yet: give it one, labelled with the family's name.
      const family = familyOf(context, list, value);
      if (!family) return [];
      return [{ title: `Add a "${family.name}" branch for '${value}'`, edits: [addBranches(context, classifier, [{ family, binaries: [value] }])], isPreferred: true }];
    }
    return [{ title: `Add '${value}' to the "${classifier.branches[branch].label.value}" branch`, edits: [addToBranch(context, classifier, branch, [value])], isPreferred: true }];
  },
};
