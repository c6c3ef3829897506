// `kql-detect test --connection NAME`: every case of the specs with its events carried along in
// the query (see server/src/inline/), run on the service and judged like a local run.

import { loadSpec } from '../../testing/load';
import { fileSpecHost } from '../../testing/fileHost';
import { specFailed, type SpecResult } from '../../testing/run';
import { runSpecOnService } from '../../service/runSpec';
import { choice, parse } from '../args';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection } from '../connections';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exit';
import { findSpecFiles, mustReadText } from '../files';
import { progress, type Output } from '../output';
import { formatSpec, formatSummary } from '../report/human';
import { toJUnit } from '../report/junit';
import { describeStatistics } from './serviceReport';

export const SERVICE_TEST_HELP = `Usage: kql-detect test [paths…] --connection NAME [options]

Runs every case of the specs on the service of connection NAME: each case's events become
datatables inside the query and now() is pinned, so the service sees exactly the spec's events
(not its own data). Outcomes are judged as in a local run; results are the service's.

Options:
${CONNECTION_HELP}
  --reporter human|junit     report format (default human)
`;

export async function serviceTestCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...CONNECTION_OPTIONS, reporter: { type: 'string' } }, 'test');
  if (values.help) {
    output.out(SERVICE_TEST_HELP);
    return EXIT_OK;
  }
  const reporter = choice(values.reporter, ['human', 'junit'] as const, 'human', 'reporter');
  const specs = findSpecFiles(positionals);
  const { client, timeoutMs } = await openConnection(values, output);
  const started = Date.now();
  const status = progress(output);
  const results: SpecResult[] = [];
  const human: string[] = [`service results from ${client.connection.name} (${client.connection.kind})\n`];
  for (const file of specs) {
    const loaded = loadSpec(mustReadText(file), file);
    if (!loaded.spec) {
      results.push({ file, cases: [], problems: loaded.problems, cancelled: false });
      human.push(formatSpec(results[results.length - 1]));
      continue;
    }
    const result = await runSpecOnService(loaded.spec, fileSpecHost, client, {
      clockMs: Date.now(),
      timeoutMs,
      onCase: (done, index, total) => status.update(`${file}: ${index + 1}/${total} ${done.name}${done.statistics ? ` (${describeStatistics(done.statistics)})` : ''}`),
    });
    status.done();
    results.push(result);
    human.push(formatSpec(result));
  }
  const seconds = (Date.now() - started) / 1000;
  human.push(formatSummary(results, seconds));
  output.out(reporter === 'junit' ? toJUnit(results, seconds) : human.join('\n'));
  if (results.some((r) => r.problems.length > 0)) return EXIT_USAGE;
  return results.some(specFailed) ? EXIT_FINDINGS : EXIT_OK;
}
