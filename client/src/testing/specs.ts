// The Test Explorer's tree: one item per spec file (`*.test.yaml`), one child per case, each
// located in the YAML. The server reads the spec; this module keeps the items and remembers which
// files each spec's results depend on, so a change to one marks the right tests outdated.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { discoverTestsRequest, type DiscoverTestsResult, type TestPosition, type TestProblem } from '../../../server/src/protocol/testing';

export const SPEC_GLOB = '**/*.test.{yaml,yml}';

/** What an item stands for: a whole spec, or one of its cases (by name, unique in a spec). */
export type TestTarget = { spec: vscode.Uri } | { spec: vscode.Uri; name: string };

export class SpecItems implements vscode.Disposable {
  private readonly targets = new WeakMap<vscode.TestItem, TestTarget>();
  /** Spec URI → URIs of its inputs (spec, detection, event files). */
  private readonly inputs = new Map<string, Set<string>>();
  /** Spec URI → number of the latest discovery, so an older answer arriving late is dropped. */
  private readonly generations = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a spec's items were (re)built or removed. */
  readonly onDidChange = this.changed.event;
  private readonly invalidated = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a spec's results were marked outdated. */
  readonly onDidInvalidate = this.invalidated.event;

  constructor(
    private readonly controller: vscode.TestController,
    private readonly client: LanguageClient,
  ) {}

  async discoverWorkspace(): Promise<void> {
    const files = await vscode.workspace.findFiles(SPEC_GLOB, '**/node_modules/**');
    for (const file of files) await this.discover(file);
  }

  /** (Re)reads one spec and rebuilds its items; results of a spec whose text changed are outdated. */
  async discover(uri: vscode.Uri): Promise<void> {
    const generation = (this.generations.get(uri.toString()) ?? 0) + 1;
    this.generations.set(uri.toString(), generation);
    const text = await specText(uri);
    let result: DiscoverTestsResult | undefined;
    if (text !== undefined) {
      try {
        result = await this.client.sendRequest(discoverTestsRequest.method, { uri: uri.toString(), text });
      } catch (error) {
        result = { problems: [{ uri: uri.toString(), position: { line: 0, character: 0 }, message: `cannot read the spec: ${error instanceof Error ? error.message : String(error)}` }] };
      }
    }
    if (this.generations.get(uri.toString()) !== generation) return;
    if (!result) return this.remove(uri);
    const item = this.specItem(uri);
    if ('problems' in result) {
      item.error = result.problems.map(problemLine).join('\n');
      item.children.replace([]);
      this.inputs.set(uri.toString(), new Set([uri.toString()]));
    } else {
      item.error = undefined;
      item.children.replace(result.cases.map((testCase) => this.caseItem(uri, testCase.name, testCase.position, testCase.tags, testCase.knownGap, testCase.problems)));
      // Through vscode.Uri, so they compare with the URIs of VS Code's events.
      this.inputs.set(uri.toString(), new Set(result.inputs.map((input) => vscode.Uri.parse(input).toString())));
    }
    this.invalidate(uri, item);
    this.changed.fire(uri);
  }

  remove(uri: vscode.Uri): void {
    this.generations.delete(uri.toString());
    this.controller.items.delete(uri.toString());
    this.inputs.delete(uri.toString());
    this.changed.fire(uri);
  }

  /** Marks the results of every spec that depends on `uri` as outdated. */
  invalidateUsersOf(uri: vscode.Uri): void {
    for (const [spec, files] of this.inputs) {
      if (!files.has(uri.toString())) continue;
      const item = this.controller.items.get(spec);
      if (item) this.invalidate(vscode.Uri.parse(spec), item);
    }
  }

  targetOf(item: vscode.TestItem): TestTarget | undefined {
    return this.targets.get(item);
  }

  specItemOf(uri: vscode.Uri): vscode.TestItem | undefined {
    return this.controller.items.get(uri.toString());
  }

  /** Every item by id, spec items and case items. */
  find(id: string): vscode.TestItem | undefined {
    for (const [, spec] of this.controller.items) {
      if (spec.id === id) return spec;
      const child = spec.children.get(id);
      if (child) return child;
    }
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
    this.invalidated.dispose();
  }

  private invalidate(spec: vscode.Uri, item: vscode.TestItem): void {
    this.controller.invalidateTestResults(item);
    this.invalidated.fire(spec);
  }

  private specItem(uri: vscode.Uri): vscode.TestItem {
    const existing = this.controller.items.get(uri.toString());
    if (existing) return existing;
    const item = this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
    item.range = new vscode.Range(0, 0, 0, 0);
    this.targets.set(item, { spec: uri });
    this.controller.items.add(item);
    return item;
  }

  private caseItem(spec: vscode.Uri, name: string, position: TestPosition, tags: string[], knownGap: string | undefined, problems: TestProblem[]): vscode.TestItem {
    const item = this.controller.createTestItem(caseId(spec, name), name, spec);
    item.range = new vscode.Range(position.line, position.character, position.line, position.character);
    item.tags = tags.map((tag) => new vscode.TestTag(tag));
    item.description = knownGap === undefined ? tags.join(', ') : `known gap · ${tags.join(', ')}`;
    if (problems.length > 0) item.error = problems.map(problemLine).join('\n');
    this.targets.set(item, { spec, name });
    return item;
  }
}

export function caseId(spec: vscode.Uri, name: string): string {
  return `${spec.toString()}#${name}`;
}

/** The spec's text: from the editor when it is open (unsaved edits included), else from disk. */
export async function specText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

function problemLine(problem: TestProblem): string {
  return `line ${problem.position.line + 1}: ${problem.message}`;
}
