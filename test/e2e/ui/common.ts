// What the UI checks share: screenshots into the artifacts folder and elapsed-time labels for the log.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir } from '../harness/paths';

export async function screenshot(page: Page, name: string): Promise<void> {
  const file = path.join(artifactsDir, name);
  await page.screenshot({ path: file });
  console.log(`[e2e] screenshot ${path.relative(process.cwd(), file)}`);
}

export function since(start: number): string {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}
