// The preview's LSP feature: the `kqlDetect/preview` request and the `▶ Preview — N matches in
// M events` CodeLens above each query block. Both run in the preview worker; an edit cancels the
// run in flight for its document.

import { join } from 'node:path';
import { pathOfUri } from './documents';
import { CodeLensRefreshRequest, type CodeLens, type Connection, type Disposable, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDateTime } from '../engine/values';
import type { Environment } from '../kusto/globals';
import { PREVIEW_COMMAND, previewEventsChoice, previewRequest, type PreviewEventsChoiceParams, type PreviewParams, type PreviewResult } from '../protocol/preview';
import type { BlockCounts } from './previewJobs';
import { PreviewRunner } from './previewRunner';

/** Rows and unmatched events sent to the panel when the client does not say. */
const DEFAULT_MAX_ROWS = 10_000;

/** The worker the preview and tuning share; dist/server.js and dist/previewWorker.js are built side by side. */
export function previewRunner(): PreviewRunner {
  return new PreviewRunner(join(__dirname, 'previewWorker.js'));
}

export function registerPreview(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  environmentOf: (uri: string) => Promise<Environment>,
  runner: PreviewRunner,
): Disposable {
  /** The user's events choice per document URI, so the lens counts what the panel shows. */
  const choices = new Map<string, string[]>();

  connection.onRequest(previewRequest.method, async (params: PreviewParams, token): Promise<PreviewResult> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { error: `${params.textDocument.uri} is not open` };
    let now: string | undefined;
    if (params.now !== undefined) {
      const ticks = parseDateTime(params.now);
      if (ticks === null) return { error: `now must be an ISO 8601 datetime such as 2024-05-01T12:00:00Z, not '${params.now}'` };
      now = ticks.toString();
    }
    const environment = await environmentOf(document.uri);
    const events = params.events ?? choices.get(document.uri);
    const outcome = await runner.run(
      `${document.uri}#preview`,
      { kind: 'preview', detection: pathOfUri(document.uri), text: document.getText(), offset: params.offset, events, now, maxRows: params.maxRows ?? DEFAULT_MAX_ROWS, firstLook: params.firstLook },
      environment,
      token,
    );
    if ('lenses' in outcome || 'proposals' in outcome || 'tuned' in outcome) return { error: 'unexpected answer from the preview worker' };
    return outcome;
  });

  connection.onCodeLens(async ({ textDocument }, token): Promise<CodeLens[]> => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const environment = await environmentOf(document.uri);
    const outcome = await runner.run(
      `${document.uri}#lens`,
      { kind: 'lens', detection: pathOfUri(document.uri), text: document.getText(), events: choices.get(document.uri) },
      environment,
      token,
    );
    if (!('lenses' in outcome)) return [];
    return outcome.lenses.map((counts) => {
      const position = document.positionAt(counts.start);
      return {
        range: { start: position, end: position },
        command: { title: lensTitle(counts), command: PREVIEW_COMMAND, arguments: [document.uri, counts.start] },
      };
    });
  });

  connection.onNotification(previewEventsChoice.method, (params: PreviewEventsChoiceParams) => {
    if (params.events && params.events.length > 0) choices.set(params.uri, params.events);
    else choices.delete(params.uri);
    // Older clients cannot refresh lenses on request; theirs update on the next edit.
    connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  // Several callers may ask at once (VS Code and extensions for lenses; the panel and the tuning
  // flow for previews): each request runs unless its caller cancels it or the document is edited.
  const changes = documents.onDidChangeContent(({ document }) => runner.cancelFor(`${document.uri}#`));
  const closes = documents.onDidClose(({ document }) => choices.delete(document.uri));
  return {
    dispose() {
      changes.dispose();
      closes.dispose();
      runner.dispose();
    },
  };
}

export function lensTitle(counts: BlockCounts): string {
  if (counts.problem) return `▶ Preview — ${counts.problem}`;
  return `▶ Preview — ${counts.matched} ${counts.matched === 1 ? 'match' : 'matches'} in ${counts.scanned} ${counts.scanned === 1 ? 'event' : 'events'}`;
}

/** The file a document is, for finding its sample events; other schemes keep their URI. */