// Reads a query block's plain syntax tree and finds its string lists, the comparisons of
// process-name columns that use them, and `case()`/`iff()` classifiers over those columns.
// Works on the shape of the query, never on its text: any detection of this kind is understood.

import { child, listElements, parentMap, walk, type SyntaxNode } from '../../kusto/syntax';
import { columnOf, isProcessNameColumn } from './columns';
import type { Branch, BranchNeedle, Classifier, Comparison, Detection, Literal, Span, StringList } from './model';

/** Operators whose right side is a list of values. */
const LIST_OPERATORS = new Set(['has_any', 'has_all', 'in', 'in~', '!in', '!in~', '!has_any']);
/**
 * Operators a classifier or a filter compares a name with. Negations are exclusions and `has_all`
 * needs every needle at once: neither makes a list of alternatives.
 */
const NAME_OPERATORS = new Set([
  'has_any', 'in', 'in~', 'has', 'has_cs', 'hasprefix', '==', '=~', 'contains', 'contains_cs', 'startswith', 'endswith',
]);
/** Nodes a `where` condition passes through to reach a comparison. */
const CONDITION_GLUE = new Set(['AndExpression', 'OrExpression', 'ParenthesizedExpression']);

interface ComparisonSite {
  comparison: Comparison;
  /** The literals compared with, and the list they sit in when there is one. */
  needles: { literal: Literal; list?: StringList }[];
}

export function understandDetection(root: SyntaxNode): Detection {
  const parents = parentMap(root);
  const letLists = new Map<number, StringList>();
  const lists: StringList[] = [];
  const sites = new Map<SyntaxNode, ComparisonSite>();

  walk(root, (node) => {
    if (node.kind !== 'LetStatement') return;
    const name = child(node, 'Name');
    const list = stringArray(child(node, 'Expression'));
    if (!name || !list) return;
    const stringList: StringList = { key: `let:${nameText(name)}`, name: nameText(name), anchor: span(name), uses: [], ...list };
    letLists.set(name.start, stringList);
    lists.push(stringList);
  });

  walk(root, (node) => {
    const operatorNode = child(node, 'Operator');
    const left = child(node, 'Left');
    const right = child(node, 'Right');
    if (!operatorNode?.isToken || !left || !right) return;
    const operator = (operatorNode.text ?? '').toLowerCase();
    const listOperator = LIST_OPERATORS.has(operator);
    if (!listOperator && !NAME_OPERATORS.has(operator)) return;
    const column = columnOf(left);
    const comparison: Comparison = {
      start: node.start,
      end: node.end,
      operator,
      operatorSpan: span(operatorNode),
      column: column ?? '',
      inFilter: isInFilter(node, parents),
    };
    const processColumn = column !== undefined && isProcessNameColumn(column);
    const site: ComparisonSite = { comparison, needles: [] };
    if (listOperator && right.kind === 'ExpressionList') {
      const elements = listElements(child(right, 'Expressions'));
      const reference = elements.length === 1 ? letList(elements[0], letLists) : undefined;
      const inline = reference ? undefined : inlineList(right, elements);
      const list = reference ?? inline;
      if (inline) lists.push(inline);
      if (list) {
        if (processColumn && NAME_OPERATORS.has(operator)) list.uses.push(comparison);
        site.needles = list.entries.map((literal) => ({ literal, list }));
      }
    } else if (right.literal !== undefined) {
      site.needles = [{ literal: { value: right.literal, start: right.start, end: right.end } }];
    }
    if (processColumn && NAME_OPERATORS.has(operator)) sites.set(node, site);
  });

  const classifiers: Classifier[] = [];
  walk(root, (node) => {
    const classifier = readClassifier(node, parents, sites);
    if (classifier) classifiers.push(classifier);
  });
  return { lists, classifiers };
}

function span(node: SyntaxNode): Span {
  return { start: node.start, end: node.end };
}

function nameText(name: SyntaxNode): string {
  let text = '';
  walk(name, (n) => {
    if (n.isToken && n.kind === 'IdentifierToken') text = n.value ?? n.text ?? '';
  });
  return text || (name.text ?? '');
}

/** `dynamic([...])` or `[...]` of string literals only. */
function stringArray(node: SyntaxNode | undefined): Omit<StringList, 'key' | 'anchor' | 'uses' | 'name'> | undefined {
  if (!node) return undefined;
  if (node.kind === 'DynamicExpression') return stringArray(child(node, 'Expression'));
  if (node.kind !== 'JsonArrayExpression') return undefined;
  const open = child(node, 'OpenBracket');
  const close = child(node, 'CloseBracket');
  const entries = literals(listElements(child(node, 'Values')));
  if (!open || !close || close.isMissing || !entries) return undefined;
  return { start: node.start, end: node.end, innerStart: open.end, innerEnd: close.start, entries };
}

function literals(elements: SyntaxNode[]): Literal[] | undefined {
  if (elements.length === 0) return undefined;
  const result: Literal[] = [];
  for (const element of elements) {
    if (element.literal === undefined || element.kind !== 'StringLiteralExpression') return undefined;
    result.push({ value: element.literal, start: element.start, end: element.end });
  }
  return result;
}

function letList(element: SyntaxNode, letLists: Map<number, StringList>): StringList | undefined {
  if (element.kind !== 'NameReference') return undefined;
  const declaration = element.symbol?.declaration;
  return declaration ? letLists.get(declaration.start) : undefined;
}

function inlineList(list: SyntaxNode, elements: SyntaxNode[]): StringList | undefined {
  if (elements.length === 1 && elements[0].kind === 'DynamicExpression') {
    const array = stringArray(elements[0]);
    return array ? { key: `at:${array.start}`, anchor: span(elements[0]), uses: [], ...array } : undefined;
  }
  const open = child(list, 'OpenParen');
  const close = child(list, 'CloseParen');
  const entries = literals(elements);
  if (!open || !close || close.isMissing || !entries) return undefined;
  return { key: `at:${list.start}`, anchor: span(list), start: list.start, end: list.end, innerStart: open.end, innerEnd: close.start, entries, uses: [] };
}

function isInFilter(node: SyntaxNode, parents: Map<SyntaxNode, SyntaxNode>): boolean {
  let current = node;
  for (let parent = parents.get(current); parent; parent = parents.get(current)) {
    if (parent.kind === 'FilterOperator') return current.field === 'Condition';
    if (!CONDITION_GLUE.has(parent.kind)) return false;
    current = parent;
  }
  return false;
}

function callName(node: SyntaxNode): string | undefined {
  if (node.kind !== 'FunctionCallExpression') return undefined;
  return child(node, 'Name')?.symbol?.name;
}

function callArguments(node: SyntaxNode): SyntaxNode[] {
  return listElements(child(child(node, 'ArgumentList') ?? node, 'Expressions'));
}

function isIff(node: SyntaxNode): boolean {
  const name = callName(node);
  return name === 'iff' || name === 'iif';
}

/** A `case()`, or the outermost `iff()` of a chain, whose branches compare process names. */
function readClassifier(node: SyntaxNode, parents: Map<SyntaxNode, SyntaxNode>, sites: Map<SyntaxNode, ComparisonSite>): Classifier | undefined {
  const name = callName(node);
  if (name !== 'case' && !isIff(node)) return undefined;
  const pairs: [SyntaxNode, SyntaxNode][] = [];
  let fallback: SyntaxNode | undefined;
  if (name === 'case') {
    const args = callArguments(node);
    if (args.length < 3 || args.length % 2 === 0) return undefined;
    for (let i = 0; i + 1 < args.length; i += 2) pairs.push([args[i], args[i + 1]]);
    fallback = args[args.length - 1];
  } else {
    if (isElseOfIff(node, parents)) return undefined;
    let current: SyntaxNode | undefined = node;
    while (current && isIff(current)) {
      const args = callArguments(current);
      if (args.length !== 3) return undefined;
      pairs.push([args[0], args[1]]);
      current = args[2];
    }
    fallback = current;
  }
  if (!fallback) return undefined;
  const branches: Branch[] = [];
  const columns = new Set<string>();
  for (const [condition, value] of pairs) {
    if (value.literal === undefined) return undefined;
    const needles: BranchNeedle[] = [];
    walk(condition, (n) => {
      const site = sites.get(n);
      if (!site) return;
      columns.add(site.comparison.column);
      for (const { literal, list } of site.needles) needles.push({ ...literal, comparison: site.comparison, ...(list ? { list } : {}) });
      return false;
    });
    branches.push({ condition: span(condition), label: { value: value.literal, start: value.start, end: value.end }, needles });
  }
  if (!branches.some((b) => b.needles.length > 0)) return undefined;
  const named = parents.get(node);
  const output = named?.kind === 'SimpleNamedExpression' ? nameText(child(named, 'Name') ?? named) : undefined;
  return {
    kind: name === 'case' ? 'case' : 'iff',
    start: node.start,
    end: node.end,
    ...(output ? { output } : {}),
    columns: [...columns],
    branches,
    fallback: { start: fallback.start, end: fallback.end, ...(fallback.literal !== undefined ? { label: fallback.literal } : {}) },
  };
}

function isElseOfIff(node: SyntaxNode, parents: Map<SyntaxNode, SyntaxNode>): boolean {
  let current = parents.get(node);
  while (current && current.kind !== 'FunctionCallExpression') {
    if (!['SeparatedElement', 'List', 'ExpressionList'].includes(current.kind)) return false;
    current = parents.get(current);
  }
  if (!current || !isIff(current)) return false;
  const args = callArguments(current);
  return args.length === 3 && args[2] === node;
}
