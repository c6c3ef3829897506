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

/** A short description of an expression for "not supported locally" messages. */
export function describe(node: SyntaxNode, source: string): string {
  const short = source.length > 40 ? source.slice(0, 40) + '…' : source;
  return `${node.kind.replace(/Expression$|Operator$/, '')} (${short})`;
}
