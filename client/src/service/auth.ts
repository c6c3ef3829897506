// Tokens for the server's requests to a service (`kqlDetect/serviceToken`), one per request, from
// VS Code's sign-in: `vscode.authentication` with the provider `kqlDetect.service.authenticationProvider`
// names (the built-in Microsoft one by default). A token goes straight back to the server: it is
// never logged, shown or stored here.
//
// Another extension may supply tokens instead (`ServiceTokens.use`, on the API `activate` returns).
// The real-VS-Code tests do: VS Code refuses the sign-in consent dialog in extension tests.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { serviceTokenRequest, type ServiceTokenParams, type ServiceTokenResult } from '../../../server/src/protocol/service';
import { sessionScopes } from './scopes';

/** A bearer token for the scopes of one request. */
export type TokenSource = (params: ServiceTokenParams) => Promise<string>;

export interface ServiceTokens {
  /** Answers the server's token requests with `source` instead of VS Code's sign-in, until disposed. */
  use(source: TokenSource): vscode.Disposable;
}

export function registerServiceTokens(context: vscode.ExtensionContext, client: LanguageClient): ServiceTokens {
  let source: TokenSource = signIn;
  context.subscriptions.push(
    client.onRequest(serviceTokenRequest.method, async (params: ServiceTokenParams): Promise<ServiceTokenResult> => {
      try {
        return { token: await source(params) };
      } catch (error) {
        // The provider's reason (no consent, no account), never a token.
        return { error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return {
    use(replacement) {
      source = replacement;
      return { dispose: () => (source = source === replacement ? signIn : source) };
    },
  };
}

async function signIn(params: ServiceTokenParams): Promise<string> {
  const provider = vscode.workspace.getConfiguration('kqlDetect.service').get<string>('authenticationProvider', 'microsoft');
  const session = await vscode.authentication.getSession(provider, sessionScopes(params), { createIfNone: true });
  return session.accessToken;
}
