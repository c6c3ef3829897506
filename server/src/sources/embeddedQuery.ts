// A query embedded in a host file (an analytic-rule YAML, an ARM template, a Graph detection rule):
// its text, the exact map between query and host offsets, and how replacement text is written
// back into the host's string syntax.

import type { MappedText } from './mappedText';

export interface HostEdit {
  start: number;
  end: number;
  newText: string;
}

export interface EmbeddedQuery {
  /** The query as Kusto sees it. */
  text: string;
  map: MappedText;
  /** The host range of the whole string value (quotes or block header included), for findings about it. */
  valueStart: number;
  valueEnd: number;
  /**
   * `newText` in the host's syntax for this string (escaped, or with the block's indentation), or
   * undefined when the style cannot hold it (a line break in a folded or plain scalar).
   */
  encode(newText: string): string | undefined;
}

/** An edit in query offsets as an edit of the host file, or undefined when the host cannot hold it. */
export function editToHost(query: EmbeddedQuery, edit: HostEdit): HostEdit | undefined {
  const newText = query.encode(edit.newText);
  if (newText === undefined) return undefined;
  const { start, end } = edit.end > edit.start ? query.map.spanToHost(edit.start, edit.end) : { start: query.map.toHost(edit.start), end: query.map.toHost(edit.start) };
  return { start, end, newText };
}
