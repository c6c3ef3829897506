// Connections as settings and the CLI's connections file write them: a list of plain objects,
// checked here once, with a clear message per mistake. Secrets have no place in them.

import type { Connection, ConnectionKind } from './types';

export const CONNECTION_KINDS: readonly ConnectionKind[] = ['adx', 'log-analytics', 'defender'];
/** The optional fields a connection may set besides its name and kind. */
export const CONNECTION_FIELDS = ['cluster', 'database', 'workspaceId', 'tenantId', 'endpoint'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Fields that would hold a secret: refused, so none ends up in a settings file or a repository. */
export const SECRET_FIELDS = ['secret', 'clientSecret', 'password', 'token', 'accessToken', 'key', 'connectionString'];

export interface ReadConnections {
  connections: Connection[];
  problems: string[];
}

export function readConnections(raw: unknown): ReadConnections {
  const connections: Connection[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { connections, problems };
  if (!Array.isArray(raw)) return { connections, problems: ['connections must be a list of objects'] };
  raw.forEach((entry: unknown, index) => {
    const at = `connection ${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: must be an object with name and kind`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const problemsBefore = problems.length;
    const name = typeof e.name === 'string' && e.name.trim() !== '' ? e.name : undefined;
    const label = name ? `connection '${name}'` : at;
    const secret = SECRET_FIELDS.find((field) => field in e);
    if (secret) problems.push(`${label}: '${secret}' is not allowed: connections hold no secrets (sign-in happens through your account or the environment)`);
    if (!name) problems.push(`${at}: needs a name`);
    if (name && connections.some((c) => c.name === name)) problems.push(`${label}: the name is used twice`);
    const kind = CONNECTION_KINDS.find((k) => k === e.kind);
    if (!kind) problems.push(`${label}: kind must be one of ${CONNECTION_KINDS.join(', ')}`);
    const text = (field: string): string | undefined => (typeof e[field] === 'string' && (e[field] as string).trim() !== '' ? (e[field] as string).trim() : undefined);
    const connection: Connection = { name: name ?? '', kind: kind ?? 'adx' };
    for (const field of CONNECTION_FIELDS) {
      const value = text(field);
      if (value !== undefined) connection[field] = value;
    }
    if (kind === 'adx' && !connection.cluster) problems.push(`${label}: an adx connection needs 'cluster' (https://<name>.<region>.kusto.windows.net)`);
    if (kind === 'adx' && !connection.database) problems.push(`${label}: an adx connection needs 'database'`);
    if (kind === 'log-analytics' && !(connection.workspaceId && GUID.test(connection.workspaceId))) problems.push(`${label}: a log-analytics connection needs 'workspaceId', the workspace's id (a guid)`);
    for (const field of ['cluster', 'endpoint'] as const) {
      if (connection[field] && !/^https:\/\//i.test(connection[field]!)) problems.push(`${label}: '${field}' must be an https:// URL`);
    }
    if (connection.tenantId && !GUID.test(connection.tenantId) && !/^[\w.-]+\.[a-z]{2,}$/i.test(connection.tenantId)) problems.push(`${label}: 'tenantId' must be a guid or a domain`);
    // Only a connection without mistakes is usable: the others are reported, not half-used.
    if (problems.length === problemsBefore) connections.push(connection);
  });
  return { connections, problems };
}

/** The connection called `name`, or a message naming the ones there are. */
export function findConnection(connections: readonly Connection[], name: string): Connection | { error: string } {
  const found = connections.find((c) => c.name === name);
  if (found) return found;
  const known = connections.map((c) => c.name);
  return { error: `no connection named '${name}' (${known.length === 0 ? 'none are configured' : `configured: ${known.join(', ')}`})` };
}

/** Where a connection points, in a few words (the editor's quick pick). */
export function describeConnection(connection: Connection): string {
  const tenant = connection.tenantId ? `, tenant ${connection.tenantId}` : '';
  switch (connection.kind) {
    case 'adx':
      return `${connection.cluster}, database ${connection.database}${tenant}`;
    case 'log-analytics':
      return `workspace ${connection.workspaceId}${tenant}`;
    case 'defender':
      return `Defender Advanced Hunting${connection.tenantId ? ` in tenant ${connection.tenantId}` : ''}`;
  }
}
