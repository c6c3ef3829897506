// `npm run test:e2e` (after the tools are installed and the .vsix is packaged): checks the package contents,
// runs the extension host suite, then the UI check, prints `N passed, N failed` last and exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { checkPackageContents } from './harness/packageContents';
import { repoRoot } from './harness/paths';
import { summarize, type LayerResult } from './harness/results';
import { runSuiteLayer } from './harness/suiteLayer';
import { runDiagnosticsUiCheck } from './ui/diagnosticsCheck';
import { runPreviewUiCheck } from './ui/previewCheck';

function packagedVsix(): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(repoRoot, `${name}-${version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  return vsix;
}

async function main(): Promise<number> {
  const vsix = packagedVsix();
  const results: LayerResult[] = [checkPackageContents()];
  results.push(await runSuiteLayer());
  // E2E_GREP picks suite tests: the UI checks are not among them.
  if (!process.env.E2E_GREP) {
    results.push(await runDiagnosticsUiCheck(vsix));
    results.push(await runPreviewUiCheck(vsix));
  }
  console.log(summarize(results));
  return results.some((result) => result.failed > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[e2e]', error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
