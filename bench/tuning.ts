// Benchmark: tuning the example (`examples/rmm/`, its spec's 19 cases and the attack variants).
// Over LSP, with the bundled server: the light bulb's answer (nothing measured yet), its
// `codeAction/resolve` per documented false positive (measured in the preview worker), the
// preview's "Exclude…" (`kqlDetect/proposeExclusions`), and a hover answered while a resolve
// measures (the main loop stays free). Then `kql-detect tune` per false positive, a new process
// each run. Prints figures; there is no target in the issue.
//
//   npm run bench:tuning         (builds dist/ first)

import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CodeAction } from 'vscode-languageserver';
import type { PreviewResult } from '../server/src/protocol/preview';
import type { FalsePositiveActionData, ProposeExclusionsResult } from '../server/src/protocol/tuning';
import { REPO_ROOT, TestClient } from '../test/lsp/client';
import { cliTimer, median } from './cli-timing';
import { SEED } from './lsp-common';

const URI = pathToFileURL(join(REPO_ROOT, 'examples', 'rmm', 'remote-desktop-software.kql')).href;
const RUNS = 3;
const INVOKED = 1;
const RANGE = { start: { line: 20, character: 2 }, end: { line: 20, character: 2 } };
/** The false positives of `events/benign-fp.jsonl`, by line. */
const FALSE_POSITIVES = [
  { line: 1, name: "helpdesk's TeamViewer" },
  { line: 3, name: 'Chrome Remote Desktop' },
  { line: 4, name: 'SCCM-deployed AnyDesk' },
];

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function figures(times: number[]): string {
  return `median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${times.length} runs)`;
}

async function overLsp(): Promise<void> {
  const client = await TestClient.start();
  try {
    client.open(URI, SEED);
    // Warm the worker (its start and Kusto.Language's first analysis are the preview's figures).
    const first = await client.request<PreviewResult>('kqlDetect/preview', { textDocument: { uri: URI } });
    if (!('model' in first)) throw new Error(`the preview failed: ${JSON.stringify(first)}`);
    const helpdesk = first.model.rows.map((row) => row.event!).find((event) => event.fields.some((f) => f.name === 'ReportId' && f.value === '301'))!;

    const bulb: number[] = [];
    let actions: CodeAction[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await timed(() => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: RANGE, context: { diagnostics: [], triggerKind: INVOKED } }));
      bulb.push(run.ms);
      actions = run.value.filter((a) => (a.data as FalsePositiveActionData | undefined)?.tuning === 'false-positive');
    }
    console.log(`light bulb (textDocument/codeAction, ${actions.length} tuning actions, nothing measured): ${figures(bulb)}`);

    for (const action of actions) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await timed(() => client.request<CodeAction>('codeAction/resolve', action));
        if (!run.value.edit) throw new Error(`no edit: ${JSON.stringify(run.value).slice(0, 200)}`);
        times.push(run.ms);
      }
      console.log(`codeAction/resolve "${(action.data as FalsePositiveActionData).caseName}": ${figures(times)}`);
    }

    const propose: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await timed(() => client.request<ProposeExclusionsResult>('kqlDetect/proposeExclusions', { textDocument: { uri: URI }, event: helpdesk }));
      if (!('proposals' in run.value)) throw new Error(JSON.stringify(run.value));
      propose.push(run.ms);
    }
    console.log(`kqlDetect/proposeExclusions, helpdesk's TeamViewer row: ${figures(propose)}`);

    // A hover sent while the helpdesk case resolves in the worker: answered by the main loop meanwhile.
    const hovers: number[] = [];
    let answeredFirst = 0;
    for (let i = 0; i < RUNS; i++) {
      let resolved = false;
      const resolving = client.request<CodeAction>('codeAction/resolve', actions[0]).then(() => (resolved = true));
      const hover = await timed(() => client.request('textDocument/hover', { textDocument: { uri: URI }, position: RANGE.start }));
      if (!resolved) answeredFirst++;
      hovers.push(hover.ms);
      await resolving;
    }
    console.log(`textDocument/hover sent with a resolve: ${figures(hovers)}; answered before the resolve in ${answeredFirst} of ${RUNS}`);
  } finally {
    await client.stop();
  }
}

function overCli(): void {
  const timer = cliTimer();
  try {
    for (const fp of FALSE_POSITIVES) {
      const runs = Array.from({ length: RUNS }, () => timer.time(['tune', 'examples/rmm/remote-desktop-software.kql', '--event', `examples/rmm/events/benign-fp.jsonl:${fp.line}`, '--format', 'json']));
      const proposals = JSON.parse(runs[0].stdout) as unknown[];
      console.log(
        `kql-detect tune, ${fp.name} (${proposals.length} proposals): wall median ${median(runs.map((r) => r.wall)).toFixed(2)} s, min ${Math.min(...runs.map((r) => r.wall)).toFixed(2)} s; cpu median ${median(runs.map((r) => r.cpu)).toFixed(2)} s`,
      );
    }
    const startup = timer.time(['--version']);
    console.log(`kql-detect --version (process start, bundle load): wall ${startup.wall.toFixed(2)} s, cpu ${startup.cpu.toFixed(2)} s`);
  } finally {
    timer.dispose();
  }
}

async function main(): Promise<void> {
  await overLsp();
  overCli();
}

void main();
