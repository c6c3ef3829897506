// Runs a mocha suite inside code-server's real Node extension host.
//
// The workbench takes the extension under development and the test module from the `payload` URL parameter,
// as VS Code's own browser integration tests do. A built VS Code honours those keys only when its server
// runs with the smoke-test driver enabled. When the test module's run() settles, the extension host exits
// and the workbench calls window.codeAutomationExit(code); its console, so mocha's reporter, arrives
// through window.codeAutomationLog.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchChromium, newWorkbenchPage } from './browser';
import { startCodeServer, type CodeServerProfile } from './codeServer';
import { artifactsDir } from './paths';

export interface ExtensionHostRun {
  extensionDevelopmentPaths: string[];
  /** The compiled module that exports run(). */
  extensionTestsPath: string;
  /** The folder the workbench opens. */
  folder?: string;
  profile: CodeServerProfile;
  disableExtensions?: boolean;
  /** Environment for code-server, which the extension host and the suite inherit. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Workbench chatter that says nothing about the tests; it still goes to the log file. */
const workbenchNoise = /^\[(AgentHost|AccountPolicyGate|ChatModelSelection|DefaultAccount|Service Worker|reconnection-grace-time)|connection token|Creating a socket|additional builtin extensions|open-vsx|ENOTFOUND|vsda/;

/** Resolves with the extension host's exit code: 0 when every test passed, 1 on failure or timeout. */
export async function runInExtensionHost(run: ExtensionHostRun): Promise<number> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const timeoutMs = run.timeoutMs ?? 300_000;
  const server = await startCodeServer({
    profile: run.profile,
    smokeTestDriver: true,
    env: run.env,
    logFile: path.join(artifactsDir, 'exthost-code-server.log'),
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const workbenchLog = fs.createWriteStream(path.join(artifactsDir, 'exthost-workbench.log'));
  try {
    const page = await newWorkbenchPage(browser);
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    // Both must exist before the workbench loads.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      workbenchLog.write(`[${type}] ${line}\n`);
      if (process.env.E2E_VERBOSE || !workbenchNoise.test(line)) (type === 'error' ? console.error : console.log)(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));

    const remote = (file: string) => `vscode-remote://${server.authority}${path.resolve(file)}`;
    const payload = [
      ...run.extensionDevelopmentPaths.map((devPath) => ['extensionDevelopmentPath', remote(devPath)]),
      ['extensionTestsPath', remote(run.extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
      ...(run.disableExtensions ? [['disableExtensions', 'true']] : []),
    ];
    const target = run.folder ? `folder=${encodeURIComponent(path.resolve(run.folder))}` : 'ew=true';
    await page.goto(`${server.url}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      await page.screenshot({ path: path.join(artifactsDir, 'exthost-timeout.png') }).catch(() => undefined);
      console.error(`[e2e] the extension host tests did not finish within ${timeoutMs / 1000} s`);
      return 1;
    }
    return outcome;
  } finally {
    workbenchLog.end();
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}
