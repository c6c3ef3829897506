// The seed detection's lists and tool families, read from its text, so that each benchmark peer
// (the hand loop, DuckDB) computes exactly what the query says without a copy of its constants.
// Plain JavaScript, so the DuckDB child process needs no TypeScript loader.

import { readFileSync } from 'node:fs';

export const SEED_PATH = 'examples/rmm/remote-desktop-software.kql';
export const SEED_QUERY = readFileSync(SEED_PATH, 'utf8');

const quoted = (text) => [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1].replaceAll('\\\\', '\\'));

/** The strings of `let <name> = dynamic([...]);`. */
export function seedList(name) {
  const match = new RegExp(`let ${name} = dynamic\\(\\[([\\s\\S]*?)\\]\\);`).exec(SEED_QUERY);
  if (!match) throw new Error(`no let ${name} in ${SEED_PATH}`);
  return quoted(match[1]);
}

/** The needles of `FolderPath has_any (...)` that sets FromTempPath. */
export function seedTempPaths() {
  const match = /FromTempPath = FolderPath has_any \(([^)]*)\)/.exec(SEED_QUERY);
  if (!match) throw new Error(`no FromTempPath in ${SEED_PATH}`);
  return quoted(match[1]);
}

/** The `case()` arms that set ToolFamily: `[needles, family]` in order; "Other" is the fallback. */
export function seedFamilies() {
  return [...SEED_QUERY.matchAll(/FileName has_any \(([^)]*)\), "([^"]+)"/g)].map((m) => [quoted(m[1]), m[2]]);
}
