// `contains` with a needle whose ends are already term boundaries: `has` gives the same rows and
// can use the term index, where `contains` scans every value.

import { child, walk, type SyntaxNode } from '../../kusto/syntax';
import type { Rule, RuleFinding } from '../rule';

/** The `has` operator that matches exactly what each `contains` operator matches for such a needle. */
const REPLACEMENT: Record<string, string> = {
  ContainsExpression: 'has',
  ContainsCsExpression: 'has_cs',
  NotContainsExpression: '!has',
  NotContainsCsExpression: '!has_cs',
};

const isTermChar = (ch: string): boolean => /[A-Za-z0-9]/.test(ch);

/**
 * True when `has` cannot differ from `contains` and the index can serve it: the needle starts and
 * ends outside a term and holds a term of three or more characters (the shortest Kusto indexes).
 */
export function boundedByNonTermChars(needle: string): boolean {
  return needle.length > 0 && !isTermChar(needle[0]) && !isTermChar(needle[needle.length - 1]) && /[A-Za-z0-9]{3}/.test(needle);
}

function sites(root: SyntaxNode): { operator: SyntaxNode; replacement: string; needle: string }[] {
  const found: { operator: SyntaxNode; replacement: string; needle: string }[] = [];
  walk(root, (node) => {
    const replacement = REPLACEMENT[node.kind];
    const needle = child(node, 'Right')?.literal;
    const operator = child(node, 'Operator');
    if (replacement && operator && needle !== undefined && boundedByNonTermChars(needle)) found.push({ operator, replacement, needle });
  });
  return found;
}

export const rule: Rule = {
  id: 'prefer-has',
  defaultSeverity: 'information',
  summary: 'contains with a needle that begins and ends outside a term, where has matches the same and uses the term index.',
  costWeight: 1,
  check(context) {
    return sites(context.root).map(({ operator, replacement, needle }): RuleFinding => ({
      messageId: 'sameMatches',
      start: operator.start,
      end: operator.end,
      message: `'${operator.text}' scans every value; '${needle}' begins and ends outside a term, so '${replacement}' matches exactly the same values and can use the term index.`,
      data: { at: operator.start, replacement },
    }));
  },
  fixes(context, data) {
    const site = sites(context.root).find((s) => s.operator.start === data.at && s.replacement === data.replacement);
    return site ? [{ title: `Use ${site.replacement}`, edits: [{ start: site.operator.start, end: site.operator.end, newText: site.replacement }], isPreferred: true }] : [];
  },
};
