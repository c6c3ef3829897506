// `npm run conformance`: runs every documented case, prints outcomes per feature and a summary,
// and writes test/conformance/outcomes.json (per case, sorted by id, committed) and WRONG.md
// (the wrong cases with their queries and diffs, for the engine engineers). Exits 1 if any case
// is wrong.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureOf, inSurface } from './cases';
import { runConformance, summarize, type ConformanceReport, type Outcome } from './conformance';

const OUTCOMES: Outcome[] = ['pass', 'wrong', 'unsupported', 'nondeterministic', 'doc-error'];

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function printTable(report: ConformanceReport): void {
  const byFeature = new Map<string, Record<Outcome, number>>();
  for (const testCase of report.cases) {
    const feature = featureOf(testCase);
    const row = byFeature.get(feature) ?? { pass: 0, wrong: 0, unsupported: 0, nondeterministic: 0, 'doc-error': 0 };
    row[report.outcomes.get(testCase.id)!.outcome]++;
    byFeature.set(feature, row);
  }
  const width = Math.max(...[...byFeature.keys()].map((k) => k.length), 7);
  const header = ['feature'.padEnd(width), ...OUTCOMES.map((o) => o.padStart(o.length < 5 ? 5 : o.length))].join('  ');
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const [feature, row] of [...byFeature].sort(([a], [b]) => a.localeCompare(b))) {
    console.log([feature.padEnd(width), ...OUTCOMES.map((o) => String(row[o] || '.').padStart(o.length < 5 ? 5 : o.length))].join('  '));
  }
}

function writeOutcomes(report: ConformanceReport): void {
  const sorted = [...report.outcomes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  writeFileSync(join(__dirname, 'outcomes.json'), JSON.stringify(Object.fromEntries(sorted), null, 1) + '\n');
}

function writeWrong(report: ConformanceReport): void {
  const wrong = report.cases.filter((c) => report.outcomes.get(c.id)!.outcome === 'wrong');
  const lines = [
    '# Wrong conformance cases',
    '',
    'Written by `npm run conformance` on every run: the documented examples the engine answers differently from the docs.',
    'Each needs an engine fix (or, after reading the doc, an entry in `doc-errors.json`).',
    '',
  ];
  if (wrong.length === 0) lines.push('None.');
  for (const testCase of wrong) {
    lines.push(`## ${testCase.id}${inSurface(testCase) ? '' : ' (outside the issue 3 surface)'}`, '', `${testCase.docPath}:${testCase.docLine}`, '', '```kusto', testCase.query, '```', '', `- ${report.outcomes.get(testCase.id)!.reason}`, '');
  }
  writeFileSync(join(__dirname, 'WRONG.md'), lines.join('\n'));
}

async function main(): Promise<void> {
  const started = Date.now();
  const report = await runConformance();
  printTable(report);
  writeOutcomes(report);
  writeWrong(report);
  const s = summarize(report);
  console.log('');
  console.log(
    `${s.total} cases: ${OUTCOMES.map((o) => `${s.counts[o]} ${o}`).join(', ')} | pass ${percent(s.counts.pass, s.total)} overall` +
      ` | in issue 3's surface: ${s.inSurface.pass}/${s.inSurface.total} pass (${percent(s.inSurface.pass, s.inSurface.comparable)} of the ${s.inSurface.comparable} reproducible)` +
      ` | inline-true-examples: ${s.inline.pass}/${s.inline.total} | ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exitCode = s.counts.wrong > 0 ? 1 : 0;
}

void main();
