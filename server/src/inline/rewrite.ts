// Rewrites a detection into one self-contained query: every table it reads becomes a
// `let Table = datatable(...)[...]` of the bound events, now()/ago() read the pinned datetime,
// `_GetWatchlist(...)` reads the bound watchlist items and `externaldata` the rows bound to its
// `let` name. The result runs unchanged on any Kusto service, so the service sees exactly the
// events the local engine saw.

import { analysisEnvironmentFor } from '../engine/index';
import type { Table, TableProvider } from '../engine/table';
import { emptyValue, formatDateTime, scalarType, type ScalarType, type Value } from '../engine/values';
import { analyzeQuery } from '../kusto/analyze';
import type { Environment } from '../kusto/globals';
import { child, listElements, walk, type ColumnInfo, type SyntaxNode } from '../kusto/syntax';
import { literalValue } from '../engine/literals';
import { memoryTable } from '../engine/memoryTable';
import { toValue } from '../testing/cells';
import { datatableText } from './datatable';
import { kqlName } from './literals';

/** The table `_GetWatchlist(alias)` reads in the local environments (see kusto/environment.ts). */
export const WATCHLIST_TABLE = '_WatchlistItems';

export interface InlineInput {
  /** The detection's text. */
  text: string;
  /** The events each table name is bound to. */
  provider: TableProvider;
  /** The pinned now(), in ticks. */
  now: bigint;
  /** What the detection is analysed against (its functions; the bound tables are added). */
  environment: Environment;
}

export interface InlineProblem {
  /** Offsets into the detection. */
  start: number;
  end: number;
  message: string;
}

export interface InlinedQuery {
  /** The self-contained query; empty when there are problems. */
  text: string;
  problems: InlineProblem[];
  /** The tables written into the query, with their row counts. */
  tables: { name: string; rows: number }[];
  /** The detection offset an offset of `text` comes from; undefined inside the inlined events. */
  originalOffset(offset: number): number | undefined;
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** Rewrites `input.text` into a self-contained query. Never throws on user input. */
export function inlineQuery(input: InlineInput): InlinedQuery {
  const analysis = analyzeQuery(input.text, analysisEnvironmentFor(input.environment, input.provider));
  const bound = (name: string): Table | undefined => input.provider.table(name);
  const problems: InlineProblem[] = analysis.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ start: d.start, end: d.end, message: `the detection does not analyse: ${d.message}` }));
  const root = analysis.syntax;
  const now = `datetime(${formatDateTime(input.now)})`;
  /** Tables the query reads, with the columns Kusto's analysis gives them. */
  const read = new Map<string, ColumnInfo[] | undefined>();
  const fromExternalData = new Map<string, string>();
  const replacements = new Map<SyntaxNode, (render: (node: SyntaxNode) => string) => string>();

  walk(root, (node, parent) => {
    if (node.kind === 'NameReference' && node.symbol?.kind === 'Table') {
      const name = node.symbol.name;
      if (bound(name)) read.set(name, node.type?.kind === 'table' ? node.type.columns : undefined);
      else problems.push({ ...span(node), message: `reads ${name}, which the spec binds no events to: on a service it would read the real table` });
      return;
    }
    if (node.kind === 'FunctionCallExpression' && node.symbol?.kind === 'Function' && !node.symbol.declaration) {
      const args = listElements(child(child(node, 'ArgumentList') ?? node, 'Expressions'));
      switch (node.symbol.name) {
        case 'now':
        case 'ago': {
          // A literal offset folds into one datetime literal: Kusto accepts now(1d) where it
          // requires a constant (prev()'s default), and a literal stays one.
          const sign = node.symbol.name === 'now' ? 1n : -1n;
          const offset = args.length === 0 ? 0n : timespanLiteral(args[0], input.text);
          if (offset !== undefined) {
            const literal = `datetime(${formatDateTime(input.now + sign * offset)})`;
            replacements.set(node, () => literal);
            return false;
          }
          replacements.set(node, (render) => `(${now} ${sign > 0n ? '+' : '-'} (${render(args[0])}))`);
          return;
        }
        case '_GetWatchlist':
          if (bound(WATCHLIST_TABLE)) {
            read.set(WATCHLIST_TABLE, undefined);
            replacements.set(node, () => kqlName(WATCHLIST_TABLE));
          } else {
            problems.push({ ...span(node), message: `reads a watchlist, but the spec binds no events to ${WATCHLIST_TABLE}` });
          }
          return false;
        case 'table':
        case 'database':
        case 'cluster':
        case 'workspace':
          problems.push({ ...span(node), message: `${node.symbol.name}() names data outside the query: it cannot be inlined` });
          return false;
      }
      return;
    }
    if (node.kind === 'ExternalDataExpression') {
      const inlined = externalData(node, parent, bound, problems);
      if (inlined) {
        fromExternalData.set(inlined.name, inlined.text);
        replacements.set(node, () => inlined.text);
      }
      return false;
    }
  });

  if (problems.length > 0) return { text: '', problems, tables: [], originalOffset: () => undefined };

  const edits: Edit[] = [];
  const render = (node: SyntaxNode): string => renderNode(node, input.text, replacements, edits);
  const body = render(root);
  const tables = [...read.keys()].filter((name) => !fromExternalData.has(name)).sort();
  const lets = tables.map((name) => `let ${kqlName(name)} = ${datatableText(asAnalysed(bound(name)!, read.get(name)))};\n`);
  const counts = tables.map((name) => ({ name, rows: bound(name)!.rowCount }));
  const header = `// Self-contained: ${describeCounts(counts)}; now() is ${formatDateTime(input.now)}.\n`;
  const leading = leadingSetsEnd(root, input.text);
  const prefix = header + lets.join('');
  const text = body.slice(0, leading) + prefix + body.slice(leading);
  return { text, problems: [], tables: counts, originalOffset: offsetMap(edits, leading, prefix.length) };
}

/**
 * The text of `node` with every replacement below it applied, in text order. Records each
 * applied edit (offsets into the original) so positions in the result can be mapped back.
 */
function renderNode(node: SyntaxNode, text: string, replacements: Map<SyntaxNode, (render: (n: SyntaxNode) => string) => string>, edits: Edit[]): string {
  const replace = replacements.get(node);
  if (replace) {
    const replacement = replace((n) => renderNode(n, text, replacements, []));
    edits.push({ start: node.start, end: node.end, replacement });
    return replacement;
  }
  if (!hasReplacementBelow(node, replacements)) return text.slice(node.start, node.end);
  let out = '';
  let at = node.start;
  for (const c of node.children) {
    if (c.start === c.end) continue; // empty nodes hold no text
    out += text.slice(at, c.start) + renderNode(c, text, replacements, edits);
    at = c.end;
  }
  return out + text.slice(at, node.end);
}

function hasReplacementBelow(node: SyntaxNode, replacements: Map<SyntaxNode, unknown>): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (replacements.has(n)) found = true;
    return !found;
  });
  return found;
}

/** The rows bound to the `let` name an `externaldata` is assigned to, typed by its declared schema. */
function externalData(node: SyntaxNode, parent: SyntaxNode | undefined, tables: (name: string) => Table | undefined, problems: InlineProblem[]): { name: string; text: string } | undefined {
  const name = parent?.kind === 'LetStatement' ? child(parent, 'Name')?.symbol?.name : undefined;
  if (name === undefined) {
    problems.push({ ...span(node), message: 'externaldata is inlined from the events bound to its let name: write it as `let Name = externaldata(...)[...]` and bind Name in the spec' });
    return undefined;
  }
  const bound = tables(name);
  if (!bound) {
    problems.push({ ...span(node), message: `externaldata: the spec binds no events to ${name}, so its rows cannot be inlined` });
    return undefined;
  }
  const declared = listElements(child(child(node, 'Schema') ?? node, 'Columns')).map((c) => ({
    name: child(c, 'Name')?.symbol?.name ?? '',
    type: scalarType(child(c, 'Type')?.children.find((t) => t.isToken)?.text ?? '') ?? ('dynamic' as ScalarType),
  }));
  const rows: Value[][] = [];
  for (let row = 0; row < bound.rowCount; row++) {
    const values: Value[] = [];
    for (const column of declared) {
      const boundType = bound.schema.find((c) => c.name === column.name)?.type;
      const value = (bound.column(column.name)?.[row] ?? null) as Value;
      const converted = boundType === column.type ? { value } : toValue(typeof value === 'bigint' ? undefined : value, column.type);
      if ('error' in converted) {
        problems.push({ ...span(node), message: `externaldata ${name}: row ${row + 1}, ${column.name}: ${converted.error}` });
        return undefined;
      }
      values.push(converted.value);
    }
    rows.push(values);
  }
  return { name, text: datatableText(memoryTable(declared, rows)) };
}

/** The ticks of a literal timespan argument (`1d`, `-1h`), or undefined for any other expression. */
function timespanLiteral(node: SyntaxNode, text: string): bigint | undefined {
  if (node.kind === 'UnaryMinusExpression') {
    const inner = child(node, 'Expression');
    const value = inner ? timespanLiteral(inner, text) : undefined;
    return value === undefined ? undefined : -value;
  }
  if (node.kind !== 'TimespanLiteralExpression') return undefined;
  const value = literalValue(node, text);
  return typeof value === 'bigint' ? value : undefined;
}

/**
 * The table with the columns the analysis gave it (a declared schema wins over the bound
 * table's, as in the engine), so `*` and `project-away` see the same columns in the same order.
 */
function asAnalysed(table: Table, columns: ColumnInfo[] | undefined): Table {
  if (!columns) return table;
  const schema = columns.map((c) => ({ name: c.name, type: scalarType(c.type) ?? ('dynamic' as ScalarType) }));
  return {
    schema,
    rowCount: table.rowCount,
    column: (name) => table.column(name) ?? new Array<Value>(table.rowCount).fill(emptyValue(schema.find((c) => c.name === name)!.type)),
  };
}

/** `set` statements must come first in a query: the inlined tables go after them. */
function leadingSetsEnd(root: SyntaxNode, text: string): number {
  let end = 0;
  for (const statement of listElements(child(root, 'Statements'))) {
    if (statement.kind !== 'SetOptionStatement') break;
    end = statement.end;
  }
  if (end === 0) return 0;
  const semicolon = text.indexOf(';', end);
  const after = semicolon < 0 ? end : semicolon + 1;
  return after + (text[after] === '\n' ? 1 : 0);
}

/** Maps an offset of the rewritten query back to the detection (edits are in text order). */
function offsetMap(edits: Edit[], insertedAt: number, insertedLength: number): (offset: number) => number | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return (offset) => {
    if (offset >= insertedAt && offset < insertedAt + insertedLength) return undefined;
    const body = offset >= insertedAt + insertedLength ? offset - insertedLength : offset;
    let delta = 0; // body offset minus detection offset, before the current edit
    for (const edit of sorted) {
      const startInBody = edit.start + delta;
      if (body < startInBody) break;
      if (body < startInBody + edit.replacement.length) return edit.start;
      delta += edit.replacement.length - (edit.end - edit.start);
    }
    return body - delta;
  };
}

function describeCounts(counts: { name: string; rows: number }[]): string {
  if (counts.length === 0) return 'no tables';
  return counts.map((c) => `${c.name} (${c.rows} ${c.rows === 1 ? 'event' : 'events'})`).join(', ');
}

function span(node: SyntaxNode): { start: number; end: number } {
  return { start: node.start, end: node.end };
}
