// The main layer: the mocha suite in code-server's extension host, launched through @vscode/test-electron's
// runTests with the `code` stand-in, as a project using a desktop VS Code would launch it.
import { runTests } from '@vscode/test-electron';
import fs from 'node:fs';
import path from 'node:path';
import type { SuiteResults } from '../suite/index';
import { selfSignedCertificate } from '../../unit/service/protocolServer';
import { makeTempDir, removeTempDir, scratchVariable } from './cleanup';
import { artifactsDir, codeShim, repoRoot, workspaceFixture } from './paths';
import type { LayerResult } from './results';
import { buildSuite } from './suiteBuild';

export async function runSuiteLayer(): Promise<LayerResult> {
  const started = Date.now();
  const extensionTestsPath = await buildSuite();
  // One throw-away folder for the run. The `code` stand-in removes it too when it exits: if this process is
  // killed, the stand-in outlives it until code-server is stopped, and code-server writes there until then.
  const scratch = makeTempDir('suite');
  const workspace = path.join(scratch, 'workspace'); // the tests write files into it: a copy of the fixture
  fs.cpSync(workspaceFixture, workspace, { recursive: true });
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  fs.mkdirSync(artifactsDir, { recursive: true });
  const resultsFile = path.join(artifactsDir, 'exthost-results.json');
  fs.rmSync(resultsFile, { force: true });
  // The local protocol server's certificate (service.test.ts): made before code-server starts, so the
  // language server it forks trusts it through NODE_EXTRA_CA_CERTS, which Node reads at start-up only.
  const tls = path.join(scratch, 'tls');
  fs.mkdirSync(tls);
  const { key, cert } = selfSignedCertificate();
  fs.writeFileSync(path.join(tls, 'key.pem'), key);
  fs.writeFileSync(path.join(tls, 'cert.pem'), cert);

  let runError: unknown;
  try {
    await runTests({
      vscodeExecutablePath: codeShim,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`, '--disable-extensions'],
      // code-server inherits it, and the extension host and the suite inherit it from code-server.
      extensionTestsEnv: {
        KQL_E2E_RESULTS: resultsFile,
        [scratchVariable]: scratch,
        KQL_E2E_TLS: tls,
        NODE_EXTRA_CA_CERTS: path.join(tls, 'cert.pem'),
        ...(process.env.E2E_GREP ? { E2E_GREP: process.env.E2E_GREP } : {}),
      },
    });
  } catch (error) {
    runError = error;
  } finally {
    removeTempDir(scratch);
  }

  const seconds = (Date.now() - started) / 1000;
  if (!fs.existsSync(resultsFile)) {
    console.error(`[e2e] the extension host suite reported no results${runError ? `: ${String(runError)}` : ''}`);
    return { layer: 'extension host suite', passed: 0, failed: 1, seconds };
  }
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
  for (const failure of results.failed) console.error(`[e2e] FAILED ${failure.title}\n${failure.error}`);
  // A run that failed although every test passed (e.g. the extension host crashed on the way out) still fails.
  const failed = results.failed.length + (runError && results.failed.length === 0 ? 1 : 0);
  return { layer: 'extension host suite', passed: results.passed.length, failed, seconds };
}
