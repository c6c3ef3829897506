// `kql-detect diff <spec|detection> --connection NAME`: each case's inlined query on the local
// engine and on the service, and every column and row where they differ. The service is the
// oracle; a case the local engine cannot evaluate shows that instead of a diff.

import { dirname, basename, join } from 'node:path';
import { existsSync } from 'node:fs';
import { runQuery } from '../../engine/index';
import { environmentFor } from '../../kusto/environment';
import { inlineSpec } from '../../inline/spec';
import { diffResults, sameResults } from '../../service/diff';
import { serviceProblem } from '../../service/runSpec';
import { fileSpecHost } from '../../testing/fileHost';
import { loadSpec } from '../../testing/load';
import { formatProblem } from '../../text/problem';
import { analysisEnvironment } from '../../testing/run';
import { parse } from '../args';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection } from '../connections';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../exit';
import { mustReadText } from '../files';
import type { Output } from '../output';
import { describeStatistics } from './serviceReport';

export const DIFF_HELP = `Usage: kql-detect diff <spec.test.yaml | detection.kql> --connection NAME [options]

Runs every case of the spec (for a detection: the spec beside it, <name>.test.yaml) with its
events inlined, on the local engine and on the service of connection NAME, and prints every
column and row where the two differ.

Options:
${CONNECTION_HELP}

Exit codes: 0 the local engine and the service agree on every case, 1 they differ somewhere
(or a case could not run on one side), 2 bad arguments or specs.
`;

export async function diffCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, CONNECTION_OPTIONS, 'diff');
  if (values.help) {
    output.out(DIFF_HELP);
    return EXIT_OK;
  }
  const [target] = positionals;
  if (!target) throw new UsageError('diff needs a spec or a detection (see kql-detect diff --help)');
  const specFile = /\.kql$/i.test(target) ? join(dirname(target), `${basename(target).replace(/\.kql$/i, '')}.test.yaml`) : target;
  if (!existsSync(specFile)) throw new UsageError(`${specFile}: no such spec (diff runs a detection's test spec on both engines)`);
  const loaded = loadSpec(mustReadText(specFile), specFile);
  if (!loaded.spec) {
    for (const problem of loaded.problems) output.err(`${formatProblem(problem)}\n`);
    return EXIT_USAGE;
  }
  const { client, timeoutMs } = await openConnection(values, output);
  const inlined = inlineSpec(loaded.spec, fileSpecHost, { clockMs: Date.now() });
  const environment = analysisEnvironment(environmentFor(loaded.spec.schema));
  let differing = 0;
  output.out(`local engine versus ${client.connection.name} (${client.connection.kind}), ${inlined.cases.length} cases of ${specFile}\n`);
  for (const item of inlined.cases) {
    const name = item.testCase.name;
    if (!item.query) {
      differing++;
      output.out(`\n✗ ${name}: cannot be inlined\n${item.problems.map((p) => `    ${formatProblem(p)}\n`).join('')}`);
      continue;
    }
    const local = runQuery(item.query.text, environment, { now: inlined.now });
    const service = await client.query(item.query.text, { timeoutMs });
    const localError = local.diagnostics.find((d) => d.severity === 'error');
    if ('error' in service) {
      differing++;
      const problem = serviceProblem(service.error, item.query, inlined.detection, inlined.detectionText ?? '', client);
      output.out(`\n✗ ${name}: the service did not run it\n    ${formatProblem(problem)}\n`);
      continue;
    }
    if (localError || local.results.length !== 1) {
      differing++;
      output.out(`\n✗ ${name}: the local engine did not run it (${localError?.message ?? `${local.results.length} result tables`}); the service returned ${describeStatistics(service.ok.statistics)}\n`);
      continue;
    }
    const diff = diffResults(local.results[0], service.ok.result);
    if (sameResults(diff)) {
      output.out(`✓ ${name}: same ${local.results[0].rows.length} rows (${describeStatistics(service.ok.statistics)})\n`);
      continue;
    }
    differing++;
    const lines = [`\n✗ ${name}: differs`];
    for (const sentence of diff.columns) lines.push(`    ${sentence}`);
    for (const row of diff.onlyLocal) lines.push(`    only local:   ${JSON.stringify(row)}`);
    for (const row of diff.onlyService) lines.push(`    only service: ${JSON.stringify(row)}`);
    output.out(lines.join('\n') + '\n');
  }
  output.out(`\n${differing === 0 ? 'the local engine and the service agree on every case' : `${differing} of ${inlined.cases.length} cases differ`}\n`);
  return differing === 0 ? EXIT_OK : EXIT_FINDINGS;
}
