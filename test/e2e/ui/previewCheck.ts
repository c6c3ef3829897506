// The preview UI check: installs the packaged .vsix into code-server, opens the example detection,
// runs the preview from its CodeLens, and finds the table and the chart in the webview (screenshot
// preview.png). Then previews a detection whose events carry markup and a javascript: URL, and
// proves that none of it ran inside the webview: the flag the markup's handlers would set stays unset.
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { RunningCodeServer } from '../harness/codeServer';
import { artifactsDir, repoRoot } from '../harness/paths';
import type { LayerResult } from '../harness/results';
import { runUiCheck, screenshot, since } from './common';

const uiTimeoutMs = 90_000;

/**
 * Opens the quick input with `key`, types `query` and accepts the row showing `row`. When focus is
 * inside a webview, the quick input can open and close again at once (it loses focus to the
 * frame), so a try that finds no editable input starts over from the workbench.
 */
async function pickFromQuickInput(page: Page, key: string, query: string, row: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    try {
      await page.locator('.monaco-workbench .part.statusbar').click();
      await page.keyboard.press(key);
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(query, { timeout: 10_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ timeout: uiTimeoutMs });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`[e2e] ui: quick input for "${query}" not usable (try ${attempt}), trying again`);
      await page.keyboard.press('Escape');
    }
  }
}

async function runCommand(page: Page, title: string): Promise<void> {
  await pickFromQuickInput(page, 'F1', `>${title}`, title);
}

async function openFile(page: Page, name: string, text: string): Promise<void> {
  await pickFromQuickInput(page, 'Control+P', name, name);
  await page.locator('.editor-instance .monaco-editor').filter({ hasText: text }).waitFor({ timeout: uiTimeoutMs });
}

/** The preview panel's document: the webview's inner frame that holds the panel's #app. */
async function panelFrame(page: Page, hasText: string): Promise<Frame> {
  const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await panel.locator('#app [role=grid]', { hasText }).waitFor({ timeout: uiTimeoutMs });
  for (const frame of page.frames()) {
    const found = await frame.evaluate((text) => !!document.querySelector('#app') && (document.body.textContent ?? '').includes(text), hasText).catch(() => false);
    if (found) return frame;
  }
  throw new Error(`no preview panel frame shows "${hasText}"`);
}

async function checkPreview(page: Page, server: RunningCodeServer, workspace: string): Promise<void> {
  const start = Date.now();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.getByRole('treeitem', { name: /detection\.kql/ }).waitFor({ timeout: uiTimeoutMs });
  await openFile(page, 'remote-desktop-software.kql', 'RMMTools');

  const lens = page.locator('.codelens-decoration a', { hasText: '▶ Preview — 9 matches in 29 events' });
  await lens.waitFor({ timeout: uiTimeoutMs });
  console.log(`[e2e] ui: CodeLens "${await lens.innerText()}" after ${since(start)}`);
  await lens.click();

  const frame = await panelFrame(page, 'vncviewer.exe');
  await frame.locator('.chart-row', { hasText: 'AnyDesk' }).waitFor({ timeout: uiTimeoutMs });
  const rows = await frame.locator('.grid-body [role=row]').count();
  if (rows !== 9) throw new Error(`the preview table shows ${rows} rows, expected 9`);
  await frame.locator('.grid-body [role=row]', { hasText: 'vncviewer.exe' }).click();
  await frame.locator('.why', { hasText: 'ToolFamily ← the else value' }).waitFor({ timeout: uiTimeoutMs });
  console.log(`[e2e] ui: preview table (${rows} rows), chart and explanation after ${since(start)}`);
  await screenshot(page, 'preview-beside.png');
  // The panel on its own, wide, for the README: a wider window without the side bar, the webview alone.
  await page.setViewportSize({ width: 2000, height: 1000 });
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await frame.locator('.grid-body [role=row]', { hasText: 'rustdesk.exe' }).click();
  await frame.locator('.why', { hasText: 'ToolFamily ← branch 8' }).waitFor({ timeout: uiTimeoutMs });
  const file = path.join(artifactsDir, 'preview.png');
  await page.locator('iframe.webview.ready').screenshot({ path: file });
  console.log(`[e2e] screenshot ${path.relative(process.cwd(), file)}`);
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await page.setViewportSize({ width: 1400, height: 850 });

  await runCommand(page, 'View: Close All Editors');
  await openFile(page, 'hostile.kql', 'onerror');
  await runCommand(page, 'KQL Detect: Preview on Sample Events');
  const hostile = await panelFrame(page, 'onerror="window.__pwned=1"');
  await hostile.locator('.grid-body [role=row]').first().click();
  await hostile.locator('.fields dd', { hasText: '<script>' }).waitFor({ timeout: uiTimeoutMs });
  await hostile.locator('#show-unmatched').check();
  await hostile.locator('.grid-body [role=row]', { hasText: 'notepad.exe' }).click();
  await screenshot(page, 'preview-hostile.png');
  const verdict = await hostile.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    markup: document.querySelectorAll('#app img, #app script, #app svg, #app a').length,
  }));
  if (verdict.pwned !== undefined) throw new Error(`a hostile event's handler ran in the webview (window.__pwned = ${String(verdict.pwned)})`);
  if (verdict.markup !== 0) throw new Error(`the panel holds ${verdict.markup} elements made from event fields`);
  console.log('[e2e] ui: hostile event fields shown as text; window.__pwned stays unset');
}

export async function runPreviewUiCheck(vsix: string): Promise<LayerResult> {
  return runUiCheck('preview ui check', 'preview', vsix, checkPreview, (workspace) => {
    fs.cpSync(path.join(repoRoot, 'examples', 'rmm'), path.join(workspace, 'rmm'), { recursive: true });
  });
}
