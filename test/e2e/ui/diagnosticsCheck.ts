// The UI check: what a user sees. Installs the packaged .vsix into code-server, opens broken.kql in the
// workbench, and finds the error squiggle and its entry in the Problems panel, with screenshots.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, newWorkbenchPage } from '../harness/browser';
import { makeTempDir, removeTempDir } from '../harness/cleanup';
import { installExtension, newProfile, startCodeServer, type RunningCodeServer } from '../harness/codeServer';
import { artifactsDir, workspaceFixture } from '../harness/paths';
import type { LayerResult } from '../harness/results';
import { screenshot, since } from './common';

const uiTimeoutMs = 60_000;

async function checkDiagnosticsInWorkbench(page: Page, server: RunningCodeServer, workspace: string): Promise<void> {
  const start = Date.now();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  const explorerItem = page.getByRole('treeitem', { name: /broken\.kql/ });
  await explorerItem.waitFor({ timeout: uiTimeoutMs });
  console.log(`[e2e] ui: workbench shows the workspace after ${since(start)}`);
  await explorerItem.dblclick();

  const editor = page.locator('.editor-instance .monaco-editor').filter({ hasText: 'FileNme' });
  await editor.waitFor({ timeout: uiTimeoutMs });
  await editor.locator('.squiggly-error').first().waitFor({ timeout: uiTimeoutMs });
  console.log(`[e2e] ui: error squiggle after ${since(start)}`);
  const language = await page.locator('[id="status.editor.mode"]').innerText();
  if (language.trim() !== 'KQL') throw new Error(`the status bar shows language "${language}", expected KQL`);
  await screenshot(page, 'editor-squiggle.png');

  // Focus the editor so that the Problems shortcut reaches the workbench.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel');
  await problems.getByText(/The name 'FileNme' does not refer to any known column/).waitFor({ timeout: uiTimeoutMs });
  await screenshot(page, 'problems-panel.png');
}

export async function runDiagnosticsUiCheck(vsix: string): Promise<LayerResult> {
  const started = Date.now();
  fs.mkdirSync(artifactsDir, { recursive: true });
  const profile = newProfile();
  const workspace = makeTempDir('workspace');
  fs.cpSync(workspaceFixture, workspace, { recursive: true });
  let server: RunningCodeServer | undefined;
  let page: Page | undefined;
  const browser = await launchChromium();
  let failed = 0;
  try {
    console.log(`[e2e] ${await installExtension(vsix, profile)}`);
    server = await startCodeServer({ profile, logFile: path.join(artifactsDir, 'ui-code-server.log') });
    page = await newWorkbenchPage(browser);
    await checkDiagnosticsInWorkbench(page, server, workspace);
    console.log('[e2e] ui: the squiggle on FileNme and its Problems entry are shown');
  } catch (error) {
    failed = 1;
    console.error('[e2e] FAILED ui check:', error);
    if (page) await screenshot(page, 'ui-failure.png').catch(() => undefined);
  } finally {
    await browser.close().catch(() => undefined);
    await server?.stop();
    for (const dir of [workspace, profile.userDataDir, profile.extensionsDir]) removeTempDir(dir);
  }
  return { layer: 'ui check', passed: 1 - failed, failed, seconds: (Date.now() - started) / 1000 };
}
