// `kql-detect run <detection> --connection NAME`: the detection as written, on the service's own
// data; the result is marked as the service's, with its statistics.

import { choice, detectionArgument, parse } from '../args';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection } from '../connections';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../exit';
import { mustReadText } from '../files';
import type { Output } from '../output';
import { toCsv, toJsonRows, toTextTable } from '../report/rows';
import { describeError } from '../../service/errors';
import { describeStatistics } from './serviceReport';

export const SERVICE_RUN_HELP = `Usage: kql-detect run <detection.kql> --connection NAME [options]

Runs the detection as written on the service of connection NAME (its real data) and prints the
service's result, with its row count, duration and CPU. To run a spec's events there instead,
use 'kql-detect test --connection NAME'.

Options:
${CONNECTION_HELP}
  --format table|json|csv    output format (default table)
`;

export async function serviceRunCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...CONNECTION_OPTIONS, format: { type: 'string' } }, 'run');
  if (values.help) {
    output.out(SERVICE_RUN_HELP);
    return EXIT_OK;
  }
  const { detection, rest } = detectionArgument(positionals, 'run');
  if (rest.length > 0) throw new UsageError('run --connection takes one detection and no event files: the service has the data');
  const format = choice(values.format, ['table', 'json', 'csv'] as const, 'table', 'format');
  const text = mustReadText(detection);
  const { client, timeoutMs } = await openConnection(values, output);
  const answer = await client.query(text, { timeoutMs });
  if ('error' in answer) {
    const at = answer.error.position ? `${answer.error.position.line}:${answer.error.position.column}` : '1:1';
    output.err(`${detection}:${at}: error: ${client.connection.name}: ${describeError(answer.error)}\n`);
    return EXIT_FINDINGS;
  }
  const { result, statistics } = answer.ok;
  output.err(`service result from ${client.connection.name} (${client.connection.kind}): ${describeStatistics(statistics)}\n`);
  if (format === 'json') output.out(JSON.stringify({ service: client.connection.name, statistics, columns: result.columns, rows: toJsonRows(result) }, null, 2) + '\n');
  else output.out(format === 'csv' ? toCsv(result) : toTextTable(result));
  return EXIT_OK;
}
