// In-file suppression comments:
//   // kql-detect-disable-next-line rule-a, rule-b   (the next line only)
//   // kql-detect-disable-line rule-a                (the comment's own line, for a trailing comment)
//   // kql-detect-disable rule-a                      (from here to the end of the file)
//   // kql-detect-disable-file rule-a                 (the whole file, wherever the comment is)
// Without rule ids, a comment suppresses every rule.

const COMMENT = /\/\/\s*kql-detect-disable(-next-line|-line|-file)?(?![\w-])([^\n]*)/g;

export interface Suppressions {
  isSuppressed(ruleId: string, offset: number): boolean;
}

interface Directive {
  /** The suppression applies to offsets in [from, to). */
  from: number;
  to: number;
  rules: Set<string> | 'all';
}

export function readSuppressions(text: string): Suppressions {
  const directives: Directive[] = [];
  for (const match of text.matchAll(COMMENT)) {
    const ids = match[2].split(/[\s,]+/).filter((id) => /^[a-z0-9-]+$/.test(id));
    const rules = ids.length > 0 ? new Set(ids) : 'all';
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const lineEnd = text.indexOf('\n', match.index);
    const endOfLine = (end: number) => (end < 0 ? text.length + 1 : end);
    if (match[1] === '-next-line') {
      if (lineEnd < 0) continue;
      directives.push({ from: lineEnd + 1, to: endOfLine(text.indexOf('\n', lineEnd + 1)), rules });
    } else if (match[1] === '-line') {
      directives.push({ from: lineStart, to: endOfLine(lineEnd), rules });
    } else if (match[1] === '-file') {
      directives.push({ from: 0, to: Infinity, rules });
    } else {
      directives.push({ from: match.index, to: Infinity, rules });
    }
  }
  return {
    isSuppressed(ruleId, offset) {
      return directives.some((d) => offset >= d.from && offset < d.to && (d.rules === 'all' || d.rules.has(ruleId)));
    },
  };
}
