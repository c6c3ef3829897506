// The editor's sign-in asks for the service's scope, and for the connection's tenant the way VS
// Code's Microsoft providers take it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionScopes } from '../../../client/src/service/scopes';

test("a connection's tenant is asked for as VSCODE_TENANT, after the service's scopes", () => {
  assert.deepEqual(sessionScopes({ scopes: ['https://api.loganalytics.io/.default'], tenantId: 'contoso.onmicrosoft.com' }), ['https://api.loganalytics.io/.default', 'VSCODE_TENANT:contoso.onmicrosoft.com']);
  assert.deepEqual(sessionScopes({ scopes: ['https://help.kusto.windows.net/.default'] }), ['https://help.kusto.windows.net/.default']);
});
