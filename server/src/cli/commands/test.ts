// `kql-detect test`: finds detection test specs and runs them on the local engine.

import { writeFileSync } from 'node:fs';
import { mayBeDetectionFile } from '../../analyticRules/lint';
import { fileHost } from '../../preview/fileHost';
import { detectionStem, isSpecFileName, specFor } from '../../testing/discover';
import { fileSpecHost } from '../../testing/fileHost';
import { runSpecFile, specFailed, type SpecResult } from '../../testing/run';
import { choice, parse } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../exit';
import { findSpecFiles } from '../files';
import { progress, type Output } from '../output';
import { serviceTestCommand } from './serviceTest';
import { formatSpec, formatSummary } from '../report/human';
import { toJUnit } from '../report/junit';

export const TEST_HELP = `Usage: kql-detect test [paths…] [options]

Runs detection test specs (*.test.yaml; folders are searched, default: the current folder) on
the local engine and reports each case. A detection given instead (a .kql file or a rule file:
Sentinel analytic-rule YAML, ARM template, Defender custom detection JSON) runs its spec, found
as the editor finds it. Each case reports: ✓ pass, ✗ fail (with a row diff), ○ known gap,
! known gap that now passes (remove its known_gap), E error (with file:line).

Options:
  --reporter human|junit   report format (default human)
  --output FILE            write the report to FILE; with --reporter junit, the human report
                           still goes to the terminal
  --connection NAME        run every case on a service, its events inlined in the query
                           (kql-detect test --connection NAME --help)
  -h, --help               show this help

Exit codes: 0 every case passed or is a known gap, 1 a case failed, errored or a known gap
now passes, 2 bad arguments, no specs found, or a spec that cannot be loaded.
`;

export function testCommand(args: string[], output: Output): number | Promise<number> {
  // On a service, the command has its own options and reports: see serviceTest.ts.
  if (args.some((a) => a === '--connection' || a.startsWith('--connection='))) return serviceTestCommand(args, output);
  const { values, positionals } = parse(args, { reporter: { type: 'string' }, output: { type: 'string' } }, 'test');
  if (values.help) {
    output.out(TEST_HELP);
    return EXIT_OK;
  }
  const reporter = choice(values.reporter, ['human', 'junit'] as const, 'human', 'reporter');
  const specs = findSpecFiles(positionals).map(specOf);

  const started = Date.now();
  const status = progress(output);
  const results: SpecResult[] = [];
  const human: string[] = [];
  for (const spec of specs) {
    const result = runSpecFile(spec, fileSpecHost, {
      onCase: (done, index, total) => status.update(`${spec}: ${index + 1}/${total} ${done.name}`),
    });
    status.done();
    results.push(result);
    human.push(formatSpec(result));
  }
  const seconds = (Date.now() - started) / 1000;
  human.push(formatSummary(results, seconds));

  const report = reporter === 'junit' ? toJUnit(results, seconds) : human.join('\n');
  if (values.output) {
    writeReport(values.output, report);
    if (reporter === 'junit') output.out(human.join('\n'));
  } else output.out(report);
  if (results.some((r) => r.problems.length > 0)) return EXIT_USAGE;
  return results.some(specFailed) ? EXIT_FINDINGS : EXIT_OK;
}

/** A spec file as it is; a detection file as its spec (`testing/discover.ts`). */
function specOf(file: string): string {
  if (isSpecFileName(file) || !mayBeDetectionFile(file)) return file;
  const found = specFor(file, fileHost);
  if (!found) throw new UsageError(`${file}: no test spec names this detection (add ${detectionStem(file)}.test.yaml beside it)`);
  return found.file;
}

function writeReport(path: string, report: string): void {
  try {
    writeFileSync(path, report);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
