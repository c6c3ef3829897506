// Baselines: the findings a repository has accepted for now, so CI fails only on new ones.
//
// A finding is recorded by file, rule and a fingerprint that does not mention lines: its own text
// (the span, whitespace collapsed) and a hash of the query block around it (whitespace and comments
// dropped). Matching tries the exact fingerprint first; a finding whose query was edited still
// matches an unclaimed entry with the same rule and text. Each entry matches one finding, so a
// second copy of an accepted finding is new.

export interface BaselineEntry {
  file: string;
  rule: string;
  messageId?: string;
  /** The finding's text, whitespace collapsed (cut at 200 characters). */
  text: string;
  /** A hash of the enclosing query block, without whitespace and comments. */
  query: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

/** What fingerprinting needs of a finding and its document. */
export interface FingerprintInput {
  code: string;
  messageId?: string;
  start: number;
  end: number;
}

const MAX_TEXT = 200;

/**
 * A finding's entry: file, rule, normalised text and the hash of its enclosing block — the run of
 * lines around it up to blank lines, which is how Kusto splits a file into queries (and, in a rule
 * file, the paragraph the query or the metadata field sits in).
 */
export function entryFor(file: string, text: string, finding: FingerprintInput): BaselineEntry {
  const block = enclosingBlock(text, finding.start);
  const entry: BaselineEntry = {
    file,
    rule: finding.code,
    text: collapse(text.slice(finding.start, finding.end)).slice(0, MAX_TEXT),
    query: hash(withoutCommentsAndSpace(text.slice(block.start, block.end))),
  };
  if (finding.messageId) entry.messageId = finding.messageId;
  return entry;
}

/** A baseline of `entries`, sorted so that rewriting it for the same findings changes nothing. */
export function baselineOf(entries: BaselineEntry[]): Baseline {
  const key = (e: BaselineEntry) => [e.file, e.rule, e.messageId ?? '', e.text, e.query].join('\u0000');
  return { version: 1, findings: [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
}

/** For each current entry (of all files), whether the baseline accepts it. */
export function matchBaseline(baseline: Baseline, current: readonly BaselineEntry[]): boolean[] {
  const unclaimed = new Map<string, BaselineEntry[]>();
  const sameText = (e: BaselineEntry) => [e.file, e.rule, e.messageId ?? '', e.text].join('\u0000');
  for (const entry of baseline.findings) unclaimed.set(sameText(entry), [...(unclaimed.get(sameText(entry)) ?? []), entry]);
  const accepted = current.map(() => false);
  const claim = (index: number, exact: boolean) => {
    const candidates = unclaimed.get(sameText(current[index]));
    const at = candidates?.findIndex((c) => !exact || c.query === current[index].query) ?? -1;
    if (at < 0) return;
    candidates!.splice(at, 1);
    accepted[index] = true;
  };
  current.forEach((_, i) => claim(i, true));
  current.forEach((_, i) => accepted[i] || claim(i, false));
  return accepted;
}

/** Reads a baseline file's parsed JSON; a message says what is wrong with it. */
export function readBaseline(json: unknown): { baseline: Baseline } | { problem: string } {
  if (typeof json !== 'object' || json === null || (json as { version?: unknown }).version !== 1 || !Array.isArray((json as { findings?: unknown }).findings)) {
    return { problem: 'not a kql-detect baseline (expected {"version": 1, "findings": [...]})' };
  }
  const findings = (json as { findings: unknown[] }).findings.filter(
    (e): e is BaselineEntry => typeof e === 'object' && e !== null && ['file', 'rule', 'text', 'query'].every((k) => typeof (e as Record<string, unknown>)[k] === 'string'),
  );
  return { baseline: { version: 1, findings } };
}

function enclosingBlock(text: string, offset: number): { start: number; end: number } {
  const blank = /\n[ \t]*\r?\n/g;
  let start = 0;
  for (const match of text.matchAll(blank)) {
    const end = match.index;
    if (offset <= end) return { start, end };
    start = match.index + match[0].length;
  }
  return { start, end: text.length };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The block without `//` comments (outside string literals) and without any whitespace. Verbatim
 * strings are read as regular ones: the hash only has to be the same for the same query.
 */
function withoutCommentsAndSpace(text: string): string {
  let result = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      result += ch;
      if (ch === '\\') result += text[++i] ?? '';
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    if (!/\s/.test(ch)) result += ch;
  }
  return result;
}

/** FNV-1a, 64 bits, as hex: a stable short hash with no dependency. */
function hash(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}
