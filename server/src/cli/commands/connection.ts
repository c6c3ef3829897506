// `kql-detect connection test NAME`: signs in and runs a one-row query, so a user knows a
// connection works before running detections on it.

import { parse } from '../args';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection } from '../connections';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../exit';
import type { Output } from '../output';
import { describeStatistics } from './serviceReport';

export const CONNECTION_COMMAND_HELP = `Usage: kql-detect connection test NAME [options]

Signs in and runs a one-row query on the connection NAME, and says what worked or what to fix.

A connections file holds no secrets: sign-in uses your account (az login), a device code, or
CI's workload identity. Its shape ({"connections": [...]}), one entry per kind:
  {"name": "prod-adx", "kind": "adx", "cluster": "https://<name>.<region>.kusto.windows.net", "database": "Security"}
  {"name": "sentinel", "kind": "log-analytics", "workspaceId": "<workspace id, a guid>"}
  {"name": "defender", "kind": "defender", "tenantId": "<tenant id or domain>"}
Optional: "tenantId" (any kind); "endpoint" (log-analytics, defender: another API address).

Options:
${CONNECTION_HELP}
  -h, --help                 show this help

Exit codes: 0 the connection works, 1 it does not (the reason is printed), 2 bad arguments or
a bad connections file.
`;

/** A query every Kusto service accepts and that reads no data. */
const PROBE = 'datatable(Check:string)["ok"]';

export async function connectionCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, CONNECTION_OPTIONS, 'connection');
  if (values.help) {
    output.out(CONNECTION_COMMAND_HELP);
    return EXIT_OK;
  }
  const [action, name] = positionals;
  if (action !== 'test' || !name) throw new UsageError('usage: kql-detect connection test NAME (see kql-detect connection --help)');
  const { client, timeoutMs } = await openConnection({ ...values, connection: name }, output);
  const answer = await client.query(PROBE, { timeoutMs });
  if ('error' in answer) {
    output.err(`${name}: ${answer.error.kind}: ${answer.error.message}\n`);
    return EXIT_FINDINGS;
  }
  const rows = answer.ok.result.rows;
  if (rows.length !== 1 || rows[0][0] !== 'ok') {
    output.err(`${name}: the service answered, but not with the expected one row\n`);
    return EXIT_FINDINGS;
  }
  output.out(`${name} (${client.connection.kind}): connected, signed in, a query ran (${describeStatistics(answer.ok.statistics)})\n`);
  return EXIT_OK;
}
