// The KQL text the tuning edits write, in the style of the query they go into: its line endings
// and its indentation unit.

import { isInlineKind, KIND_ORDER, KINDS, type ExclusionKind, type ListKind } from './exclusion';
import type { AllowlistEntry, InlineEntry } from './allowlist';

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
  const spec = KINDS[kind];
  if (isInlineKind(spec)) throw new Error(`${kind} entries are written into the clause`);
  const lines = entries.map((entry, i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const comment = oneLine(entry.comment);
    return `${style.indent}${stringLiteral(entry.value)}${comma}${comment ? `  // ${comment}` : ''}`;
  });
  return [`let ${spec.list} = dynamic([`, ...lines, ']);'].join(style.eol);
}

/** The disjunct of the clause that an inline entry is: its kind's template with the entry's literals. */
export function inlineCondition(entry: InlineEntry): string {
  const spec = KINDS[entry.kind];
  if (!isInlineKind(spec)) throw new Error(`${entry.kind} entries live in a list`);
  return spec.template.replace(/\$([12])/g, (_, slot: string) => stringLiteral(slot === '1' ? entry.value : (entry.qualifier ?? '')));
}

/**
 * `where not(...)` over the entries written into it (in kind order, each with its comment) and
 * the lists of `kinds`, one disjunct each. On its own line (`continuation` set) each further
 * disjunct starts a new line with that prefix; on a one-line pipeline the entries' comments are
 * left out, since a `//` comment would run to the end of the query.
 */
export function formatClause(kinds: ReadonlySet<ExclusionKind>, entries: readonly InlineEntry[], style: Style, continuation: string | undefined): string {
  const ordered = KIND_ORDER.flatMap((kind) => entries.filter((entry) => entry.kind === kind));
  const disjuncts = [
    ...ordered.map((entry) => ({ condition: inlineCondition(entry), comment: oneLine(entry.comment) })),
    ...KIND_ORDER.filter((kind) => kinds.has(kind) && !isInlineKind(KINDS[kind])).map((kind) => ({ condition: (KINDS[kind] as ListKind).condition, comment: '' })),
  ];
  // `and` binds tighter than `or`; the parentheses say so to the reader.
  if (disjuncts.length > 1) for (const d of disjuncts) d.condition = d.condition.includes(' and ') ? `(${d.condition})` : d.condition;
  if (continuation === undefined) return `where not(${disjuncts.map((d) => d.condition).join(' or ')})`;
  const next = `${style.eol}${continuation}${style.indent}or `;
  const body = disjuncts.map((d) => (d.comment ? `${d.condition}  // ${d.comment}` : d.condition));
  // A comment on the last line would swallow the closing parenthesis: it goes on a line of its own.
  const close = disjuncts.at(-1)!.comment ? `${style.eol}${continuation}${style.indent})` : ')';
  return `where not(${body.join(next)}${close}`;
}

/** The condition one exclusion adds, with its entry written in: what a review reads. */
export function clauseOf(exclusion: { kind: ExclusionKind; value: string; qualifier?: string }): string {
  const spec = KINDS[exclusion.kind];
  if (isInlineKind(spec)) return inlineCondition({ ...exclusion, comment: '' });
  return spec.condition.replace(`(${spec.list})`, `(${stringLiteral(exclusion.value)})`);
}
