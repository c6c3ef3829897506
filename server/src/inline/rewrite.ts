// Rewrites a detection into one self-contained query: every table it reads becomes a
// `let Table = datatable(...)[...]` of the bound events, now()/ago() read the pinned datetime,
// and `_GetWatchlist(alias)` and `externaldata` become datatables of what the provider binds to
// the alias or the URI (exactly what the local engine reads). The result runs unchanged on any Kusto service, so the service sees exactly the
// events the local engine saw.

import { analysisEnvironmentFor } from '../engine/index';
import { WATCHLIST_FUNCTION, type Table, type TableProvider } from '../engine/table';
import { emptyValue, formatDateTime, scalarType, type ScalarType, type Value } from '../engine/values';
import { analyzeQuery } from '../kusto/analyze';
import type { Environment } from '../kusto/globals';
import { child, listElements, walk, type ColumnInfo, type SyntaxNode } from '../kusto/syntax';
import { literalValue } from '../engine/literals';
import { externalDataRequest } from '../engine/sources';
import { datatableText } from './datatable';
import { kqlName } from './literals';

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
  const replacements = new Map<SyntaxNode, (render: (node: SyntaxNode) => string) => string>();

  walk(root, (node) => {
    if (node.kind === 'NameReference' && node.symbol?.kind === 'Table') {
      const name = node.symbol.name;
      const table = bound(name);
      const columns = node.type?.kind === 'table' && node.type.columns.length > 0 ? node.type.columns : undefined;
      // An open table (an ASIM or vendor parser) with events of no columns has nothing to type a datatable by.
      if (table && (columns?.length ?? table.schema.length) === 0) problems.push({ ...span(node), message: `${name} has no known columns, so its events cannot be written as a datatable: bind events that have columns` });
      else if (table) read.set(name, columns);
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
        case WATCHLIST_FUNCTION: {
          // As the engine reads it: the watchlist the provider binds to the alias.
          const alias = args.length === 1 ? literalValue(args[0], input.text) : undefined;
          const table = typeof alias === 'string' ? input.provider.watchlist?.(alias) : undefined;
          if (!table) {
            problems.push({ ...span(node), message: `${WATCHLIST_FUNCTION}(${typeof alias === 'string' ? `'${alias}'` : '…'}): no watchlist is bound to this alias, so its items cannot be inlined` });
          } else {
            const columns = node.type?.kind === 'table' && node.type.columns.length > 0 ? node.type.columns : undefined;
            replacements.set(node, () => `(${datatableText(asAnalysed(table, columns))})`);
          }
          return false;
        }
        case 'ingestion_time':
          // A datatable's rows have no ingestion time on a service (the call gives null there).
          problems.push({ ...span(node), message: 'ingestion_time(): the bound rows’ ingestion times cannot be written into a datatable' });
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
      // As the engine reads it: the local table the provider binds to the URI, declared schema.
      const request = externalDataRequest(node);
      const table = request ? input.provider.externalData?.(request) : undefined;
      if (!request || !table) problems.push({ ...span(node), message: `externaldata${request ? ` from ${request.urls[0]}` : ''}: no local file is bound to this URI, so its rows cannot be inlined` });
      else replacements.set(node, () => `(${datatableText(asAnalysed(table, [...request.columns]))})`);
      return false;
    }
  });

  if (problems.length > 0) return { text: '', problems, tables: [], originalOffset: () => undefined };

  const edits: Edit[] = [];
  const render = (node: SyntaxNode): string => renderNode(node, input.text, replacements, edits);
  const body = render(root);
  const tables = [...read.keys()].sort();
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
