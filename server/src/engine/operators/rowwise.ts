// Row-wise operators: where, extend, project and its variants, take, count, serialize, getschema.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import type { Compiled, Frame, RowFn } from '../scalar/compiled';
import { firstArgumentColumn, isTabular, nameText } from '../scalar/nodes';
import type { BranchTrace, DroppedRow, RowTrace, Span } from '../trace';
import { outputColumns, relFromRows, selectRows } from '../relations';
import { POLL_INTERVAL, Rel, unsupported, type RunState } from '../runtime';
import type { ColumnSchema } from '../table';
import type { Value } from '../values';
import { need, type Operator, type OperatorContext } from './context';

function spanOf(node: SyntaxNode): Span {
  return { start: node.start, end: node.end };
}

// --- where ------------------------------------------------------------------------------------------

/** Module-local: reading an imported binding per row costs a property lookup. */
const POLL_MASK = POLL_INTERVAL - 1;

/**
 * `where p1 | where p2 …` (consecutive filters run as one pass): keeps rows where every predicate
 * is true (null drops the row). With a trace, records the predicates passed and the first that dropped.
 */
export function compileWhere(nodes: SyntaxNode[], ctx: OperatorContext): Operator {
  const conditionNodes = nodes.map((node) => need(node, 'Condition'));
  const conditions = conditionNodes.map((c) => ctx.scalar.compile(c, ctx.scope));
  const spans = conditionNodes.map(spanOf);
  const state = ctx.state;
  const node = nodes[0];
  return (input) => {
    const frame = { rel: input, branch: 0 };
    const tests = conditions.map((c) => c.bind(frame));
    const count = input.rowCount;
    const kept: number[] = [];
    if (!input.trace) {
      if (tests.length === 1) {
        const test = tests[0];
        for (let row = 0; row < count; row++) {
          if ((row & POLL_MASK) === 0) state.poll(node);
          if (test(row) === true) kept.push(row);
        }
      } else {
        outer: for (let row = 0; row < count; row++) {
          if ((row & POLL_MASK) === 0) state.poll(node);
          for (let i = 0; i < tests.length; i++) if (tests[i](row) !== true) continue outer;
          kept.push(row);
        }
      }
      return kept.length === count ? input : selectRows(input, kept);
    }
    const trace: RowTrace[] = [];
    const dropped: DroppedRow[] = input.dropped ? [...input.dropped] : [];
    for (let row = 0; row < count; row++) {
      if ((row & POLL_MASK) === 0) state.poll(node);
      const rowTrace = input.trace[row];
      const failed = tests.findIndex((test) => test(row) !== true);
      if (failed < 0) {
        kept.push(row);
        trace.push({ ...rowTrace, passed: [...rowTrace.passed, ...spans] });
      } else {
        dropped.push({ sources: rowTrace.sources, droppedBy: spans[failed] });
      }
    }
    return selectRows(input, kept, trace, dropped);
  };
}

// --- extend and project -------------------------------------------------------------------------------

interface ComputedColumn {
  name: string;
  compiled: Compiled;
  node: SyntaxNode;
  /** The case()/iff() call whose branch the trace records, if the expression is one. */
  branchCall?: SyntaxNode;
}

/** A case()/iff()/iif() call at the top of an expression, whose fired branch the trace records. */
function branchCallOf(expression: SyntaxNode, text: string): SyntaxNode | undefined {
  let node = expression;
  while (node.kind === 'ParenthesizedExpression') node = need(node, 'Expression');
  if (node.kind !== 'FunctionCallExpression') return undefined;
  const name = nameText(need(node, 'Name'), text);
  return name === 'case' || name === 'iff' || name === 'iif' ? node : undefined;
}

/**
 * The columns an extend-like list computes, named as Kusto names them: explicit names, or the
 * new output columns (`Column1`, `d_a_b`, …) in order for unnamed expressions.
 */
function computedColumns(items: SyntaxNode[], ctx: OperatorContext, output: ColumnSchema[], text: string, positional = false): ComputedColumn[] {
  const inputNames = new Set(ctx.input.map((c) => c.name));
  const explicit = new Set(items.filter((i) => i.kind === 'SimpleNamedExpression').map((i) => nameText(need(i, 'Name'), text)));
  const generated = output.filter((c) => !inputNames.has(c.name) && !explicit.has(c.name)).map((c) => c.name);
  return items.map((item, index) => {
    if (item.kind === 'CompoundNamedExpression') throw unsupported(item, 'assigning several columns at once');
    const named = item.kind === 'SimpleNamedExpression';
    const expression = named ? need(item, 'Expression') : item;
    if (isTabular(expression)) throw unsupported(expression, 'a tabular expression as a column');
    let name: string | undefined;
    if (positional) name = output[index].name;
    else if (named) name = nameText(need(item, 'Name'), text);
    else if (expression.kind === 'NameReference' && expression.symbol?.kind === 'Column') name = expression.symbol.name;
    else name = generated.shift() ?? firstArgumentColumn(expression);
    if (name === undefined || !output.some((c) => c.name === name)) throw unsupported(item, 'an unnamed column');
    const branchCall = ctx.state.explain ? branchCallOf(expression, text) : undefined;
    return { name, compiled: ctx.scalar.compile(expression, ctx.scope, branchCall !== undefined), node: expression, branchCall };
  });
}

/** Evaluates `fn` on every row into an array, polling for cancellation. */
function computeColumn(fn: RowFn, count: number, state: RunState, node: SyntaxNode): Value[] {
  const out = new Array<Value>(count);
  for (let row = 0; row < count; row++) {
    if ((row & POLL_MASK) === 0) state.poll(node);
    out[row] = fn(row);
  }
  return out;
}

/** Evaluates a computed column; with a trace, also records which branch of its case()/iff() fired. */
function evaluateColumn(column: ComputedColumn, input: Rel, trace: RowTrace[] | undefined, state: RunState): Value[] {
  const frame: Frame = { rel: input, branch: 0 };
  const fn = column.compiled.bind(frame);
  const call = column.branchCall;
  if (!trace || !call) return computeColumn(fn, input.rowCount, state, column.node);
  const args = listElements(child(need(call, 'ArgumentList'), 'Expressions'));
  const elseNode = args[args.length - 1];
  const out = new Array<Value>(input.rowCount);
  for (let row = 0; row < input.rowCount; row++) {
    if ((row & POLL_MASK) === 0) state.poll(column.node);
    out[row] = fn(row);
    const fired = frame.branch;
    const spanNode = fired < 0 ? elseNode : args[fired * 2];
    const branch: BranchTrace = { column: column.name, call: spanOf(call), branch: fired < 0 ? 'else' : fired, span: spanOf(spanNode) };
    trace[row] = { ...trace[row], branches: [...trace[row].branches, branch] };
  }
  return out;
}

/** `extend`: adds or replaces columns; later expressions see earlier ones. */
export function compileExtend(node: SyntaxNode, ctx: OperatorContext, text: string, listField = 'Expressions'): Operator {
  const output = outputColumns(node);
  const columns = computedColumns(listElements(child(node, listField)), ctx, output, text);
  const state = ctx.state;
  return (input) => {
    let current = input;
    const trace = input.trace ? [...input.trace] : undefined;
    for (const column of columns) {
      const values = evaluateColumn(column, current, trace, state);
      current = withColumn(current, column.name, column.compiled.type, values);
    }
    return reorder(current, output, new Map(), trace);
  };
}

function withColumn(rel: Rel, name: string, type: ColumnSchema['type'], values: Value[]): Rel {
  const index = rel.indexOf(name);
  const columns = [...rel.columns];
  const data: (ArrayLike<Value> | (() => ArrayLike<Value>))[] = rel.columns.map((_, i) => () => rel.column(i));
  if (index >= 0) {
    columns[index] = { name, type };
    data[index] = values;
  } else {
    columns.push({ name, type });
    data.push(values);
  }
  return new Rel(columns, data, rel.rowCount, rel.trace, rel.dropped, false, () => rel.ingestionTimes());
}

/**
 * The columns `output` taken by name from `rel` (or from the column `renames` maps them to),
 * without copying any values.
 */
function reorder(rel: Rel, output: ColumnSchema[], renames: Map<string, string>, trace = rel.trace): Rel {
  // A column the rows lack (an open table's column no event has) reads as empty, as for base tables.
  const data = output.map((column) => {
    const name = renames.get(column.name) ?? column.name;
    return () => rel.columnNamed(name, column.type);
  });
  return new Rel(output, data, rel.rowCount, trace, rel.dropped, false, () => rel.ingestionTimes());
}

/** `project`: one output column per expression; plain column references are not copied. */
export function compileProject(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const output = outputColumns(node);
  const items = listElements(child(node, 'Expressions'));
  if (items.length !== output.length) throw unsupported(node, 'project with a column list Kusto expands');
  // project's output has one column per item, in order: Kusto's names for them, positionally.
  const columns = computedColumns(items, ctx, output, text, true);
  const state = ctx.state;
  return (input) => {
    const trace = input.trace ? [...input.trace] : undefined;
    const references = columns.map((column) => (column.node.kind === 'NameReference' && column.node.symbol?.kind === 'Column' ? input.indexOf(column.node.symbol.name) : -1));
    const data = columns.map((column, i) => {
      const reference = references[i];
      if (reference >= 0) return () => input.column(reference);
      return evaluateColumn(column, input, trace, state);
    });
    // A column from the data (bag_unpack) has the type its values have; Kusto's analysis cannot know it.
    const schema = input.columnsFromData ? output.map((c, i) => (references[i] >= 0 ? { name: c.name, type: input.columns[references[i]].type } : c)) : output;
    return new Rel(schema, data, input.rowCount, trace, input.dropped);
  };
}

/** project-away, project-keep, project-reorder: Kusto's output columns, taken by name. */
export function compileReshape(node: SyntaxNode): Operator {
  const output = outputColumns(node);
  return (input) => reorder(input, output, new Map());
}

/** `project-rename new = old, …`. */
export function compileProjectRename(node: SyntaxNode, text: string): Operator {
  const output = outputColumns(node);
  const renames = new Map<string, string>();
  for (const item of listElements(child(node, 'Expressions'))) {
    if (item.kind !== 'SimpleNamedExpression') throw unsupported(item, 'this project-rename form');
    const source = need(item, 'Expression');
    renames.set(nameText(need(item, 'Name'), text), source.symbol?.name ?? nameText(source, text));
  }
  return (input) => reorder(input, output, renames);
}

// --- take, count, serialize, getschema --------------------------------------------------------------

/** `take n` / `limit n`: the first n rows (Kusto promises no particular rows unless sorted). */
export function compileTake(node: SyntaxNode, ctx: OperatorContext): Operator {
  const countNode = need(node, 'Expression');
  const limit = ctx.scalar.evaluateConstant(ctx.scalar.requireConstant(countNode, ctx.scope, 'take count'));
  if (typeof limit !== 'number' || limit < 0) throw unsupported(countNode, 'this take count');
  return (input) => takeRows(input, limit);
}

export function takeRows(input: Rel, limit: number): Rel {
  if (input.rowCount <= limit) return input;
  const indices = Array.from({ length: Math.floor(limit) }, (_, i) => i);
  return selectRows(input, indices);
}

/** `count`: one row holding the number of input rows. */
export function compileCount(node: SyntaxNode): Operator {
  const output = outputColumns(node);
  return (input) => relFromRows(output, [[input.rowCount]], input.trace ? [{ sources: input.trace.flatMap((t) => t.sources), passed: [], branches: [] }] : undefined, input.dropped);
}

/** Kusto's .NET type name for each scalar type, as getschema reports it. */
const DOTNET_TYPES: Record<ColumnSchema['type'], string> = {
  bool: 'System.SByte',
  int: 'System.Int32',
  long: 'System.Int64',
  real: 'System.Double',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
  string: 'System.String',
  datetime: 'System.DateTime',
  timespan: 'System.TimeSpan',
  guid: 'System.Guid',
  dynamic: 'System.Object',
};

/** `getschema`: one row per input column. */
export function compileGetSchema(node: SyntaxNode, ctx: OperatorContext): Operator {
  const output = outputColumns(node);
  const rows = ctx.input.map((c, i) => [c.name, i, DOTNET_TYPES[c.type], c.type]);
  return (input) => relFromRows(output, rows, input.trace ? rows.map(() => ({ sources: [], passed: [], branches: [] })) : undefined);
}
