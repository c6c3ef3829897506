// What the UI checks share: running one as a test layer, screenshots, and elapsed-time labels for the log.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, newWorkbenchPage } from '../harness/browser';
import { makeTempDir, removeTempDir } from '../harness/cleanup';
import { installExtension, newProfile, startCodeServer, type RunningCodeServer } from '../harness/codeServer';
import { artifactsDir, workspaceFixture } from '../harness/paths';
import type { LayerResult } from '../harness/results';

export async function screenshot(page: Page, name: string): Promise<void> {
  const file = path.join(artifactsDir, name);
  await page.screenshot({ path: file });
  console.log(`[e2e] screenshot ${path.relative(process.cwd(), file)}`);
}

export function since(start: number): string {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}

/**
 * One UI check as a test layer: a throw-away workspace (the fixture plus `prepare`), the packaged
 * .vsix installed into a fresh code-server profile, a workbench page for `check`, a screenshot on
 * failure, and everything removed afterwards.
 */
export async function runUiCheck(
  layer: string,
  name: string,
  vsix: string,
  check: (page: Page, server: RunningCodeServer, workspace: string) => Promise<void>,
  prepare: (workspace: string) => void = () => undefined,
): Promise<LayerResult> {
  const started = Date.now();
  fs.mkdirSync(artifactsDir, { recursive: true });
  const profile = newProfile();
  const workspace = makeTempDir('workspace');
  fs.cpSync(workspaceFixture, workspace, { recursive: true });
  prepare(workspace);
  let server: RunningCodeServer | undefined;
  let page: Page | undefined;
  const browser = await launchChromium();
  let failed = 0;
  try {
    console.log(`[e2e] ${await installExtension(vsix, profile)}`);
    server = await startCodeServer({ profile, logFile: path.join(artifactsDir, `${name}-code-server.log`) });
    page = await newWorkbenchPage(browser);
    await check(page, server, workspace);
  } catch (error) {
    failed = 1;
    console.error(`[e2e] FAILED ${layer}:`, error);
    if (page) await screenshot(page, `${name}-failure.png`).catch(() => undefined);
  } finally {
    await browser.close().catch(() => undefined);
    await server?.stop();
    for (const dir of [workspace, profile.userDataDir, profile.extensionsDir]) removeTempDir(dir);
  }
  return { layer, passed: 1 - failed, failed, seconds: (Date.now() - started) / 1000 };
}
