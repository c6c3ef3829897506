// Wires the LSP handlers to a connection: capabilities, the document store, settings and the
// environments they select. Every feature lives in its own module; this file only connects them.

import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serverStatus, SETTINGS_SECTION, type ServerStatusParams } from '../protocol/messages';
import { formatProblem } from '../text/problem';
import { codeActions } from './codeActions';
import { completion } from './completion';
import { definition, prepareRename, references, rename } from './definition';
import { DiagnosticsPublisher } from './diagnostics';
import { DocumentStore, type Analysed } from './documents';
import { inEmbedded } from './embeddedFeatures';
import { Environments } from './environments';
import { foldingRanges } from './folding';
import { formatting } from './formatting';
import { hover } from './hover';
import { LintOptionsCache } from './lintOptions';
import { previewRunner, registerPreview } from './preview';
import { SettingsCache } from './settings';
import { semanticTokens, semanticTokensLegend } from './semanticTokens';
import { registerService } from './service';
import { documentSymbols } from './symbols';
import { registerTesting } from './testing';
import { registerTuningRequests, resolveTuningAction, tuningCodeActions } from './tuning';

export interface ServerOptions {
  /** How long the parser's warm-up took before the server started listening. */
  warmupMs: number;
}

/** The installed package (dist/server.js lives in its `dist/`): rule documentation links point into it. */
const PACKAGE_ROOT = `${pathToFileURL(resolve(__dirname, '..')).href}/`;

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  let workspaceFolders: string[] = [];
  let canPullConfiguration = false;
  let canRegisterConfigurationChange = false;

  const settings = new SettingsCache((uri) =>
    canPullConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : Promise.resolve(undefined),
  );
  const environments = new Environments(
    () => workspaceFolders,
    (problem) => connection.console.warn(formatProblem(problem)),
  );
  const lintOptions = new LintOptionsCache(
    () => workspaceFolders,
    (problem) => connection.console.warn(formatProblem(problem)),
  );
  const store = new DocumentStore(documents, async (uri, schema) => {
    const documentSettings = schema ? { ...(await settings.get(uri)), schema } : await settings.get(uri);
    const [environment, options] = await Promise.all([environments.forDocument(uri, documentSettings), lintOptions.forDocument(uri, documentSettings)]);
    return { environment, options };
  });
  const diagnostics = new DiagnosticsPublisher(connection, store, PACKAGE_ROOT);

  const recheckAll = () => documents.all().forEach((document) => diagnostics.schedule(document.uri));

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canRegisterConfigurationChange = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    workspaceFolders = (params.workspaceFolders ?? []).filter((folder) => folder.uri.startsWith('file:')).map((folder) => fileURLToPath(folder.uri));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [' ', '.', '(', '|'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: true },
        hoverProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'KQL Detect' },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterConfigurationChange) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    const status: ServerStatusParams = { state: 'ready', warmupMs: options.warmupMs };
    void connection.sendNotification(serverStatus.method, status);
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    environments.clear();
    lintOptions.clear();
    recheckAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let used = false;
    for (const change of changes) {
      if (!change.uri.startsWith('file:')) continue;
      const file = fileURLToPath(change.uri);
      // Both caches must hear of every change: no short-circuit.
      const inEnvironment = environments.fileChanged(file);
      const inCatalog = lintOptions.fileChanged(file);
      used = used || inEnvironment || inCatalog;
    }
    if (used) {
      settings.clear();
      recheckAll();
    }
  });

  documents.onDidChangeContent(({ document }) => diagnostics.schedule(document.uri));
  documents.onDidClose(({ document }) => {
    settings.forget(document.uri);
    store.forget(document.uri);
    diagnostics.clear(document.uri);
  });

  /**
   * Runs `feature` on the analysis of the request's document; `empty` when it is gone or stale.
   * In a rule file it runs on the embedded query's virtual document (see `embedded.ts`).
   */
  function withAnalysis<P extends { textDocument: { uri: string } }, R>(feature: (analysed: Analysed, params: P) => R, empty: R) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      const analysed = await store.analyse(params.textDocument.uri, token);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
      if (!analysed) return empty;
      return analysed.embedded ? inEmbedded(analysed, analysed.embedded, params, feature, empty) : feature(analysed, params);
    };
  }

  const environmentOf = async (uri: string) => environments.forDocument(uri, await settings.get(uri));
  // Previews and tuning's measurements share one worker thread.
  const worker = previewRunner();
  connection.onCompletion(withAnalysis((analysed, params) => completion(analysed, params.position), null));
  connection.onCodeAction(withAnalysis((analysed, params) => [...codeActions(analysed, params.context), ...tuningCodeActions(analysed, params)], []));
  connection.onCodeActionResolve((action, token) => resolveTuningAction(action, documents, environmentOf, worker, token));
  connection.onHover(withAnalysis((analysed, params) => hover(analysed, params.position), null));
  connection.onDocumentFormatting(withAnalysis((analysed, params) => formatting(analysed, params.options), []));
  connection.onDocumentRangeFormatting(withAnalysis((analysed, params) => formatting(analysed, params.options, params.range), []));
  connection.onDocumentSymbol(withAnalysis((analysed) => documentSymbols(analysed), []));
  connection.onDefinition(withAnalysis((analysed, params) => definition(analysed, params.position), null));
  connection.onReferences(withAnalysis((analysed, params) => references(analysed, params.position, params.context.includeDeclaration), []));
  connection.onPrepareRename(withAnalysis((analysed, params) => prepareRename(analysed, params.position), null));
  connection.onRenameRequest(withAnalysis((analysed, params) => rename(analysed, params.position, params.newName), null));
  connection.onFoldingRanges(withAnalysis((analysed) => foldingRanges(analysed), []));
  connection.languages.semanticTokens.on(withAnalysis((analysed) => semanticTokens(analysed), { data: [] }));

  registerPreview(connection, documents, environmentOf, worker);
  registerTuningRequests(connection, documents, environmentOf, worker);
  registerTesting(connection, documents, registerService(connection, documents, settings));

  documents.listen(connection);
}
