// One build script for every bundle. Type checking runs separately (`npm run typecheck`).
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
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, loader: { '.md': 'text' } },
  { bundle: true, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', sourcemap: !production, minify: production, logLevel: 'warning' },
];

if (watch) {
  for (const options of bundles) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(bundles.map((options) => esbuild.build(options)));
}
