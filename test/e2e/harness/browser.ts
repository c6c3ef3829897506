// Debian's chromium, headless, driven by playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';
import { isolatedEnv } from './codeServer';
import { chromiumPath } from './paths';

const chromiumFlags = [
  '--headless',
  '--no-sandbox', // runs as root in CI
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright gives chromium a fresh temporary profile; the isolated env keeps crash reports out of $HOME. */
export function launchChromium(): Promise<Browser> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(isolatedEnv())) if (value !== undefined) env[key] = value;
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags, env });
}

export async function newWorkbenchPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  page.on('pageerror', (error) => console.error(`[workbench page error] ${error.message}`));
  page.on('crash', () => console.error('[workbench page crashed]'));
  return page;
}
