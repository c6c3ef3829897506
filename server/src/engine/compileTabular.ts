// Compiles the tabular side of a query: statements, lets, sources and operator pipelines.

import { child, listElements, walk, type SyntaxNode } from '../kusto/syntax';
import { ScalarCompiler } from './compileScalar';
import type { Binding, Scope, TabularCompiler } from './scalar/compiled';
import { isTabular, nameText } from './scalar/nodes';
import { bindParameters } from './scalar/userFunctions';
import { need, type Operator, type OperatorContext } from './operators/context';
import { compileEvaluate } from './operators/evaluate';
import { compileJoin, compileLookup } from './operators/join';
import { compileMakeSeries } from './operators/makeSeries';
import { compileMvApply } from './operators/mvApply';
import { compileMvExpand } from './operators/mvExpand';
import { compileParse } from './operators/parse';
import { compileCount, compileExtend, compileGetSchema, compileProject, compileProjectRename, compileReshape, compileTake, compileWhere } from './operators/rowwise';
import { compileSort, compileTop } from './operators/sort';
import { compileDistinct, compileSummarize } from './operators/summarize';
import { compileSearch } from './operators/search';
import { compileUnion } from './operators/union';
import { compileDataTable, compileExternalData, compilePrint, compileRange } from './sources';
import { baseTrace, outputColumns, tableTrace } from './relations';
import { Rel, unsupported, type RunState } from './runtime';
import { INGESTION_TIME, WATCHLIST_FUNCTION, type ColumnSchema, type Table, type TableProvider } from './table';
import { pushableFilters } from './pushdown';
import { emptyValue } from './values';

/** One tabular output statement, compiled, with the span of the statement. */
export interface CompiledStatement {
  node: SyntaxNode;
  run: () => Rel;
}

export class QueryCompiler implements TabularCompiler {
  readonly scalar: ScalarCompiler;
  private readonly baseTables = new Map<string, Rel>();

  constructor(
    private readonly text: string,
    private readonly state: RunState,
    private readonly provider: TableProvider | undefined,
  ) {
    this.scalar = new ScalarCompiler(text, state, { compileTabular: (node, scope) => this.compileKnownTabular(node, scope) });
  }

  /** A tabular expression for a consumer that reads it by Kusto's columns (a join side, a union leg, toscalar). */
  compileKnownTabular(node: SyntaxNode, scope: Scope): () => Rel {
    const produce = this.compileTabular(node, scope);
    return () => knownColumns(produce(), node, this.text);
  }

  /** Compiles every statement of a query block; returns its tabular output statements. */
  compileQuery(root: SyntaxNode): CompiledStatement[] {
    const scope: Scope = new Map();
    const outputs: CompiledStatement[] = [];
    for (const statement of listElements(child(root, 'Statements'))) {
      if (statement.kind === 'LetStatement') {
        this.bindLet(statement, scope);
      } else if (statement.kind === 'ExpressionStatement') {
        const expression = need(statement, 'Expression');
        if (!isTabular(expression)) throw unsupported(expression, 'a scalar expression as a statement');
        outputs.push({ node: statement, run: checkedColumns(expression, this.compileTabular(expression, scope)) });
      } else if (statement.start !== statement.end) {
        throw unsupported(statement, statement.kind.replace(/Statement$/, ' statement'));
      }
    }
    return outputs;
  }

  /** `let name = …`: a scalar, a table (materialised once), or a function. */
  bindLet(statement: SyntaxNode, scope: Scope): void {
    const symbol = need(statement, 'Name').symbol;
    const expression = need(statement, 'Expression');
    if (!symbol) throw unsupported(statement, 'this let statement');
    let binding: Binding;
    if (expression.kind === 'FunctionDeclaration') {
      binding = { kind: 'function', declaration: expression, scope: new Map(scope) };
    } else if (isTabular(expression)) {
      binding = { kind: 'table', produce: once(this.compileTabular(expression, scope)) };
    } else {
      binding = { kind: 'scalar', compiled: this.scalar.compile(expression, scope) };
    }
    scope.set(symbol, binding);
  }

  compileTabular(node: SyntaxNode, scope: Scope): () => Rel {
    switch (node.kind) {
      case 'PipeExpression': {
        const filters = consecutiveFilters(node);
        if (filters.length > 0) return this.compileFilters(filters[0].source, filters.map((f) => f.operator), scope);
        const source = this.compileTabular(need(node, 'Expression'), scope);
        const operatorNode = need(node, 'Operator');
        const operator = this.compileOperator(operatorNode, scope, outputColumns(need(node, 'Expression')));
        if (keepsDataColumns(operatorNode)) return () => operator(source());
        return () => operator(knownColumns(source(), operatorNode, this.text));
      }
      case 'ParenthesizedExpression':
        return this.compileTabular(need(node, 'Expression'), scope);
      case 'MaterializeExpression':
        return once(this.compileTabular(need(node, 'Expression'), scope));
      case 'NameReference':
        return this.compileTableName(node, scope);
      case 'FunctionCallExpression':
        return this.compileTabularCall(node, scope);
      case 'DataTableExpression':
        return compileDataTable(node, this.scalar, scope, this.state);
      case 'ExternalDataExpression':
        return compileExternalData(node, this.provider, this.state);
      case 'PrintOperator':
        return compilePrint(node, this.scalar, scope, this.state);
      case 'RangeOperator':
        return compileRange(node, this.scalar, scope, this.state);
      case 'UnionOperator': {
        const union = compileUnion(node, this.context(scope, []), this.text, false);
        return () => union(new Rel([], [], 0));
      }
      case 'SearchOperator': {
        const search = compileSearch(node, this.context(scope, []), this.text, false);
        return () => search(new Rel([], [], 0));
      }
    }
    throw unsupported(node, `${node.kind.replace(/Expression$|Operator$/, '')} as a table source`);
  }

  /**
   * `source | where p1 | where p2 …` as one pass. Over a base table that can filter while it
   * reads (`Table.filter`), the leading single-column predicates run there (not when explaining:
   * the trace needs every row).
   */
  private compileFilters(below: SyntaxNode, nodes: SyntaxNode[], scope: Scope): () => Rel {
    const ctx = this.context(scope, outputColumns(below));
    const source = this.compileTabular(below, scope);
    const where = compileWhere(nodes, ctx);
    const plain = () => where(source());
    const tableName = below.kind === 'NameReference' && below.symbol?.kind === 'Table' && !scope.get(below.symbol) ? below.symbol.name : undefined;
    const pushdown = tableName !== undefined && !this.state.explain ? pushableFilters(nodes, ctx) : undefined;
    if (!pushdown) return plain;
    const rest = pushdown.count < nodes.length ? compileWhere(nodes.slice(pushdown.count), ctx) : undefined;
    return () => {
      const table = this.provider?.table(tableName!);
      if (!table?.filter) return plain();
      const filtered = tableRel(table.filter(pushdown.filters()), ctx.input, this.state);
      return rest ? rest(filtered) : filtered;
    };
  }

  private context(scope: Scope, input: OperatorContext['input']): OperatorContext {
    return {
      scalar: this.scalar,
      state: this.state,
      scope,
      input,
      compileTabular: (node, s) => this.compileKnownTabular(node, s),
      compileSubquery: (node, s, columns) => this.compileSubquery(node, s, columns),
      boundTablesMatching: (pattern) => this.boundTablesMatching(pattern),
    };
  }

  /** Bound tables matching `pattern` (`*` matches any run of characters), read with their own schemas. */
  private boundTablesMatching(pattern: string): { name: string; produce: () => Rel }[] {
    const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    const provider = this.provider;
    if (!provider) return [];
    return provider
      .tableNames()
      .filter((name) => regex.test(name))
      .sort()
      .map((name) => ({
        name,
        produce: () => {
          const table = provider.table(name)!;
          const columns = table.schema.map((c) => ({ name: c.name, type: c.type }));
          const data = columns.map((column) => () => table.column(column.name) ?? new Array(table.rowCount).fill(emptyValue(column.type)));
          return new Rel(columns, data, table.rowCount, this.state.explain ? tableTrace(table, name) : undefined, this.state.explain ? [] : undefined);
        },
      }));
  }

  /** `op1 | op2 …` whose first operator reads an implicit input (mv-apply's per-row table). */
  compileSubquery(node: SyntaxNode, scope: Scope, input: OperatorContext['input']): Operator {
    if (node.kind === 'ParenthesizedExpression' || node.kind === 'MvApplySubqueryExpression') return this.compileSubquery(need(node, 'Expression'), scope, input);
    if (node.kind === 'PipeExpression') {
      const left = need(node, 'Expression');
      const first = this.compileSubquery(left, scope, input);
      const second = this.compileOperator(need(node, 'Operator'), scope, outputColumns(left));
      return (rel) => second(first(rel));
    }
    return this.compileOperator(node, scope, input);
  }

  private compileOperator(node: SyntaxNode, scope: Scope, input: OperatorContext['input']): Operator {
    const ctx = this.context(scope, input);
    const text = this.text;
    switch (node.kind) {
      case 'FilterOperator':
        return compileWhere([node], ctx);
      case 'ExtendOperator':
        return compileExtend(node, ctx, text);
      case 'ProjectOperator':
        return compileProject(node, ctx, text);
      case 'ProjectAwayOperator':
      case 'ProjectKeepOperator':
      case 'ProjectReorderOperator':
        return compileReshape(node);
      case 'ProjectRenameOperator':
        return compileProjectRename(node, text);
      case 'TakeOperator':
        return compileTake(node, ctx);
      case 'CountOperator':
        return compileCount(node);
      case 'SortOperator':
        return compileSort(node, ctx);
      case 'TopOperator':
        return compileTop(node, ctx);
      case 'SummarizeOperator':
        return compileSummarize(node, ctx, text);
      case 'DistinctOperator':
        return compileDistinct(node, ctx);
      case 'MakeSeriesOperator':
        return compileMakeSeries(node, ctx, text);
      case 'SerializeOperator':
        return compileExtend(node, ctx, text);
      case 'GetSchemaOperator':
        return compileGetSchema(node, ctx);
      case 'JoinOperator':
        return compileJoin(node, ctx, text);
      case 'LookupOperator':
        return compileLookup(node, ctx, text);
      case 'UnionOperator':
        return compileUnion(node, ctx, text, true);
      case 'SearchOperator':
        return compileSearch(node, ctx, text, true);
      case 'MvExpandOperator':
        return compileMvExpand(node, ctx, text);
      case 'MvApplyOperator':
        return compileMvApply(node, ctx, text);
      case 'ParseOperator':
      case 'ParseWhereOperator':
        return compileParse(node, ctx, text);
      case 'AsOperator':
        return this.compileAs(node, scope);
      case 'InvokeOperator':
        return this.compileInvoke(node, scope);
      case 'EvaluateOperator':
        return compileEvaluate(node, ctx, text);
      case 'RenderOperator':
        // Only tells a client how to chart the rows; the rows are unchanged.
        return (input) => input;
    }
    throw unsupported(node, `the ${operatorName(node, text)} operator`);
  }

  /** `T | invoke f(a, b)`: the `let` function `f(T, a, b)`, its first (tabular) parameter bound to the piped rows. */
  private compileInvoke(node: SyntaxNode, scope: Scope): Operator {
    const call = need(node, 'Function');
    const nameNode = call.kind === 'FunctionCallExpression' ? need(call, 'Name') : call;
    const symbol = call.symbol ?? nameNode.symbol;
    const fn = symbol ? scope.get(symbol) : undefined;
    if (fn?.kind !== 'function') throw unsupported(node, `invoke of ${nameText(nameNode, this.text)}`);
    const args = call.kind === 'FunctionCallExpression' ? listElements(child(need(call, 'ArgumentList'), 'Expressions')) : [];
    // Compiled per input: the body's lets and toscalar()s are computed while compiling, from the piped rows.
    return (input) => this.compileUserTabularCall(call, fn, args, scope, [{ kind: 'table', produce: () => input }])();
  }

  /** `as Name`: passes rows through and binds them to Name for the rest of the query. */
  private compileAs(node: SyntaxNode, scope: Scope): Operator {
    const symbol = need(node, 'Name').symbol;
    let rows: Rel | undefined;
    if (symbol) scope.set(symbol, { kind: 'table', produce: () => rows ?? new Rel([], [], 0) });
    return (input) => {
      rows = input;
      return input;
    };
  }

  private compileTableName(node: SyntaxNode, scope: Scope): () => Rel {
    const symbol = node.symbol;
    const bound = symbol ? scope.get(symbol) : undefined;
    if (bound?.kind === 'table') return bound.produce;
    if (bound?.kind === 'function') return this.compileUserTabularCall(node, bound, [], scope);
    if (symbol?.kind === 'Table') return () => this.baseTable(node, symbol.name);
    throw unsupported(node, `the table ${nameText(node, this.text)}`);
  }

  /** A table bound by the provider, with Kusto's columns; columns the table lacks read as empty. */
  private baseTable(node: SyntaxNode, name: string): Rel {
    const cached = this.baseTables.get(name);
    if (cached) return cached;
    const table = this.provider?.table(name);
    if (!table) throw unsupported(node, `the table ${name} (no events are bound to it)`);
    // Kusto knows an open table (a parser without a recorded schema) with no columns: the bound table's are the rows'.
    const declared = outputColumns(node);
    const rel = tableRel(table, declared.length > 0 ? declared : table.schema, this.state, name);
    this.baseTables.set(name, rel);
    return rel;
  }

  private compileTabularCall(node: SyntaxNode, scope: Scope): () => Rel {
    const nameNode = need(node, 'Name');
    const symbol = node.symbol ?? nameNode.symbol;
    const bound = symbol ? scope.get(symbol) : undefined;
    const args = listElements(child(need(node, 'ArgumentList'), 'Expressions'));
    if (bound?.kind === 'function') return this.compileUserTabularCall(node, bound, args, scope);
    if (bound?.kind === 'table' && args.length === 0) return bound.produce;
    const name = nameText(nameNode, this.text);
    if (name === 'table' && !bound) return this.compileTableFunction(node, args, scope);
    if (name === WATCHLIST_FUNCTION && !bound) return this.compileWatchlist(node, args, scope);
    throw unsupported(node, `${name}() as a table source`);
  }

  /**
   * `_GetWatchlist('alias')`: the watchlist the provider binds to the alias, with Sentinel's item
   * columns and the watchlist's own; a column the query names that the file lacks reads as empty.
   */
  private compileWatchlist(node: SyntaxNode, args: SyntaxNode[], scope: Scope): () => Rel {
    if (args.length !== 1) throw unsupported(node, `${WATCHLIST_FUNCTION}() with these arguments`);
    const alias = this.scalar.evaluateConstant(this.scalar.requireConstant(args[0], scope, 'watchlist alias'));
    if (typeof alias !== 'string') throw unsupported(node, `${WATCHLIST_FUNCTION}() of this alias`);
    const declared = outputColumns(node);
    return () => {
      const table = this.provider?.watchlist?.(alias);
      if (!table) throw unsupported(node, `${WATCHLIST_FUNCTION}('${alias}') (no watchlist file is bound to this alias)`);
      // Kusto knows a watchlist as an open table (no columns): the file's columns are the rows'.
      const columns = declared.length > 0 ? declared : table.schema;
      const count = table.rowCount;
      const data = columns.map((column) => () => table.column(column.name) ?? new Array(count).fill(emptyValue(column.type)));
      return new Rel(columns, data, count, this.state.explain ? baseTrace(`watchlist ${alias}`, count) : undefined, this.state.explain ? [] : undefined);
    };
  }

  /**
   * `table(name)`: the tabular `let` of that name in scope, else the database table (table-function
   * doc). The name must be known when the query is compiled (a literal, a let, a function argument).
   */
  private compileTableFunction(node: SyntaxNode, args: SyntaxNode[], scope: Scope): () => Rel {
    if (args.length !== 1) throw unsupported(node, 'table() with a data scope');
    const name = this.scalar.evaluateConstant(this.scalar.requireConstant(args[0], scope, 'table name'));
    if (typeof name !== 'string') throw unsupported(node, 'table() of this name');
    for (const [symbol, binding] of scope) {
      if (binding.kind === 'table' && (symbol as { name?: string }).name === name) return binding.produce;
    }
    // A name Kusto could not evaluate at the call site (`f(strcat(…))`) leaves the table without
    // columns, so the body's columns have no types to evaluate them by.
    if (node.type?.kind !== 'table' || node.type.columns.length === 0) throw unsupported(node, 'table() of a name Kusto does not resolve to a table');
    return () => this.baseTable(node, name);
  }

  /**
   * A `let` function returning a table: its body's lets, then its expression, in a scope of its
   * arguments. The body is the one Kusto analysed for this call when there is one, so a generic
   * `(*)` table parameter has the argument's columns.
   */
  private compileUserTabularCall(node: SyntaxNode, fn: Extract<Binding, { kind: 'function' }>, args: SyntaxNode[], scope: Scope, leading: Binding[] = []): () => Rel {
    const inner = bindParameters(this.scalar, node, fn, args, scope, leading, node.expansion);
    const body = node.expansion?.body ?? need(fn.declaration, 'Body');
    for (const statement of listElements(child(body, 'Statements'))) {
      if (statement.kind === 'LetStatement') this.bindLet(statement, inner);
      else throw unsupported(statement, 'this statement in a function body');
    }
    return checkedColumns(node, this.compileTabular(need(body, 'Expression'), inner));
  }
}

/** A table as the pipeline's input, with Kusto's columns; columns the table lacks read as empty. */
function tableRel(table: Table, columns: readonly ColumnSchema[], state: RunState, traceName?: string): Rel {
  const count = table.rowCount;
  const data = columns.map((column) => () => table.column(column.name) ?? new Array(count).fill(emptyValue(column.type)));
  const explain = state.explain && traceName !== undefined;
  return new Rel(columns, data, count, explain ? tableTrace(table, traceName) : undefined, explain ? [] : undefined, false, () => table.column(INGESTION_TIME));
}

/**
 * The chain of `where`s ending at `pipe`, innermost first, each with what it filters: run as one
 * pass so the rows between them are never materialised.
 */
function consecutiveFilters(pipe: SyntaxNode): { operator: SyntaxNode; source: SyntaxNode }[] {
  const chain: { operator: SyntaxNode; source: SyntaxNode }[] = [];
  let current: SyntaxNode | undefined = pipe;
  while (current?.kind === 'PipeExpression') {
    const operator = child(current, 'Operator');
    const source = child(current, 'Expression');
    if (operator?.kind !== 'FilterOperator' || !source) break;
    chain.unshift({ operator, source });
    current = source;
  }
  return chain;
}

/**
 * Operators that keep their input's columns as they are, or name every output column (without a
 * `*` that Kusto would expand to the columns it knows), so data-shaped columns are safe before them.
 */
function keepsDataColumns(operator: SyntaxNode): boolean {
  switch (operator.kind) {
    case 'FilterOperator':
    case 'TakeOperator':
    case 'SortOperator':
    case 'TopOperator':
    case 'RenderOperator':
    case 'CountOperator':
      return true;
    case 'ProjectOperator':
    case 'SummarizeOperator': {
      let star = false;
      walk(operator, (n) => {
        if (n.kind === 'StarExpression') star = true;
      });
      return !star;
    }
  }
  return false;
}

/** Refuses rows whose columns come from the data (bag_unpack) where they would be read by Kusto's columns only. */
function knownColumns(rel: Rel, consumer: SyntaxNode, text: string): Rel {
  if (rel.columnsFromData) throw unsupported(consumer, `${operatorName(consumer, text)} after evaluate bag_unpack (its columns depend on the data)`);
  return rel;
}

/** What a produced table whose columns are not Kusto's is reported as (without the prefix). */
const COLUMNS_DIFFER = 'a table whose columns differ from the ones Kusto gives it';

/**
 * Guards a produced table against Kusto's schema for `node`: a body analysed generically (a
 * `(*)` table parameter) can compute other columns than the call site has. Never a guess.
 */
function checkedColumns(node: SyntaxNode, produce: () => Rel): () => Rel {
  const expected = node.type?.kind === 'table' ? node.type.columns.map((c) => c.name) : undefined;
  return () => {
    const rel = produce();
    // Kusto names only the data-shaped columns the query mentions; the rows have them all.
    if (rel.columnsFromData && expected) {
      if (expected.some((name) => rel.indexOf(name) < 0)) throw unsupported(node, COLUMNS_DIFFER);
      return rel;
    }
    if (expected && (rel.columns.length !== expected.length || rel.columns.some((c, i) => c.name !== expected[i]))) {
      throw unsupported(node, `${COLUMNS_DIFFER} (an open table without bound columns, a generic (*) parameter)`);
    }
    return rel;
  };
}

/** A thunk computed at most once (let-bound tables, materialize). */
function once<T>(produce: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = produce();
      done = true;
    }
    return value;
  };
}

function operatorName(node: SyntaxNode, text: string): string {
  const keyword = node.children.find((c) => c.isToken);
  return keyword?.text ?? text.slice(node.start, Math.min(node.end, node.start + 20));
}
