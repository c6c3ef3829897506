// dist/cli.js: starts the CLI from its V8 start-up snapshot (dist/cli.blob, written by
// `npm run build`) when the snapshot was built by this very Node binary, else runs the CLI bundle
// in this process. A snapshot only loads into the Node that built it, hence the check.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const blob = join(__dirname, 'cli.blob');
const stamp = join(__dirname, 'cli.blob.json');

function snapshotUsable(): boolean {
  if (process.env.KQL_DETECT_NO_SNAPSHOT === '1' || !existsSync(blob) || !existsSync(stamp)) return false;
  try {
    const built = JSON.parse(readFileSync(stamp, 'utf8')) as { node?: string; execPath?: string; arch?: string };
    return built.node === process.version && built.execPath === process.execPath && built.arch === process.arch;
  } catch {
    return false;
  }
}

if (snapshotUsable()) {
  // `--` keeps Node from taking the user's leading options (`--help`, `-v`) as its own.
  const run = spawnSync(process.execPath, ['--snapshot-blob', blob, '--', ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.signal) process.kill(process.pid, run.signal);
  process.exitCode = run.status ?? 2;
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./cliMain.js');
}
