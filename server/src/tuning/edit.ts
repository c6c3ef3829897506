// Writes an exclusion into a query block: an entry in its `let` allowlist (created near the top
// when missing) and its condition in the one `where not(...)` clause (created in the pipeline of
// the event's table, after the leading filters, when missing). Checked by re-analysing the block.

import { analyzeQuery } from '../kusto/analyze';
import type { Environment } from '../kusto/globals';
import { child, walk, type SyntaxNode } from '../kusto/syntax';
import { blockAt, queryBlocks } from '../kusto/blocks';
import type { TextEdit } from '../rules/rule';
import { readAllowlist, type Allowlist, type InlineEntry } from './allowlist';
import { isInlineKind, KINDS, type Exclusion, type ExclusionKind } from './exclusion';
import { ALLOWLIST_MARKER, formatClause, formatList, styleOf, type Style } from './format';

export type { TextEdit } from '../rules/rule';

export type ExclusionEdit =
  /** One edit of the document, and the document after it. */
  | { edit: TextEdit; text: string }
  /** The block already excludes this entry: applying it again changes nothing. */
  | { unchanged: true }
  | { error: string };

/**
 * The edit that adds `exclusion` to the query block at `offset` (default: the last block with a
 * query) of `text`. Never throws; an edit that would add Kusto errors is refused.
 */
export function exclusionEdit(text: string, exclusion: Exclusion, environment: Environment, offset?: number): ExclusionEdit {
  const blocks = queryBlocks(text);
  const block = (offset === undefined ? undefined : blockAt(blocks, offset)) ?? blocks.at(-1);
  if (!block) return { error: 'the document has no query' };
  const before = analyzeQuery(block.text, environment);
  const allowlist = readAllowlist(before.syntax, block.text);
  const inline = isInlineKind(KINDS[exclusion.kind]);
  const existing = allowlist.lists.find((list) => list.kind === exclusion.kind);
  const entries = allowlist.clause?.entries ?? [];
  if (inline ? entries.some((entry) => sameEntry(entry, exclusion)) : existing?.entries.some((entry) => same(entry.value, exclusion.value))) return { unchanged: true };

  const style = styleOf(block.text);
  const edits: TextEdit[] = [];
  const entry = { value: exclusion.value, comment: exclusion.comment };
  if (inline) {
    entries.push({ ...entry, kind: exclusion.kind, ...(exclusion.qualifier === undefined ? {} : { qualifier: exclusion.qualifier }) });
  } else if (existing) {
    edits.push({ start: existing.start, end: existing.end, newText: formatList(exclusion.kind, [...existing.entries, entry], style) });
  } else {
    edits.push(listInsertion(before.syntax, allowlist, formatList(exclusion.kind, [entry], style), style));
  }
  const kinds = new Set<ExclusionKind>([...allowlist.lists.map((list) => list.kind), ...entries.map((e) => e.kind), exclusion.kind]);
  const clause = allowlist.clause
    ? clauseReplacement(block.text, allowlist.clause, kinds, entries, style)
    : clauseInsertion(block.text, before.syntax, exclusion, kinds, entries, style);
  if ('error' in clause) return clause;
  edits.push(clause);

  const newBlock = applyEdits(block.text, edits);
  const after = analyzeQuery(newBlock, environment);
  const errorsBefore = before.diagnostics.filter((d) => d.severity === 'error').length;
  const newErrors = after.diagnostics.filter((d) => d.severity === 'error');
  if (newErrors.length > errorsBefore) return { error: `the exclusion would not analyse: ${newErrors[0].message}` };

  const newText = text.slice(0, block.start) + newBlock + text.slice(block.end);
  return { edit: minimalEdit(text, newText), text: newText };
}

/** A new list goes after the allowlist's last list, or opens the allowlist before the first statement. */
function listInsertion(root: SyntaxNode, allowlist: Allowlist, list: string, style: Style): TextEdit {
  const last = allowlist.lists.at(-1);
  if (last) return { start: last.end, end: last.end, newText: style.eol + list };
  const first = firstStatement(root);
  const at = first?.start ?? 0;
  return { start: at, end: at, newText: ALLOWLIST_MARKER + style.eol + list + style.eol };
}

function firstStatement(root: SyntaxNode): SyntaxNode | undefined {
  const statements = child(root, 'Statements');
  return statements?.children[0];
}

function clauseReplacement(text: string, clause: { start: number; end: number }, kinds: ReadonlySet<ExclusionKind>, entries: readonly InlineEntry[], style: Style): TextEdit {
  return { start: clause.start, end: clause.end, newText: formatClause(kinds, entries, style, ownLinePrefix(text, clause.start)) };
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Entries compare ignoring case, as the clause matches them (a command line compares exactly). */
function sameEntry(entry: InlineEntry, exclusion: Exclusion): boolean {
  if (entry.kind !== exclusion.kind || !same(entry.value, exclusion.value)) return false;
  if (exclusion.kind === 'parent-command') return entry.qualifier === exclusion.qualifier;
  return same(entry.qualifier ?? '', exclusion.qualifier ?? '');
}

/**
 * Where the clause goes: in the first pipeline that starts at the event's table and has the
 * columns the exclusion reads, right after its leading `where`s (cheap filters first, then ours,
 * then the extends, joins and sorts it spares work).
 */
function clauseInsertion(
  text: string,
  root: SyntaxNode,
  exclusion: Exclusion,
  kinds: ReadonlySet<ExclusionKind>,
  entries: readonly InlineEntry[],
  style: Style,
): TextEdit | { error: string } {
  const needed = [...kinds].flatMap((kind) => KINDS[kind].columns);
  for (const source of tableReferences(root, exclusion.table)) {
    const anchor = insertionAnchor(source, needed);
    if (!anchor) continue;
    const firstBar = source.parent?.children.find((c) => c.kind === 'BarToken');
    // Pipes on their own lines, or a one-line pipeline: the clause follows suit.
    const multiLine = firstBar ? text.slice(source.node.end, firstBar.start).includes('\n') : text.includes('\n');
    if (!multiLine) return { start: anchor.end, end: anchor.end, newText: ` | ${formatClause(kinds, entries, style, undefined)}` };
    const prefix = firstBar ? linePrefix(text, firstBar.start) : linePrefix(text, source.node.start);
    const at = endOfLine(text, anchor.end);
    return { start: at, end: at, newText: `${style.eol}${prefix}| ${formatClause(kinds, entries, style, prefix)}` };
  }
  return { error: `no pipeline reads ${exclusion.table} with the columns ${[...new Set(needed)].join(', ')}` };
}

interface TableSource {
  node: SyntaxNode;
  /** The pipe expression whose left side is the table, if any. */
  parent?: SyntaxNode;
  /** The operators applied to the table, in pipeline order, each with the pipe expression it ends. */
  operators: { operator: SyntaxNode; pipe: SyntaxNode }[];
}

/** References to `table` that start a pipeline, with the operators that follow them. */
function tableReferences(root: SyntaxNode, table: string): TableSource[] {
  const parents = new Map<SyntaxNode, SyntaxNode>();
  const references: SyntaxNode[] = [];
  walk(root, (node, parent) => {
    if (parent) parents.set(node, parent);
    if (node.kind === 'NameReference' && node.symbol?.kind === 'Table' && node.symbol.name === table) references.push(node);
    return true;
  });
  return references.map((node) => {
    const operators: TableSource['operators'] = [];
    let current = node;
    let pipe = parents.get(current);
    while (pipe?.kind === 'PipeExpression' && child(pipe, 'Expression') === current) {
      const operator = child(pipe, 'Operator');
      if (operator) operators.push({ operator, pipe });
      current = pipe;
      pipe = parents.get(current);
    }
    const first = parents.get(node);
    return { node, parent: first?.kind === 'PipeExpression' ? first : undefined, operators };
  });
}

/** The node to insert after: the last leading `where`, moved on until the needed columns exist. */
function insertionAnchor(source: TableSource, needed: readonly string[]): SyntaxNode | undefined {
  let index = 0;
  while (index < source.operators.length && source.operators[index].operator.kind === 'FilterOperator') index++;
  // Position i: after the table (0) or after operator i-1; its columns are those of that node.
  for (let position = index; position <= source.operators.length; position++) {
    const node = position === 0 ? source.node : source.operators[position - 1].pipe;
    if (hasColumns(node, needed)) return position === 0 ? source.node : source.operators[position - 1].operator;
  }
  return undefined;
}

function hasColumns(node: SyntaxNode, needed: readonly string[]): boolean {
  if (node.type?.kind !== 'table') return false;
  const columns = new Set(node.type.columns.map((c) => c.name));
  return needed.every((name) => columns.has(name));
}

/** The whitespace before `offset` when only whitespace and `|` precede it on its line; else undefined. */
function ownLinePrefix(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = /^([ \t]*)\|?[ \t]*$/.exec(text.slice(lineStart, offset));
  return before ? before[1] : undefined;
}

function linePrefix(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** After a trailing comment, so the comment stays with the operator it was written on. */
function endOfLine(text: string, offset: number): number {
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  const contentEnd = text[end - 1] === '\r' ? end - 1 : end;
  return /^[ \t]*(\/\/.*)?$/.test(text.slice(offset, contentEnd)) ? contentEnd : offset;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** One edit covering only what changed, so the editor keeps the cursor and folding elsewhere. */
function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}
