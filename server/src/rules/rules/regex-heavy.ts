// Regular expressions cost CPU per row. A `matches regex` whose pattern has no regex syntax at all
// is a plain substring test, and says so with a fix.

import { child, walk, type SyntaxNode } from '../../kusto/syntax';
import { namedParameter } from '../cost/tabular';
import type { Rule, RuleFinding } from '../rule';

const REGEX_FUNCTIONS = new Set(['extract', 'extract_all', 'replace_regex']);
const REGEX_SYNTAX = /[\\^$.|?*+()[\]{}]/;

interface Site {
  node: SyntaxNode;
  messageId: 'plainPattern' | 'regex';
  message: string;
  /** `matches regex` with a plain pattern: the operator to put in its place. */
  operator?: SyntaxNode;
}

function regexFunctionName(node: SyntaxNode): string | undefined {
  const name = node.symbol?.name;
  return node.kind === 'FunctionCallExpression' && name && REGEX_FUNCTIONS.has(name) ? name : undefined;
}

function sites(root: SyntaxNode): Site[] {
  const found: Site[] = [];
  walk(root, (node) => {
    if (node.kind === 'MatchesRegexExpression') {
      const operator = child(node, 'Operator')!;
      const pattern = child(node, 'Right')?.literal;
      if (pattern !== undefined && pattern.length > 0 && !REGEX_SYNTAX.test(pattern)) {
        found.push({ node: operator, operator, messageId: 'plainPattern', message: `'${pattern}' has no regex syntax: 'contains_cs' gives the same rows without running a regex on every value.` });
      } else {
        found.push({ node: operator, messageId: 'regex', message: "'matches regex' runs a regex on every row; where a term or prefix is enough, 'has' or 'startswith' is cheaper." });
      }
    }
    const name = regexFunctionName(node);
    if (name) {
      const callee = child(node, 'Name') ?? node;
      found.push({ node: callee, messageId: 'regex', message: `'${name}()' runs a regex on every row; 'parse' or 'split' is cheaper when the input is delimited.` });
    }
    if (node.kind === 'ParseOperator' || node.kind === 'ParseWhereOperator') {
      if (/^regex$/i.test(namedParameter(node, 'kind') ?? '')) {
        found.push({ node: child(node, 'ParseKeyword') ?? node, messageId: 'regex', message: "'parse kind=regex' runs a regex on every row; the default simple mode is cheaper when the input is delimited." });
      }
    }
  });
  return found;
}

export const rule: Rule = {
  id: 'regex-heavy',
  defaultSeverity: 'information',
  summary: 'matches regex, extract(), extract_all(), replace_regex() or parse kind=regex: a regex per row.',
  costWeight: 2,
  check(context) {
    return sites(context.root).map((s): RuleFinding => ({ messageId: s.messageId, start: s.node.start, end: s.node.end, message: s.message, data: { at: s.node.start } }));
  },
  fixes(context, data) {
    const site = sites(context.root).find((s) => s.node.start === data.at && s.operator);
    return site?.operator ? [{ title: 'Use contains_cs', edits: [{ start: site.operator.start, end: site.operator.end, newText: 'contains_cs' }], isPreferred: true }] : [];
  },
};
