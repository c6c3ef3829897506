// Warm re-analysis cost of the detection rules, in process: the example detection is edited one
// character at a time (a filter line typed out before the classifier, so every later offset moves),
// and each version goes through lintDocument (Kusto analysis + rules, what the server runs on every
// edit) and through analyzeDocument alone (the bare analysis and its diagnostics). Prints both
// totals and their ratio; on a loaded machine the ratio is the figure to compare.
//
//   npm run bench:rules

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeDocument } from '../server/src/kusto/analyze';
import { environmentFor } from '../server/src/kusto/environment';
import { lintDocument } from '../server/src/rules/lint';

const DETECTION = readFileSync('examples/rmm/remote-desktop-software.kql', 'utf8');
const EDITS = 50;
/** Typed right after this line, character by character. */
const ANCHOR = '| where FileName has_any (RMMTools)\n';
const TYPED = '| where InitiatingProcessFileName !~ "explorer.exe"\n';
/** Passes over the edits; the fastest pass counts (the least disturbed by other load). */
const PASSES = 3;

/** The document after each of the first `EDITS` keystrokes. */
function editedVersions(): string[] {
  const at = DETECTION.indexOf(ANCHOR) + ANCHOR.length;
  if (at < ANCHOR.length) throw new Error('the anchor line is not in the example detection');
  return Array.from({ length: EDITS }, (_, i) => DETECTION.slice(0, at) + TYPED.slice(0, i + 1) + DETECTION.slice(at));
}

function fastestPass(versions: string[], run: (text: string) => void): number {
  let best = Infinity;
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    for (const text of versions) run(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function main(): void {
  const environment = environmentFor('defender');
  const versions = editedVersions();
  const analyze = (text: string) => void analyzeDocument(text, environment).diagnostics;
  const lint = (text: string) => void lintDocument(text, environment).findings;
  // Warm up both paths on the unedited text (library load, JIT, the catalog).
  for (let i = 0; i < 3; i++) {
    analyze(DETECTION);
    lint(DETECTION);
  }
  // Alternate the two so a burst of load elsewhere hits both alike.
  let analyzeMs = Infinity;
  let lintMs = Infinity;
  for (let round = 0; round < 2; round++) {
    analyzeMs = Math.min(analyzeMs, fastestPass(versions, analyze));
    lintMs = Math.min(lintMs, fastestPass(versions, lint));
  }
  const perEdit = (total: number) => `${(total / EDITS).toFixed(1)} ms/edit`;
  console.log(`${EDITS} one-character edits of examples/rmm/remote-desktop-software.kql (fastest of ${PASSES * 2} passes)`);
  console.log(`  analyzeDocument  ${analyzeMs.toFixed(0)} ms  (${perEdit(analyzeMs)})`);
  console.log(`  lintDocument     ${lintMs.toFixed(0)} ms  (${perEdit(lintMs)})`);
  console.log(`  ratio            ${(lintMs / analyzeMs).toFixed(2)}x the bare analysis; the rules add ${perEdit(lintMs - analyzeMs)}`);
}

main();
