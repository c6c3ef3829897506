// Reads the tuning allowlist already in a query block: its `let` lists with their entries and
// comments, and the `where not(...)` clause that applies them with the entries written into it.
// Everything is found again in the current text, so the edits never depend on how the block was
// written before.

import { child, listElements, walk, type SyntaxNode } from '../kusto/syntax';
import { isInlineKind, KIND_ORDER, KINDS, type ExclusionKind, type InlineKind, type ListKind } from './exclusion';

export interface AllowlistEntry {
  value: string;
  /** The `//` comment on the entry's line, without the slashes. */
  comment: string;
}

export interface AllowlistList {
  kind: ExclusionKind;
  /** From `let` to the end of its `;` (block offsets). */
  start: number;
  end: number;
  entries: AllowlistEntry[];
}

/** An entry written into the clause (a path prefix, alone or with its scope). */
export interface InlineEntry extends AllowlistEntry {
  kind: ExclusionKind;
  qualifier?: string;
}

export interface Allowlist {
  lists: AllowlistList[];
  /** The `where not(...)` operator that reads the lists (block offsets), if any, and the entries written into it. */
  clause?: { start: number; end: number; entries: InlineEntry[] };
}

const LIST_KINDS = KIND_ORDER.filter((kind) => !isInlineKind(KINDS[kind])).map((kind) => ({ kind, spec: KINDS[kind] as ListKind }));
const INLINE_KINDS = KIND_ORDER.filter((kind) => isInlineKind(KINDS[kind])).map((kind) => ({ kind, spec: KINDS[kind] as InlineKind }));
const KIND_BY_LIST = new Map(LIST_KINDS.map(({ kind, spec }) => [spec.list, kind]));

export function readAllowlist(root: SyntaxNode, text: string): Allowlist {
  const lists: AllowlistList[] = [];
  let clause: Allowlist['clause'];
  walk(root, (node, parent) => {
    if (node.kind === 'LetStatement') {
      const list = listOf(node, parent, text);
      if (list) lists.push(list);
      return true;
    }
    if (node.kind === 'FilterOperator' && !clause) {
      const entries = clauseEntries(node, text);
      if (entries) clause = { start: node.start, end: node.end, entries };
    }
    return true;
  });
  return { lists, clause };
}

function listOf(statement: SyntaxNode, element: SyntaxNode | undefined, text: string): AllowlistList | undefined {
  const name = child(statement, 'Name');
  const kind = name ? KIND_BY_LIST.get(text.slice(name.start, name.end)) : undefined;
  const expression = child(statement, 'Expression');
  if (!kind || expression?.kind !== 'DynamicExpression') return undefined;
  const array = child(expression, 'Expression');
  if (array?.kind !== 'JsonArrayExpression') return undefined;
  const entries: AllowlistEntry[] = [];
  for (const item of listElements(child(array, 'Values'))) {
    if (item.literal === undefined) return undefined; // not a list we wrote: leave it alone
    entries.push({ value: item.literal, comment: commentAfter(text, item.end) });
  }
  const semicolon = element?.children.find((c) => c.kind === 'SemicolonToken');
  return { kind, start: statement.start, end: semicolon?.end ?? statement.end, entries };
}

/** The `//` comment between `offset` and the end of its line (after an optional comma). */
function commentAfter(text: string, offset: number): string {
  const lineEnd = text.indexOf('\n', offset);
  const rest = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  return /^\s*,?\s*\/\/\s?(.*?)\s*$/.exec(rest)?.[1] ?? '';
}

/**
 * The entries of a `where not(...)` that is ours: every disjunct is a list kind's condition or an
 * entry in an inline kind's shape. Undefined for any other filter, so a user's own stays untouched.
 */
function clauseEntries(filter: SyntaxNode, text: string): InlineEntry[] | undefined {
  const condition = child(filter, 'Condition');
  if (condition?.kind !== 'FunctionCallExpression' || condition.symbol?.name !== 'not') return undefined;
  const argument = listElements(child(child(condition, 'ArgumentList') ?? condition, 'Expressions'));
  if (argument.length !== 1) return undefined;
  const entries: InlineEntry[] = [];
  for (const disjunct of disjuncts(argument[0])) {
    const written = normalize(text.slice(disjunct.start, disjunct.end));
    if (LIST_KINDS.some(({ spec }) => [normalize(spec.condition), `(${normalize(spec.condition)})`].includes(written))) continue;
    const entry = inlineEntry(shapeOf(disjunct, text), text, disjunct.end);
    if (!entry) return undefined;
    entries.push(entry);
  }
  return entries;
}

/** The operands of a chain of `or`s, looking through parentheses around the chain. */
function disjuncts(node: SyntaxNode): SyntaxNode[] {
  if (node.kind === 'OrExpression') return [...disjuncts(child(node, 'Left')!), ...disjuncts(child(node, 'Right')!)];
  const inner = node.kind === 'ParenthesizedExpression' ? child(node, 'Expression') : undefined;
  if (inner?.kind === 'OrExpression') return disjuncts(inner);
  return [node];
}

interface Shape {
  /** The disjunct's text with each string literal replaced by `$`, outer parentheses dropped. */
  text: string;
  literals: string[];
}

function shapeOf(node: SyntaxNode, text: string): Shape {
  const literals: { start: number; end: number; value: string }[] = [];
  walk(node, (n) => {
    if (n.kind !== 'StringLiteralExpression' || n.literal === undefined) return true;
    literals.push({ start: n.start, end: n.end, value: n.literal });
    return false;
  });
  let shape = '';
  let at = node.start;
  for (const literal of literals) {
    shape += text.slice(at, literal.start) + '$';
    at = literal.end;
  }
  shape += text.slice(at, node.end);
  return { text: normalize(shape).replace(/^\((.*)\)$/, '$1'), literals: literals.map((l) => l.value) };
}

function inlineEntry(shape: Shape, text: string, end: number): InlineEntry | undefined {
  for (const { kind, spec } of INLINE_KINDS) {
    const slots = [...spec.template.matchAll(/\$([12])/g)].map((m) => m[1]);
    if (normalize(spec.template.replace(/\$[12]/g, '$')) !== shape.text || slots.length !== shape.literals.length) continue;
    const value = shape.literals[slots.indexOf('1')];
    const qualifierAt = slots.indexOf('2');
    const entry: InlineEntry = { kind, value, comment: commentAfter(text, end) };
    if (qualifierAt >= 0) entry.qualifier = shape.literals[qualifierAt];
    return entry;
  }
  return undefined;
}

function normalize(text: string): string {
  return text.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, ' ').trim();
}
