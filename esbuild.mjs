// One build script for every bundle. Type checking runs separately (`npm run typecheck`).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, minify: production, logLevel: 'warning' };

const bundles = [
  // The extension host never loads Kusto.Language: the client bundle must stay small.
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  // The preview worker thread the server starts: evaluation runs off the LSP main loop.
  { ...node, entryPoints: ['server/src/lsp/previewWorker.ts'], outfile: 'dist/previewWorker.js' },
  // The test worker thread: the Test Explorer's runs happen off the LSP main loop too.
  { ...node, entryPoints: ['server/src/lsp/testingWorker.ts'], outfile: 'dist/testingWorker.js' },
  // The rule docs go into the CLI as text: its SARIF logs embed each rule's help.
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cliMain.js', loader: { '.md': 'text' } },
  // The same CLI as the entry of its start-up snapshot (built below), and the launcher that uses it.
  { ...node, entryPoints: ['server/src/cli/snapshot.ts'], outfile: 'dist/cliSnapshot.js', loader: { '.md': 'text' } },
  { ...node, entryPoints: ['server/src/cli/launcher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['./cliMain.js'] },
  { bundle: true, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', sourcemap: !production, minify: production, logLevel: 'warning' },
];

if (watch) {
  for (const options of bundles) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(bundles.map((options) => esbuild.build(options)));
  buildCliSnapshot();
}

/**
 * Rebuilds the CLI's V8 start-up snapshot from the bundle just written, with this Node, and stamps
 * it with that Node's identity: the launcher uses a snapshot only from the same binary, so a stale
 * or foreign one is never loaded. A failed build removes any old snapshot rather than keep it.
 */
function buildCliSnapshot() {
  rmSync('dist/cli.blob', { force: true });
  rmSync('dist/cli.blob.json', { force: true });
  const run = spawnSync(process.execPath, ['--snapshot-blob', 'dist/cli.blob', '--build-snapshot', 'dist/cliSnapshot.js'], { encoding: 'utf8' });
  if (run.status !== 0) {
    rmSync('dist/cli.blob', { force: true });
    console.warn(`CLI start-up snapshot not built (the CLI still works, without it):\n${run.stderr}`);
    return;
  }
  writeFileSync('dist/cli.blob.json', JSON.stringify({ node: process.version, execPath: process.execPath, arch: process.arch }) + '\n');
}
