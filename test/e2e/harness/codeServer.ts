// Starts code-server (VS Code 1.139.1's server and web workbench) on 127.0.0.1 with throw-away state,
// and runs its CLI for one-shot commands such as --install-extension.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { makeTempDir, trackProcessGroup, untrackProcessGroup } from './cleanup';
import { codeServerEntry, node24 } from './paths';

export interface CodeServerProfile {
  userDataDir: string;
  extensionsDir: string;
}

export interface RunningCodeServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** host:port, the remote authority the workbench uses in vscode-remote:// URIs. */
  readonly authority: string;
  stop(): Promise<void>;
}

/** User settings that keep the workbench quiet and offline: no chat panel, update checks or recommendations. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
};

let isolatedEnvironment: NodeJS.ProcessEnv | undefined;

/**
 * Environment for code-server and chromium. code-server writes a config with a password and logs under
 * $HOME on every start, chromium writes crash reports there, and VS Code leaves sockets in /tmp: all of it
 * goes to one throw-away folder instead. No extension gallery: the machine has no route to one.
 */
export function isolatedEnv(): NodeJS.ProcessEnv {
  if (!isolatedEnvironment) {
    const root = makeTempDir('home');
    const dir = (name: string) => {
      const full = path.join(root, name);
      fs.mkdirSync(full, { mode: 0o700 });
      return full;
    };
    isolatedEnvironment = {
      ...process.env,
      XDG_CONFIG_HOME: dir('config'),
      XDG_DATA_HOME: dir('data'),
      XDG_CACHE_HOME: dir('cache'),
      XDG_RUNTIME_DIR: dir('run'),
      TMPDIR: dir('tmp'),
      EXTENSIONS_GALLERY: '{}',
    };
  }
  return isolatedEnvironment;
}

/** A fresh user-data and extensions folder, with the quiet user settings. */
export function newProfile(): CodeServerProfile {
  const profile = { userDataDir: makeTempDir('user-data'), extensionsDir: makeTempDir('extensions') };
  writeUserSettings(profile.userDataDir);
  return profile;
}

export function writeUserSettings(userDataDir: string): void {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(quietSettings, null, 2));
}

function checkInstalled(): void {
  for (const file of [node24, codeServerEntry]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run tools/vscode-e2e/install.sh first`);
  }
}

/** Runs the code-server CLI to completion; resolves with its output, rejects on a non-zero exit. */
export function codeServerCli(args: string[]): Promise<string> {
  checkInstalled();
  return new Promise((resolve, reject) => {
    const child = spawn(node24, [codeServerEntry, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: isolatedEnv() });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`code-server ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

export async function installExtension(vsix: string, profile: CodeServerProfile): Promise<string> {
  const output = await codeServerCli(['--install-extension', vsix, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir]);
  return output.trim().split('\n').pop() ?? '';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartOptions {
  profile: CodeServerProfile;
  /** Needed for the workbench to honour extensionDevelopmentPath/extensionTestsPath in the URL payload. */
  smokeTestDriver?: boolean;
  /** Extra environment, inherited by the extension host (and so by the test suite). */
  env?: NodeJS.ProcessEnv;
  /** Where the server's output is written. */
  logFile: string;
}

export async function startCodeServer(options: StartOptions): Promise<RunningCodeServer> {
  checkInstalled();
  const port = await freePort();
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', options.profile.userDataDir,
    '--extensions-dir', options.profile.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // code-server rejects VS Code's own flags; this passes one through to the VS Code server.
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  // Detached: its own process group, so stopping it also stops the extension host, the pty host
  // and the language server that the extension host starts.
  const child = spawn(node24, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...isolatedEnv(), ...options.env }, detached: true });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server did not start');
  trackProcessGroup(pgid);
  const log = fs.createWriteStream(options.logFile);
  const url = await listeningUrl(child, log);
  return {
    url,
    authority: new URL(url).host,
    stop: () => stopGroup(child, pgid).finally(() => log.end()),
  };
}

function listeningUrl(child: ChildProcess, log: fs.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${output}`)), 60_000);
    const onOutput = (chunk: Buffer) => {
      if (!log.writableEnded) log.write(chunk);
      if (output.length < 1_000_000) output += chunk.toString();
      const match = /HTTP server listening on (http:\/\/\S+?)\/?\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening:\n${output}`));
    });
  });
}

async function stopGroup(child: ChildProcess, pgid: number): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 5000);
    });
    await Promise.race([exited, forced]);
    clearTimeout(timer);
  }
  // The server may be gone while children it started (extension host, language server) still run.
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Nothing left in the group.
  }
  untrackProcessGroup(pgid);
}
