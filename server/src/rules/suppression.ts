// In-file suppression comments:
//   // kql-detect-disable-next-line rule-a, rule-b   (the next line only)
//   // kql-detect-disable rule-a                      (from here to the end of the file)
// Without rule ids, a comment suppresses every rule.

const COMMENT = /\/\/\s*kql-detect-disable(-next-line)?(?![\w-])([^\n]*)/g;

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
    const lineEnd = text.indexOf('\n', match.index);
    if (match[1]) {
      if (lineEnd < 0) continue;
      const nextEnd = text.indexOf('\n', lineEnd + 1);
      directives.push({ from: lineEnd + 1, to: nextEnd < 0 ? text.length + 1 : nextEnd, rules });
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
