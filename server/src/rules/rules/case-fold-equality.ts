// tolower(x) == "abc" folds every value before comparing; x =~ "abc" compares case-insensitively
// and can use the index. Offered as a fix when the literal is already in the folded case, since
// only then do both give the same rows.

import { child, listElements, walk, type SyntaxNode } from '../../kusto/syntax';
import type { Rule, RuleFinding } from '../rule';

const FOLDS: Record<string, (s: string) => string> = { tolower: (s) => s.toLowerCase(), toupper: (s) => s.toUpperCase() };
const INSENSITIVE: Record<string, string> = { EqualExpression: '=~', NotEqualExpression: '!~' };

interface Site {
  comparison: SyntaxNode;
  fold: string;
  /** The folded argument's text, and the literal, when `=~`/`!~` gives the same rows. */
  rewrite?: string;
}

function sites(text: string, root: SyntaxNode): Site[] {
  const found: Site[] = [];
  walk(root, (node) => {
    const operator = INSENSITIVE[node.kind];
    if (!operator) return;
    const left = child(node, 'Left');
    const right = child(node, 'Right');
    const [call, other] = isFold(left) ? [left!, right] : isFold(right) ? [right!, left] : [undefined, undefined];
    if (!call) return;
    const fold = call.symbol!.name;
    const argument = listElements(child(child(call, 'ArgumentList')!, 'Expressions'))[0];
    const literal = other?.literal;
    const rewrite = argument && other && literal !== undefined && FOLDS[fold](literal) === literal
      ? `${text.slice(argument.start, argument.end)} ${operator} ${text.slice(other.start, other.end)}`
      : undefined;
    found.push({ comparison: node, fold, ...(rewrite ? { rewrite } : {}) });
  });
  return found;
}

function isFold(node: SyntaxNode | undefined): boolean {
  return node?.kind === 'FunctionCallExpression' && (node.symbol?.name ?? '') in FOLDS;
}

export const rule: Rule = {
  id: 'case-fold-equality',
  defaultSeverity: 'information',
  summary: 'tolower()/toupper() around == or !=, where =~ or !~ compares case-insensitively without folding every value.',
  costWeight: 2,
  check(context) {
    return sites(context.text, context.root).map(({ comparison, fold }): RuleFinding => ({
      messageId: 'caseFold',
      start: comparison.start,
      end: comparison.end,
      message: `'${fold}()' folds every value before comparing and keeps the index from helping; '${INSENSITIVE[comparison.kind]}' compares case-insensitively.`,
      data: { at: comparison.start },
    }));
  },
  fixes(context, data) {
    const site = sites(context.text, context.root).find((s) => s.comparison.start === data.at);
    return site?.rewrite ? [{ title: `Use ${INSENSITIVE[site.comparison.kind]}`, edits: [{ start: site.comparison.start, end: site.comparison.end, newText: site.rewrite }], isPreferred: true }] : [];
  },
};
