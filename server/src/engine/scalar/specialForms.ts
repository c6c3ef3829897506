// Calls the core compiles itself because they need laziness, the clock or the row context:
// case/iff, coalesce, not, now/ago, row_number, prev/next, column_ifexists, ingestion_time, and
// toscalar.

import type { SyntaxNode } from '../../kusto/syntax';
import { unsupported } from '../runtime';
import type { Value } from '../values';
import { constantCompiled, type Compiled, type ExpressionCompiler, type Scope } from './compiled';
import { isTabular, scalarTypeOf } from './nodes';

type SpecialForm = (c: ExpressionCompiler, node: SyntaxNode, args: SyntaxNode[], scope: Scope, traceBranch: boolean) => Compiled;

/** The special forms by function name; every other call goes to the functions library. */
export const SPECIAL_FORMS: ReadonlyMap<string, SpecialForm> = new Map<string, SpecialForm>([
  ['case', compileCase],
  ['iff', compileCase],
  ['iif', compileCase],
  ['coalesce', compileCoalesce],
  ['not', compileNot],
  ['now', (c, node, args, scope) => compileNow(c, node, args, scope, 1n)],
  ['ago', (c, node, args, scope) => compileNow(c, node, args, scope, -1n)],
  ['row_number', compileRowNumber],
  ['prev', (c, node, args, scope) => compilePrevNext(c, node, 'prev', args, scope)],
  ['next', (c, node, args, scope) => compilePrevNext(c, node, 'next', args, scope)],
  ['column_ifexists', compileColumnIfExists],
  ['ingestion_time', (_c, node, args) => compileIngestionTime(node, args)],
]);

/**
 * `case(p1, v1, …, else)` and `iff(p, t, e)`: the value of the first predicate that is true
 * (null is not true). With `traceBranch`, the fired branch is written to the frame.
 */
function compileCase(c: ExpressionCompiler, node: SyntaxNode, args: SyntaxNode[], scope: Scope, traceBranch: boolean): Compiled {
  if (args.length < 3 || args.length % 2 === 0) throw unsupported(node, `${c.source(node).slice(0, 20)}… with ${args.length} arguments`);
  const type = scalarTypeOf(node.type);
  const predicates: Compiled[] = [];
  const results: Compiled[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    predicates.push(c.compile(args[i], scope));
    results.push(c.compile(args[i + 1], scope));
  }
  const fallback = c.compile(args[args.length - 1], scope);
  const count = predicates.length;
  return {
    type,
    bind: (frame) => {
      const ps = predicates.map((p) => p.bind(frame));
      const rs = results.map((r) => r.bind(frame));
      const e = fallback.bind(frame);
      if (count === 1 && !traceBranch) {
        const [p] = ps;
        const [r] = rs;
        return (row) => (p(row) === true ? r(row) : e(row));
      }
      if (traceBranch) {
        return (row) => {
          for (let i = 0; i < count; i++) {
            if (ps[i](row) === true) {
              frame.branch = i;
              return rs[i](row);
            }
          }
          frame.branch = -1;
          return e(row);
        };
      }
      return (row) => {
        for (let i = 0; i < count; i++) if (ps[i](row) === true) return rs[i](row);
        return e(row);
      };
    },
  };
}

/** `coalesce`: the first non-null argument (for strings, the first non-empty), evaluated lazily. */
function compileCoalesce(c: ExpressionCompiler, node: SyntaxNode, args: SyntaxNode[], scope: Scope): Compiled {
  const compiled = args.map((a) => c.compile(a, scope));
  const type = scalarTypeOf(node.type);
  const empty = type === 'string' ? '' : null;
  return {
    type,
    bind: (frame) => {
      const fns = compiled.map((f) => f.bind(frame));
      return (row) => {
        for (const f of fns) {
          const v = f(row);
          if (v !== null && v !== '') return v;
        }
        return empty;
      };
    },
  };
}

function compileNot(c: ExpressionCompiler, node: SyntaxNode, args: SyntaxNode[], scope: Scope): Compiled {
  if (args.length !== 1) throw unsupported(node, 'not() with this argument list');
  const operand = c.compile(args[0], scope);
  return {
    type: 'bool',
    bind: (frame) => {
      const v = operand.bind(frame);
      return (row) => {
        const x = v(row);
        return x === null ? null : !x;
      };
    },
  };
}

/** `now([offset])` and `ago(span)`: the query's one clock reading, shifted. */
function compileNow(c: ExpressionCompiler, node: SyntaxNode, args: SyntaxNode[], scope: Scope, sign: bigint): Compiled {
  if (args.length === 0) {
    if (sign < 0n) throw unsupported(node, 'ago() without an argument');
    return constantCompiled(c.state.now, 'datetime');
  }
  const offset = c.compile(args[0], scope);
  const now = c.state.now;
  const shift = (v: Value): Value => (v === null ? null : now + sign * (v as bigint));
  if (offset.constant) return constantCompiled(shift(offset.constant.value), 'datetime');
  return {
    type: 'datetime',
    bind: (frame) => {
      const v = offset.bind(frame);
      return (row) => shift(v(row));
    },
  };
}

/** `row_number([start])`: the row's position in the serialized input. */
function compileRowNumber(c: ExpressionCompiler, node: SyntaxNode, args: SyntaxNode[], scope: Scope): Compiled {
  if (args.length > 1) throw unsupported(node, 'row_number() with restart');
  const start = args.length === 1 ? c.evaluateConstant(c.requireConstant(args[0], scope, 'row_number start')) : 1;
  if (typeof start !== 'number') throw unsupported(node, 'row_number() with this start');
  return { type: 'long', bind: () => (row) => row + start };
}

/** `prev(x[, offset[, default]])` / `next(…)`: `x` evaluated on a neighbouring row. */
function compilePrevNext(c: ExpressionCompiler, node: SyntaxNode, name: string, args: SyntaxNode[], scope: Scope): Compiled {
  if (args.length === 0 || args.length > 3) throw unsupported(node, `${name}() with ${args.length} arguments`);
  const value = c.compile(args[0], scope);
  const offsetValue = args.length > 1 ? c.evaluateConstant(c.requireConstant(args[1], scope, `${name} offset`)) : 1;
  if (typeof offsetValue !== 'number') throw unsupported(node, `${name}() with this offset`);
  const fallback = args.length > 2 ? c.compile(args[2], scope) : constantCompiled(value.type === 'string' ? '' : null, value.type);
  const delta = name === 'prev' ? -offsetValue : offsetValue;
  return {
    type: value.type,
    bind: (frame) => {
      const v = value.bind(frame);
      const d = fallback.bind(frame);
      const count = frame.rel.rowCount;
      return (row) => {
        const other = row + delta;
        return other >= 0 && other < count ? v(other) : d(row);
      };
    },
  };
}

/** `column_ifexists(name, default)`: the column when the rows have it, else the default. */
function compileColumnIfExists(c: ExpressionCompiler, node: SyntaxNode, args: SyntaxNode[], scope: Scope): Compiled {
  if (args.length !== 2) throw unsupported(node, 'column_ifexists() with this argument list');
  const name = c.evaluateConstant(c.requireConstant(args[0], scope, 'column name'));
  if (typeof name !== 'string') throw unsupported(args[0], 'column_ifexists() with this name');
  const fallback = c.compile(args[1], scope);
  const type = scalarTypeOf(node.type);
  return {
    type,
    bind: (frame) => {
      const index = frame.rel.indexOf(name);
      if (index < 0) return fallback.bind(frame);
      const values = frame.rel.column(index);
      return (row) => values[row];
    },
  };
}

/**
 * `ingestion_time()`: the row's value of its table's hidden ingestion-time column. Kusto gives
 * null outside a table's rows or without the IngestionTime policy; Sentinel and Defender tables
 * have the policy, so rows without bound ingestion times are reported, never given a stand-in
 * such as TimeGenerated. Working model: the rows keep their ingestion times through where,
 * extend, take, sort and the project-away/keep/rename/reorder family, not past operators that
 * rebuild rows (project, summarize, join, union, …).
 */
function compileIngestionTime(node: SyntaxNode, args: SyntaxNode[]): Compiled {
  if (args.length !== 0) throw unsupported(node, 'ingestion_time() with arguments');
  return {
    type: 'datetime',
    bind: (frame) => {
      const times = frame.rel.ingestionTimes();
      if (!times) throw unsupported(node, 'ingestion_time() of rows that carry no ingestion time (their table has none bound, or an operator rebuilt them)');
      return (row) => times[row];
    },
  };
}

/** `toscalar(T)`: the first column of the first row, computed once per query. */
export function compileToScalar(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const inner = c.need(node, 'Expression');
  const type = scalarTypeOf(node.type);
  if (!isTabular(inner)) return c.compile(inner, scope);
  const rel = c.tabular.compileTabular(inner, scope)();
  const value = rel.rowCount > 0 && rel.columns.length > 0 ? rel.column(0)[0] : type === 'string' ? '' : null;
  return constantCompiled(value, type);
}
