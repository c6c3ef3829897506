// What every operator compiler gets: the scalar compiler, the run state, the names in scope.

import type { SyntaxNode } from '../../kusto/syntax';
import type { ExpressionCompiler, Scope } from '../scalar/compiled';
import type { Rel, RunState } from '../runtime';
import { unsupported } from '../runtime';
import type { ColumnSchema } from '../table';

/** A compiled tabular operator: input table → output table. */
export type Operator = (input: Rel) => Rel;

export interface OperatorContext {
  scalar: ExpressionCompiler;
  state: RunState;
  scope: Scope;
  /** The columns of the operator's input, as Kusto analysed them. */
  input: ColumnSchema[];
  compileTabular(node: SyntaxNode, scope: Scope): () => Rel;
  /** The bound tables whose names match a wildcard pattern (`Device*`, `*`), each with its own columns. */
  boundTablesMatching(pattern: string): { name: string; produce: () => Rel }[];
  /** A pipeline without its own source (an mv-apply subquery), applied to a given input. */
  compileSubquery(node: SyntaxNode, scope: Scope, input: ColumnSchema[]): Operator;
}

export function need(node: SyntaxNode, field: string): SyntaxNode {
  const found = node.children.find((c) => c.field === field);
  if (!found) throw unsupported(node, `incomplete ${node.kind}`);
  return found;
}

/** Names of the operator's named parameters (`kind=inner`, `withsource=T`) with their value text. */
export function namedParameters(node: SyntaxNode, text: string): Map<string, string> {
  const parameters = new Map<string, string>();
  const list = node.children.find((c) => c.field === 'Parameters');
  for (const p of list?.children ?? []) {
    if (p.kind !== 'NamedParameter') continue;
    const name = p.children.find((c) => c.field === 'Name');
    const value = p.children.find((c) => c.field === 'Expression');
    if (name && value) parameters.set(text.slice(name.start, name.end).toLowerCase(), text.slice(value.start, value.end));
  }
  return parameters;
}
