// Rewrites the embedded queries of a rule file in place (for `kql-detect fmt`): each query's new
// text goes back in its own string style and indentation, and nothing else in the file changes.

import { editToHost, type HostEdit } from './embeddedQuery';
import { readRuleFile } from './ruleFile';

export interface RewrittenRuleFile {
  /** The file with every query that could be rewritten replaced. */
  text: string;
  /** Queries (or the whole file) left as they were, and why, at host offsets. */
  skipped: { start: number; message: string }[];
}

/**
 * `text` with `rewrite` applied to each of its queries, or undefined when it is not a rule file.
 * A query's leading and trailing whitespace belong to the host (a block's last line break), so
 * only what lies between is replaced. The result is read back: a file whose queries would not read
 * back as rewritten is left as it was.
 */
export function rewriteRuleFileQueries(fileName: string, text: string, rewrite: (query: string) => string): RewrittenRuleFile | undefined {
  const file = readRuleFile(fileName, text);
  if (!file) return undefined;
  if (file.problems.length > 0) return { text, skipped: [{ start: file.problems[0]!.start, message: `left as it is: ${file.problems[0]!.message}` }] };

  const edits: HostEdit[] = [];
  const skipped: RewrittenRuleFile['skipped'] = [];
  const expected = file.queries.map((query) => {
    if (!query) return undefined;
    const lead = query.text.length - query.text.trimStart().length;
    const trail = query.text.length - query.text.trimEnd().length;
    if (lead === query.text.length) return query.text;
    const core = rewrite(query.text).trim();
    const original = query.text.slice(lead, query.text.length - trail);
    if (core === original) return query.text;
    const edit = editToHost(query, { start: lead, end: query.text.length - trail, newText: core });
    if (!edit) {
      skipped.push({ start: query.valueStart, message: 'query left as it is: its string style cannot hold line breaks (a YAML literal block, `|`, can)' });
      return query.text;
    }
    edits.push(edit);
    return query.text.slice(0, lead) + core + query.text.slice(query.text.length - trail);
  });
  if (edits.length === 0) return { text, skipped };

  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  const reread = readRuleFile(fileName, result);
  const readsBack = reread !== undefined && reread.problems.length === 0 && reread.queries.length === expected.length && reread.queries.every((q, i) => q?.text === expected[i]);
  if (!readsBack) return { text, skipped: [{ start: 0, message: 'left as it is: the rewritten file would not read back with the same queries' }] };
  return { text: result, skipped };
}
