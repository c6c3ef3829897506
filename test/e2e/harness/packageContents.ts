// Checks what `npm run package` puts in the .vsix, as `vsce ls` reports it from .vscodeignore: every file the
// manifest points VS Code at (main, and ./ paths under contributes) is in it, and nothing it must not ship.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';
import type { LayerResult } from './results';

const mustNotShip = [/\.map$/, /^node_modules\//, /^(client|server)\/src\//, /^test\//, /\.vsix$/];

/** `./`-relative file paths anywhere in `value`. */
function relativePaths(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('./') ? [path.posix.normalize(value)] : [];
  if (Array.isArray(value)) return value.flatMap(relativePaths);
  if (value && typeof value === 'object') return Object.values(value).flatMap(relativePaths);
  return [];
}

export function problemsInPackage(manifest: { main?: string; browser?: string; contributes?: unknown }, packaged: string[]): string[] {
  const shipped = new Set(packaged);
  const referenced = [...new Set(relativePaths([manifest.main, manifest.browser, manifest.contributes]))];
  return [
    ...referenced.filter((file) => !shipped.has(file)).map((file) => `the manifest refers to ${file}, which the .vsix lacks`),
    ...packaged.filter((file) => mustNotShip.some((pattern) => pattern.test(file))).map((file) => `the .vsix ships ${file}`),
  ];
}

export function checkPackageContents(): LayerResult {
  const started = Date.now();
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const listing = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const problems =
    listing.status === 0
      ? problemsInPackage(manifest, listing.stdout.split('\n').map((line) => line.trim()).filter(Boolean))
      : [`vsce ls failed: ${listing.stderr}`];
  for (const problem of problems) console.error(`[e2e] package contents: ${problem}`);
  if (problems.length === 0) console.log('[e2e] package contents: every file the manifest refers to is in the .vsix');
  const failed = problems.length > 0 ? 1 : 0;
  return { layer: 'package contents', passed: 1 - failed, failed, seconds: (Date.now() - started) / 1000 };
}
