// The CLI's side of connections: where they are configured, how the user signs in, and the
// options every command that talks to a service shares.
//
// Connections live in a JSON file, `{ "connections": [ ... ] }` in the same shape as the
// editor's `kqlDetect.connections` setting: `--connections FILE`, else $KQL_DETECT_CONNECTIONS,
// else `kql-detect.connections.json` in the current folder. The file holds no secrets.

import { existsSync } from 'node:fs';
import type { TokenCredential } from '@azure/identity';
import { findConnection, readConnections } from '../service/connections';
import { DEFAULT_TIMEOUT_SECONDS } from '../service/deadline';
import type { Connection, ServiceClient, TokenSource } from '../service/types';
import { choice, count } from './args';
import { UsageError } from './exit';
import { mustReadJson } from './files';
import type { Output } from './output';

export const CONNECTION_OPTIONS = {
  connection: { type: 'string' },
  connections: { type: 'string' },
  auth: { type: 'string' },
  timeout: { type: 'string' },
} as const;

export const CONNECTION_HELP = `  --connection NAME          the connection to use (see 'kql-detect connection --help')
  --connections FILE         the connections file (default: $KQL_DETECT_CONNECTIONS, else
                             kql-detect.connections.json in the current folder)
  --auth azure-cli|device-code|workload-identity|access-token
                             how to sign in (default azure-cli: the account of 'az login');
                             workload-identity reads AZURE_CLIENT_ID, AZURE_TENANT_ID and
                             AZURE_FEDERATED_TOKEN_FILE (CI); access-token reads a bearer token
                             from $KQL_DETECT_ACCESS_TOKEN
  --timeout SECONDS          give up on a query after this long (default 120)`;

const AUTH = ['azure-cli', 'device-code', 'workload-identity', 'access-token'] as const;

export interface ConnectionValues {
  connection?: string;
  connections?: string;
  auth?: string;
  timeout?: string;
}

export interface OpenConnection {
  client: ServiceClient;
  timeoutMs: number;
}

/**
 * The client for `--connection`, signed in as `--auth` says. Usage errors for every mistake. The
 * SDKs load here, on first use: loaded at start-up they would cost every command, and Node's start-up
 * snapshot of the CLI cannot hold their HTTP modules.
 */
export async function openConnection(values: ConnectionValues, output: Output): Promise<OpenConnection> {
  if (!values.connection) throw new UsageError('--connection NAME is required');
  const connection = configuredConnection(values.connections, values.connection);
  const auth = choice(values.auth, AUTH, 'azure-cli', 'auth');
  const seconds = count(values.timeout, 'timeout') ?? DEFAULT_TIMEOUT_SECONDS;
  const { serviceClient } = await import('../service/clients');
  return { client: serviceClient(connection, await tokenSource(auth, connection, output)), timeoutMs: seconds * 1000 };
}

function configuredConnection(file: string | undefined, name: string): Connection {
  const path = file ?? process.env.KQL_DETECT_CONNECTIONS ?? 'kql-detect.connections.json';
  if (!file && !process.env.KQL_DETECT_CONNECTIONS && !existsSync(path)) {
    throw new UsageError(`no connections file: create ${path} with {"connections": [...]}, or pass --connections FILE`);
  }
  const parsed = mustReadJson(path, 'the connections file');
  const { connections, problems } = readConnections((parsed as { connections?: unknown } | null)?.connections);
  if (problems.length > 0) throw new UsageError(`${path}: ${problems.join('; ')}`);
  const found = findConnection(connections, name);
  if ('error' in found) throw new UsageError(`${path}: ${found.error}`);
  return found;
}

/** Tokens come from @azure/identity (or the environment) on every request; none is stored. */
async function tokenSource(auth: (typeof AUTH)[number], connection: Connection, output: Output): Promise<TokenSource> {
  if (auth === 'access-token') {
    return async () => {
      const token = process.env.KQL_DETECT_ACCESS_TOKEN;
      if (!token) throw new Error('--auth access-token needs the token in $KQL_DETECT_ACCESS_TOKEN');
      return token;
    };
  }
  const tenantId = connection.tenantId;
  const { AzureCliCredential, DeviceCodeCredential, WorkloadIdentityCredential } = await import('@azure/identity');
  const credential: TokenCredential =
    auth === 'azure-cli'
      ? new AzureCliCredential({ tenantId })
      : auth === 'device-code'
        ? new DeviceCodeCredential({ tenantId, userPromptCallback: (info) => output.err(`${info.message}\n`) })
        : new WorkloadIdentityCredential({ tenantId });
  return async (scopes, abortSignal) => {
    try {
      const token = await credential.getToken(scopes, { abortSignal });
      if (!token) throw new Error('no token was issued');
      return token.token;
    } catch (error) {
      // Identity errors say what to do (az login, a missing variable); they carry no token.
      throw Object.assign(new Error(`sign-in with --auth ${auth} failed: ${(error as Error).message.split('\n')[0]}`), { statusCode: 401 });
    }
  };
}
