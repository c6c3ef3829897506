// Detection tests in VS Code's Test Explorer: a TestController whose items are the workspace's
// specs and their cases, kept current by file watchers; a Run profile and a "Run on connection…"
// profile (the cases on a picked connection's service); a "Run" CodeLens on each
// case in the spec; outdated results when a spec's detection or events change. The test-only
// commands `kqlDetect.test.testItems` (optionally waiting for a spec, or for one of its cases, to
// be discovered), `kqlDetect.test.runTests` (locally, or with the connection profile on a named connection) and `kqlDetect.test.nextInvalidation` expose the tree,
// what a run reported and when results go out of date, for the end-to-end tests.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { testCaseResult, type TestCaseResultParams } from '../../../server/src/protocol/testing';
import { pickConnection } from '../service/pickConnection';
import { CaseProgress, runTests, type ReportedResult } from './run';
import { SPEC_GLOB, SpecItems } from './specs';

const RUN_COMMAND = 'kqlDetect.tests.run';
const TEST_ITEMS_COMMAND = 'kqlDetect.test.testItems';
const TEST_RUN_COMMAND = 'kqlDetect.test.runTests';
const TEST_INVALIDATION_COMMAND = 'kqlDetect.test.nextInvalidation';
/** Files a spec's results can depend on: detections and event files. */
const INPUT_GLOB = '**/*.{kql,csl,kusto,jsonl,ndjson,json,csv}';

/** A test item as plain data. */
export interface ItemSnapshot {
  id: string;
  label: string;
  uri?: string;
  line?: number;
  description?: string;
  error?: string;
  children: ItemSnapshot[];
}

export function registerTesting(context: vscode.ExtensionContext, client: LanguageClient, serverReady: Promise<void>): void {
  const controller = vscode.tests.createTestController('kqlDetect.tests', 'KQL Detect');
  const specs = new SpecItems(controller, client);
  const progress = new CaseProgress();
  const run = (request: vscode.TestRunRequest, token: vscode.CancellationToken) => runTests(request, token, controller, specs, client, progress);
  const profile = controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => run(request, token).then(() => undefined), true);
  /** `named` skips the pick (the test-only command). */
  const runOnConnection = async (request: vscode.TestRunRequest, token: vscode.CancellationToken, named?: string): Promise<ReportedResult[]> => {
    // Connections are a resource setting: the first spec the run covers decides which apply.
    const first = (request.include ?? [...children(controller.items)])[0]?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const connection = first ? await pickConnection(client, first, named) : undefined;
    return connection === undefined ? [] : runTests(request, token, controller, specs, client, progress, connection);
  };
  const connectionProfile = controller.createRunProfile('Run on connection…', vscode.TestRunProfileKind.Run, (request, token) => runOnConnection(request, token).then(() => undefined), false);

  const discovered = serverReady.then(() => specs.discoverWorkspace());
  const whenReady = (action: () => unknown) => void discovered.then(action, () => undefined);

  const specWatcher = vscode.workspace.createFileSystemWatcher(SPEC_GLOB);
  const inputWatcher = vscode.workspace.createFileSystemWatcher(INPUT_GLOB);
  const pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  const lenses = new CaseLenses(specs);

  context.subscriptions.push(
    client.onNotification(testCaseResult.method, (params: TestCaseResultParams) => progress.dispatch(params)),
    controller,
    specs,
    specWatcher,
    inputWatcher,
    specWatcher.onDidCreate((uri) => whenReady(() => specs.discover(uri))),
    specWatcher.onDidChange((uri) => whenReady(() => specs.discover(uri))),
    specWatcher.onDidDelete((uri) => whenReady(() => specs.remove(uri))),
    inputWatcher.onDidCreate((uri) => specs.invalidateUsersOf(uri)),
    inputWatcher.onDidChange((uri) => specs.invalidateUsersOf(uri)),
    inputWatcher.onDidDelete((uri) => specs.invalidateUsersOf(uri)),
    vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (contentChanges.length === 0) return;
      if (!vscode.languages.match({ pattern: SPEC_GLOB }, document)) return specs.invalidateUsersOf(document.uri);
      // A spec being typed: its cases move, so rediscover it once the typing pauses.
      const key = document.uri.toString();
      clearTimeout(pendingEdits.get(key));
      pendingEdits.set(
        key,
        setTimeout(() => {
          pendingEdits.delete(key);
          whenReady(() => specs.discover(document.uri));
        }, 300),
      );
    }),
    { dispose: () => pendingEdits.forEach((timer) => clearTimeout(timer)) },
    lenses,
    vscode.languages.registerCodeLensProvider({ pattern: SPEC_GLOB }, lenses),
    vscode.commands.registerCommand(RUN_COMMAND, async (id: string) => {
      const item = specs.find(id);
      if (!item) return;
      const cancel = new vscode.CancellationTokenSource();
      try {
        await run(new vscode.TestRunRequest([item], undefined, profile), cancel.token);
      } finally {
        cancel.dispose();
      }
    }),
    vscode.commands.registerCommand(TEST_ITEMS_COMMAND, async (waitFor?: string, withCase?: string): Promise<ItemSnapshot[]> => {
      await discovered;
      if (waitFor) await discoveryOf(specs, vscode.Uri.parse(waitFor), withCase);
      return [...children(controller.items)].map(snapshot);
    }),
    vscode.commands.registerCommand(
      TEST_INVALIDATION_COMMAND,
      (spec: string) =>
        new Promise<void>((resolve) => {
          const subscription = specs.onDidInvalidate((uri) => {
            if (uri.toString() !== spec) return;
            subscription.dispose();
            resolve();
          });
        }),
    ),
    vscode.commands.registerCommand(TEST_RUN_COMMAND, async (ids?: string[], connection?: string): Promise<ReportedResult[]> => {
      await discovered;
      const include = ids?.map((id) => specs.find(id)).filter((item): item is vscode.TestItem => item !== undefined);
      const cancel = new vscode.CancellationTokenSource();
      try {
        if (connection !== undefined) return await runOnConnection(new vscode.TestRunRequest(include, undefined, connectionProfile), cancel.token, connection);
        return await run(new vscode.TestRunRequest(include, undefined, profile), cancel.token);
      } finally {
        cancel.dispose();
      }
    }),
  );
}

/** "Run" above each case of a spec, and "Run all cases" at its top. */
class CaseLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly specs: SpecItems) {
    // Only for a spec on screen: VS Code asks every provider again for the active editor when one
    // signals a change, and a needless request cancels the counts the preview's lens is computing.
    this.subscription = specs.onDidChange((spec) => {
      if (vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === spec.toString())) this.changed.fire();
    });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const spec = this.specs.specItemOf(document.uri);
    if (!spec || spec.children.size === 0) return [];
    const top = new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: '$(run-all) Run all cases', command: RUN_COMMAND, arguments: [spec.id] });
    const cases = [...children(spec.children)]
      .filter((item) => item.range)
      .map((item) => new vscode.CodeLens(item.range as vscode.Range, { title: '$(play) Run', tooltip: `Run "${item.label}"`, command: RUN_COMMAND, arguments: [item.id] }));
    return [top, ...cases];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Settles once `spec` has items (and, with `withCase`, a case of that name). */
function discoveryOf(specs: SpecItems, spec: vscode.Uri, withCase?: string): Promise<void> {
  const found = () => {
    const item = specs.specItemOf(spec);
    return item !== undefined && (withCase === undefined || [...children(item.children)].some((child) => child.label === withCase));
  };
  if (found()) return Promise.resolve();
  return new Promise((resolve) => {
    const subscription = specs.onDidChange(() => {
      if (!found()) return;
      subscription.dispose();
      resolve();
    });
  });
}

function* children(collection: vscode.TestItemCollection): Generator<vscode.TestItem> {
  for (const [, item] of collection) yield item;
}

function snapshot(item: vscode.TestItem): ItemSnapshot {
  return {
    id: item.id,
    label: item.label,
    uri: item.uri?.toString(),
    line: item.range?.start.line,
    description: item.description,
    error: typeof item.error === 'string' ? item.error : item.error?.value,
    children: [...children(item.children)].map(snapshot),
  };
}
