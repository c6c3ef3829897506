// The KQL text the tuning edits write, in the style of the query they go into: its line endings
// and its indentation unit.

import { KIND_ORDER, KINDS, type ExclusionKind } from './exclusion';
import type { AllowlistEntry } from './allowlist';

export interface Style {
  eol: string;
  /** One level of indentation, as the query writes it. */
  indent: string;
}

export const ALLOWLIST_MARKER = '// Tuning allowlist (KQL Detect): events matching an entry are dropped by the where not(...) below.';

export function styleOf(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // The smallest indentation of a line inside a multi-line construct is the query's unit.
  let indent: string | undefined;
  for (const match of text.matchAll(/^([ \t]+)\S/gm)) {
    if (!indent || match[1].length < indent.length) indent = match[1];
  }
  return { eol, indent: indent ?? '    ' };
}

/** A KQL string literal for `value`: verbatim when it holds backslashes, as paths do. */
export function stringLiteral(value: string): string {
  if (value.includes('\\') && !/[\r\n]/.test(value)) return `@"${value.replace(/"/g, '""')}"`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
}

/** A comment stays on its entry's line. */
export function oneLine(comment: string): string {
  return comment.replace(/\s+/g, ' ').trim();
}

/** `let <List> = dynamic([ ... ]);` with one entry per line and its comment after it. */
export function formatList(kind: ExclusionKind, entries: readonly AllowlistEntry[], style: Style): string {
  const lines = entries.map((entry, i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const comment = oneLine(entry.comment);
    return `${style.indent}${stringLiteral(entry.value)}${comma}${comment ? `  // ${comment}` : ''}`;
  });
  return [`let ${KINDS[kind].list} = dynamic([`, ...lines, ']);'].join(style.eol);
}

/**
 * `where not(...)` over the lists of `kinds`, one disjunct per kind in kind order. On its own
 * line (`continuation` set) each further disjunct starts a new line with that prefix.
 */
export function formatClause(kinds: ReadonlySet<ExclusionKind>, style: Style, continuation: string | undefined): string {
  const conditions = KIND_ORDER.filter((kind) => kinds.has(kind)).map((kind) => KINDS[kind].condition);
  // `and` binds tighter than `or`; the parentheses say so to the reader.
  if (conditions.length > 1) conditions.forEach((c, i) => (conditions[i] = c.includes(' and ') ? `(${c})` : c));
  const joint = continuation === undefined ? ' or ' : `${style.eol}${continuation}${style.indent}or `;
  return `where not(${conditions.join(joint)})`;
}
