// The UI check: what a user sees. Installs the packaged .vsix into code-server, opens broken.kql in the
// workbench, and finds the error squiggle and its entry in the Problems panel, with screenshots.
import type { Page } from 'playwright-core';
import type { RunningCodeServer } from '../harness/codeServer';
import type { LayerResult } from '../harness/results';
import { runUiCheck, screenshot, since } from './common';

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
  return runUiCheck('ui check', 'ui', vsix, async (page, server, workspace) => {
    await checkDiagnosticsInWorkbench(page, server, workspace);
    console.log('[e2e] ui: the squiggle on FileNme and its Problems entry are shown');
  });
}
