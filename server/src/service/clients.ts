// The one place that picks a client for a connection's kind.

import { adxClient } from './adx';
import { defenderClient } from './defender';
import { logAnalyticsClient } from './logAnalytics';
import type { Connection, ServiceClient, TokenSource } from './types';

export function serviceClient(connection: Connection, token: TokenSource): ServiceClient {
  switch (connection.kind) {
    case 'adx':
      return adxClient(connection, token);
    case 'log-analytics':
      return logAnalyticsClient(connection, token);
    case 'defender':
      return defenderClient(connection, token);
  }
}
