// Reads the tuning allowlist already in a query block: its `let` lists with their entries and
// comments, and the `where not(...)` clause that applies them. Everything is found again in the
// current text, so the edits never depend on how the block was written before.

import { child, listElements, walk, type SyntaxNode } from '../kusto/syntax';
import { KIND_ORDER, KINDS, type ExclusionKind } from './exclusion';

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

export interface Allowlist {
  lists: AllowlistList[];
  /** The `where not(...)` operator that reads the lists (block offsets), if any. */
  clause?: { start: number; end: number };
}

const KIND_BY_LIST = new Map(KIND_ORDER.map((kind) => [KINDS[kind].list, kind]));

export function readAllowlist(root: SyntaxNode, text: string): Allowlist {
  const lists: AllowlistList[] = [];
  let clause: Allowlist['clause'];
  walk(root, (node, parent) => {
    if (node.kind === 'LetStatement') {
      const list = listOf(node, parent, text);
      if (list) lists.push(list);
      return true;
    }
    if (node.kind === 'FilterOperator' && !clause && readsAllowlist(node)) clause = { start: node.start, end: node.end };
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

/** `where not(...)` whose condition names one of the allowlists. */
function readsAllowlist(filter: SyntaxNode): boolean {
  const condition = child(filter, 'Condition');
  if (condition?.kind !== 'FunctionCallExpression' || condition.symbol?.name !== 'not') return false;
  let found = false;
  walk(condition, (node) => {
    if (node.kind === 'NameReference' && node.symbol?.kind === 'Variable' && KIND_BY_LIST.has(node.symbol.name)) found = true;
    return !found;
  });
  return found;
}
