// Helpers for the extension host suite: the extension, the workspace fixtures, and waiting on VS Code's
// events (never on fixed sleeps) with a generous timeout that names what it was waiting for.
import * as vscode from 'vscode';

export const extensionId = 'kql-detect.kql-detect';
const eventTimeoutMs = 45_000;

export function kqlDetect(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not loaded`);
  return extension;
}

/** What the extension's activate() returns (client/src/extension.ts), as far as the tests use it. */
export interface KqlDetectApi {
  readonly onReady: Promise<void>;
  /** client/src/service/auth.ts ServiceTokens. */
  readonly serviceTokens: { use(source: (params: { connection: string; scopes: string[]; tenantId?: string }) => Promise<string>): vscode.Disposable };
}

/** Activates the extension if needed and waits until its language server reports that it is ready. */
export async function serverReady(): Promise<KqlDetectApi> {
  const api = (await kqlDetect().activate()) as KqlDetectApi;
  await withTimeout(api.onReady, 'the language server to start');
  return api;
}

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace is not open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Rejects with `what` if `promise` has not settled within the event timeout. */
export function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${eventTimeoutMs / 1000} s waiting for ${what}`)), eventTimeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs `action` (e.g. opening the document) and resolves with the diagnostics of `uri` from the first
 * diagnostics change for it that satisfies `accept`. Subscribes before acting, so no change is missed.
 */
export function diagnosticsAfter(
  uri: vscode.Uri,
  action: () => Thenable<unknown>,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean = () => true,
): Promise<vscode.Diagnostic[]> {
  let subscription: vscode.Disposable | undefined;
  const changed = new Promise<vscode.Diagnostic[]>((resolve) => {
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changedUri) => changedUri.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (accept(diagnostics)) resolve(diagnostics);
    });
  });
  const acted = Promise.resolve(action()).then(() => changed);
  return withTimeout(acted, `diagnostics for ${uri.path}`).finally(() => subscription?.dispose());
}

export function errorsIn(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error);
}

/** Writes `textWithCursor` (`$0` marks the cursor) to a new .kql file in the workspace and opens it. */
export async function openWithCursor(name: string, textWithCursor: string): Promise<{ document: vscode.TextDocument; cursor: vscode.Position }> {
  const offset = textWithCursor.indexOf('$0');
  if (offset === -1) throw new Error('the text has no $0 cursor marker');
  const uri = fixtureUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(textWithCursor.replace('$0', '')));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return { document, cursor: document.positionAt(offset) };
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}
