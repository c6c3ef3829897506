// Reading the analysed tree: result types, tabular-ness and plain names of nodes.

import type { SyntaxNode, TypeInfo } from '../../kusto/syntax';
import type { ScalarType } from '../values';

/** The scalar type of an analysed node; `dynamic` when Kusto did not give a scalar type. */
export function scalarTypeOf(type: TypeInfo | undefined): ScalarType {
  if (type?.kind !== 'scalar') return 'dynamic';
  return normalizeTypeName(type.name);
}

export function normalizeTypeName(name: string): ScalarType {
  switch (name) {
    case 'bool':
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
    case 'string':
    case 'datetime':
    case 'timespan':
    case 'guid':
      return name;
    default:
      return 'dynamic';
  }
}

export function isTabular(node: SyntaxNode): boolean {
  return node.type?.kind === 'table';
}

/** The plain name of a name reference (`count`, `['my col']` → `my col`). */
export function nameText(node: SyntaxNode, text: string): string {
  let found: string | undefined;
  const visit = (n: SyntaxNode): void => {
    if (found !== undefined) return;
    if (n.isToken && n.text && n.kind !== 'OpenBracketToken' && n.kind !== 'CloseBracketToken') found = n.value ?? n.text;
    else n.children.forEach(visit);
  };
  visit(node);
  return found ?? text.slice(node.start, node.end);
}

/**
 * The input column an unnamed expression is named after when Kusto gives it no new column:
 * the column itself, or for a call the name of its first argument (`todynamic(Entities)` →
 * `Entities`; Kusto.Language names conversions after their argument). Undefined otherwise.
 */
export function firstArgumentColumn(node: SyntaxNode): string | undefined {
  let current: SyntaxNode | undefined = node;
  while (current) {
    if (current.kind === 'NameReference') return current.symbol?.kind === 'Column' ? current.symbol.name : undefined;
    if (current.kind === 'ParenthesizedExpression') current = current.children.find((c) => c.field === 'Expression');
    else if (current.kind === 'FunctionCallExpression') {
      const list = current.children.find((c) => c.field === 'ArgumentList')?.children.find((c) => c.field === 'Expressions');
      const first = list?.children[0];
      current = first?.kind === 'SeparatedElement' ? first.children[0] : first;
    } else return undefined;
  }
  return undefined;
}

/** A short description of an expression for "not supported locally" messages. */
export function describe(node: SyntaxNode, source: string): string {
  const short = source.length > 40 ? source.slice(0, 40) + '…' : source;
  return `${node.kind.replace(/Expression$|Operator$/, '')} (${short})`;
}
