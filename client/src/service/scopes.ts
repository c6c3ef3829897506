// The scopes a sign-in asks for: the service's own, plus the tenant in the form VS Code's Microsoft
// providers read (`VSCODE_TENANT:<id or domain>`), so a connection's `tenantId` picks the tenant.

import type { ServiceTokenParams } from '../../../server/src/protocol/service';

export function sessionScopes(params: Pick<ServiceTokenParams, 'scopes' | 'tenantId'>): string[] {
  return params.tenantId ? [...params.scopes, `VSCODE_TENANT:${params.tenantId}`] : [...params.scopes];
}
