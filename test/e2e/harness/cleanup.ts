// Everything a test run starts or creates is undone when the process ends, normally or by a signal
// (a CI timeout, Ctrl-C, or @vscode/test-electron stopping the `code` stand-in).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tempDirs = new Set<string>();
const processGroups = new Set<number>();

function killGroups(signal: NodeJS.Signals): void {
  for (const pgid of processGroups) {
    try {
      process.kill(-pgid, signal);
    } catch {
      // The group has already exited.
    }
  }
}

function removeTempDirs(): void {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

process.on('exit', () => {
  killGroups('SIGKILL');
  removeTempDirs();
});
const signalNumbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
for (const [signal, number] of Object.entries(signalNumbers) as [NodeJS.Signals, number][]) {
  process.on(signal, () => {
    console.error(`[e2e] ${signal}: stopping code-server and removing temporary folders`);
    process.exit(128 + number); // the 'exit' handler above does the cleanup
  });
}

/** A new empty folder under the system temp dir, removed when this process exits. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kql-e2e-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** Names a throw-away folder that a parent test process hands to a child, which removes it too. */
export const scratchVariable = 'KQL_E2E_SCRATCH';

/** Also remove `dir`, made by another process, when this process exits. */
export function adoptTempDir(dir: string): void {
  tempDirs.add(dir);
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Kill this process group (a detached child and all it started) if this process exits first. */
export function trackProcessGroup(pgid: number): void {
  processGroups.add(pgid);
}

export function untrackProcessGroup(pgid: number): void {
  processGroups.delete(pgid);
}
