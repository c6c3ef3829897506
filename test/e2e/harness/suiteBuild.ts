// Compiles the extension host suite (test/e2e/suite/*.ts) to CommonJS for the extension host's Node.
// Each file becomes its own module so that mocha can load the *.test.js files one by one; `vscode` comes
// from the extension host and mocha from the repository's node_modules.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { e2eRoot, suiteOutDir } from './paths';

/** Returns the path of the compiled suite entry (the extensionTestsPath). */
export async function buildSuite(): Promise<string> {
  const sourceDir = path.join(e2eRoot, 'suite');
  const entryPoints = fs
    .readdirSync(sourceDir)
    .filter((file) => file === 'index.ts' || file.endsWith('.test.ts'))
    .map((file) => path.join(sourceDir, file));
  fs.rmSync(suiteOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: suiteOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return path.join(suiteOutDir, 'index.js');
}
