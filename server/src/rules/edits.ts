// Text edits that keep the author's style: the neighbours' quotes, separators and line layout.

import type { Literal, StringList } from './detection/model';
import type { TextEdit } from './rule';

/** A Kusto string literal for `value`, quoted like `neighbour` (`"…"`, `'…'` or `@"…"`). */
export function quoteLike(text: string, neighbour: Literal | undefined, value: string): string {
  const first = neighbour ? text[neighbour.start] : '"';
  if (first === '@') {
    const quote = text[neighbour!.start + 1] === "'" ? "'" : '"';
    return `@${quote}${value.split(quote).join(quote + quote)}${quote}`;
  }
  const quote = first === "'" ? "'" : '"';
  return quote + value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
}

/** The separator between two entries on one line (`", "` by default). */
function inlineSeparator(text: string, entries: Literal[]): string {
  for (let i = 1; i < entries.length; i++) {
    const between = text.slice(entries[i - 1].end, entries[i].start);
    if (!between.includes('\n') && /^\s*,\s*$/.test(between)) return between;
  }
  return ', ';
}

function isMultiLine(text: string, list: StringList): boolean {
  return list.entries.some((e, i) => i > 0 && text.slice(list.entries[i - 1].end, e.start).includes('\n'));
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Inserts `values` right after `after` (one of the list's entries), on the same line. */
export function insertAfterEntry(text: string, list: StringList, after: Literal, values: string[]): TextEdit {
  const separator = inlineSeparator(text, list.entries);
  return { start: after.end, end: after.end, newText: values.map((v) => separator + quoteLike(text, after, v)).join('') };
}

/** Appends `values` as a new group: on a new line for lists written one group per line. */
export function appendGroup(text: string, list: StringList, values: string[]): TextEdit {
  const last = list.entries[list.entries.length - 1];
  const separator = inlineSeparator(text, list.entries);
  const quoted = values.map((v) => quoteLike(text, last, v)).join(separator);
  if (isMultiLine(text, list)) return { start: last.end, end: last.end, newText: `,\n${indentOf(text, last.start)}${quoted}` };
  return { start: last.end, end: last.end, newText: separator + quoted };
}

/** Removes entry `index` with the separator before it (or after it, for the first entry). */
export function removeEntry(list: StringList, index: number): TextEdit {
  const entries = list.entries;
  if (index > 0) return { start: entries[index - 1].end, end: entries[index].end, newText: '' };
  const next = entries[1];
  return { start: entries[0].start, end: next ? next.start : entries[0].end, newText: '' };
}

/** Applies non-overlapping edits to `text`. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
