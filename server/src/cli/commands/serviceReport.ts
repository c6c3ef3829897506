// How service results and errors read in the terminal, shared by the commands that use a connection.

import type { ServiceStatistics } from '../../service/types';

export function describeStatistics(statistics: ServiceStatistics): string {
  const parts = [`${statistics.rows} ${statistics.rows === 1 ? 'row' : 'rows'}`, `${statistics.durationMs} ms`];
  if (statistics.cpuMs !== undefined) parts.push(`CPU ${statistics.cpuMs} ms`);
  return parts.join(', ');
}
