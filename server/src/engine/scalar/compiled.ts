// What compiling a scalar expression produces, and what the compilers of its parts may ask for.
// `Expr` is two-staged: binding it to an input table fetches the columns it reads; the returned
// `RowFn` then computes one row's value without looking at the tree again.

import type { SyntaxNode } from '../../kusto/syntax';
import type { Rel, RunState } from '../runtime';
import type { ScalarType, Value } from '../values';

export type RowFn = (row: number) => Value;

/** What a bound expression sees: the input table, and a slot where a traced case() records its branch. */
export interface Frame {
  rel: Rel;
  /** The branch the last traced case()/iff() took: its predicate index, or -1 for else. */
  branch: number;
}

export type Expr = (frame: Frame) => RowFn;

export interface Compiled {
  bind: Expr;
  type: ScalarType;
  /** Present when the value is known at compile time (literals, lets, folded pure calls). */
  constant?: { value: Value };
}

/** What a name in scope stands for. Keys are the analysed tree's symbol objects. */
export type Binding =
  | { kind: 'scalar'; compiled: Compiled }
  | { kind: 'table'; produce: () => Rel }
  | { kind: 'function'; declaration: SyntaxNode; scope: Scope };

export type FunctionBinding = Extract<Binding, { kind: 'function' }>;

export type Scope = Map<object, Binding>;

/** Compiles tabular expressions for scalar operators that take a table (`in`, `toscalar`, `has_any`). */
export interface TabularCompiler {
  compileTabular(node: SyntaxNode, scope: Scope): () => Rel;
}

/** The recursive compiler, as the modules that compile one kind of expression see it. */
export interface ExpressionCompiler {
  readonly text: string;
  readonly state: RunState;
  readonly tabular: TabularCompiler;
  compile(node: SyntaxNode, scope: Scope, traceBranch?: boolean): Compiled;
  /** Compiles `node` with some of its sub-expressions replaced by given compiled values. */
  compileSubstituting(node: SyntaxNode, scope: Scope, substitutions: ReadonlyMap<SyntaxNode, Compiled>): Compiled;
  /** The child in `field`; reported as unsupported when the tree is incomplete. */
  need(node: SyntaxNode, field: string): SyntaxNode;
  /** Source text of a node, for literals and messages. */
  source(node: SyntaxNode): string;
  /** Evaluates a compiled expression that reads no columns (a let value, a literal argument). */
  evaluateConstant(compiled: Compiled): Value;
  /** Compiles `node` and reports it as unsupported unless its value is known at compile time. */
  requireConstant(node: SyntaxNode, scope: Scope, what: string): Compiled;
}

export function constantCompiled(value: Value, type: ScalarType): Compiled {
  return { bind: () => () => value, type, constant: { value } };
}

/**
 * A binary expression that evaluates both operands on every row: binding it binds both, and
 * `combine` turns the two row values (nulls included, each operator has its own null rule) into one.
 */
export function binaryCompiled(type: ScalarType, left: Compiled, right: Compiled, combine: (a: Value, b: Value) => Value): Compiled {
  return {
    type,
    bind: (frame) => {
      const l = left.bind(frame);
      const r = right.bind(frame);
      return (row) => combine(l(row), r(row));
    },
  };
}
