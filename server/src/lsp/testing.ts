// Detection tests for the editor's Test Explorer: `kqlDetect/discoverTests` locates a spec's cases,
// `kqlDetect/runTests` runs them in the test worker thread, off the main loop, or on a connection's
// service. The spec comes from the client, detections open in the editor with their unsaved
// edits, everything else from disk.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CancellationToken, Connection, Disposable, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { discoverTestsRequest, runTestsRequest, testCaseResult, type DiscoverTestsParams, type RunTestsParams, type RunTestsResult, type TestCaseResultParams } from '../protocol/testing';
import type { ServiceAccess } from './service';
import { discoverTests, notAFile, runSpecReportsOnService, withOpenDocuments } from './testingReports';
import { TestingRunner } from './testingRunner';

export function registerTesting(connection: Connection, documents: TextDocuments<TextDocument>, service: ServiceAccess): Disposable {
  // dist/server.js and dist/testingWorker.js are built side by side.
  const runner = new TestingRunner(join(__dirname, 'testingWorker.js'));
  const discover = connection.onRequest(discoverTestsRequest.method, (params: DiscoverTestsParams) => discoverTests(params));
  const run = connection.onRequest(runTestsRequest.method, async (params: RunTestsParams, token: CancellationToken): Promise<RunTestsResult> => {
    if (!params.uri.startsWith('file:')) return { cases: [], problems: [notAFile(params.uri)], cancelled: false };
    const { runId } = params;
    const onCase =
      runId === undefined
        ? undefined
        : (report: TestCaseResultParams['report']) => void connection.sendNotification(testCaseResult.method, { runId, report } satisfies TestCaseResultParams);
    const run = { spec: fileURLToPath(params.uri), text: params.text, cases: params.cases };
    if (params.connection === undefined) return runner.run({ ...run, openDocuments: openFiles(documents) }, token, onCase);
    // On a service the cases wait on the network, not the CPU: they run here, between requests.
    const client = await service.open(params.connection, params.uri);
    if ('error' in client) return { cases: [], problems: [{ uri: params.uri, position: { line: 0, character: 0 }, message: client.error }], cancelled: false };
    return runSpecReportsOnService(run, withOpenDocuments(openFiles(documents)), client, await service.queryOptions(params.uri, token), onCase);
  });
  return {
    dispose() {
      discover.dispose();
      run.dispose();
      runner.dispose();
    },
  };
}

/** The editor's open files with their unsaved edits (the detection may be one). */
function openFiles(documents: TextDocuments<TextDocument>): [string, string][] {
  return documents
    .all()
    .filter((document) => document.uri.startsWith('file:'))
    .map((document) => [fileURLToPath(document.uri), document.getText()]);
}
