// Kusto regular expressions. Kusto uses RE2, so we use re2js, a port of RE2: same syntax (no
// backreferences or lookaround), and linear-time matching, so a hostile pattern cannot hang the
// server. Indices are UTF-16 offsets, like every other string index in the engine.

import { RE2JS } from 're2js';

export interface RegexMatch {
  /** Where the whole match starts and ends in the input. */
  start: number;
  end: number;
  /** Group texts by number: 0 is the whole match; a group that did not take part is null. */
  groups: (string | null)[];
}

export interface RegexHandle {
  /** Number of capturing groups (not counting the whole match). */
  readonly groupCount: number;
  /** Named groups (`(?P<name>…)` or `(?<name>…)`) → group number. */
  readonly groupNames: ReadonlyMap<string, number>;
  /** Whether the pattern matches anywhere in `text` (`matches regex`). */
  test(text: string): boolean;
  /** The leftmost match, or null. */
  match(text: string): RegexMatch | null;
  /** Successive non-overlapping matches, as RE2's global matching finds them. */
  matchAll(text: string): RegexMatch[];
  /** Every match replaced by `rewrite`, where `\0`…`\9` insert groups (`replace_regex`). */
  replace(text: string, rewrite: string): string;
}

/**
 * Kusto's regex flags (`parse kind=regex flags=Ui`, and the same letters inline as `(?i)`):
 * `i` case-insensitive, `m` multi-line `^`/`$`, `s` dot matches newline, `U` ungreedy.
 */
const FLAG_LETTERS = /^[imsU]*$/;

/** Compiles `pattern` with optional Kusto `flags`; a syntax error comes back as a message. */
export function compileRegex(pattern: string, flags = ''): { regex: RegexHandle } | { error: string } {
  if (!FLAG_LETTERS.test(flags)) return { error: `unknown regex flags '${flags}' (Kusto accepts i, m, s and U)` };
  const key = `${flags}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let result: { regex: RegexHandle } | { error: string };
  try {
    result = { regex: new Re2Regex(RE2JS.compile(flags ? `(?${flags})${pattern}` : pattern)) };
  } catch (error) {
    result = { error: `invalid regular expression: ${error instanceof Error ? error.message : String(error)}` };
  }
  // Patterns computed per row would otherwise compile once per row; keep the recent ones.
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

const CACHE_SIZE = 256;
const cache = new Map<string, { regex: RegexHandle } | { error: string }>();

class Re2Regex implements RegexHandle {
  readonly groupCount: number;
  readonly groupNames: ReadonlyMap<string, number>;

  constructor(private readonly re: RE2JS) {
    this.groupCount = re.groupCount();
    this.groupNames = new Map(Object.entries(re.namedGroups()));
  }

  test(text: string): boolean {
    return this.re.test(text);
  }

  match(text: string): RegexMatch | null {
    const matcher = this.re.matcher(text);
    return matcher.find() ? this.capture(matcher) : null;
  }

  matchAll(text: string): RegexMatch[] {
    const matches: RegexMatch[] = [];
    const matcher = this.re.matcher(text);
    let lastEnd = -1;
    while (matcher.find()) {
      // RE2 ignores an empty match that abuts the previous match (as RE2::GlobalReplace does).
      if (matcher.start() === matcher.end() && matcher.start() === lastEnd) continue;
      matches.push(this.capture(matcher));
      lastEnd = matcher.end();
    }
    return matches;
  }

  replace(text: string, rewrite: string): string {
    let out = '';
    let copied = 0;
    for (const match of this.matchAll(text)) {
      out += text.slice(copied, match.start) + expandRewrite(rewrite, match.groups);
      copied = match.end;
    }
    return out + text.slice(copied);
  }

  private capture(matcher: ReturnType<RE2JS['matcher']>): RegexMatch {
    const groups: (string | null)[] = [];
    for (let g = 0; g <= this.groupCount; g++) groups.push(matcher.group(g));
    return { start: matcher.start(), end: matcher.end(), groups };
  }
}

/**
 * Expands a `replace_regex` rewrite: `\0` is the whole match and `\1`…`\9` the groups, as the docs
 * say; a group that did not take part inserts nothing. Any other character, `$` included, is
 * literal.
 */
function expandRewrite(rewrite: string, groups: (string | null)[]): string {
  if (!rewrite.includes('\\')) return rewrite;
  return rewrite.replace(/\\(\d)/g, (whole, digit: string) => {
    const g = Number(digit);
    return g < groups.length ? (groups[g] ?? '') : whole;
  });
}
