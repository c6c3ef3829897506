// A stand-in for the desktop `code` executable, for @vscode/test-electron's runTests({ vscodeExecutablePath }):
// it reads the VS Code command-line flags that runTests passes and runs the same suite in code-server's
// extension host (desktop VS Code cannot be downloaded here). Desktop-only flags are ignored.
//   code-shim.sh [folder] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
//                [--user-data-dir=DIR] [--extensions-dir=DIR] [--disable-extensions]
import fs from 'node:fs';
import { adoptTempDir, makeTempDir, scratchVariable } from './cleanup';
import { writeUserSettings, type CodeServerProfile } from './codeServer';
import { runInExtensionHost, type ExtensionHostRun } from './extensionHost';

function parse(argv: string[]): ExtensionHostRun {
  const developmentPaths: string[] = [];
  let testsPath: string | undefined;
  let folder: string | undefined;
  let userDataDir: string | undefined;
  let extensionsDir: string | undefined;
  let disableExtensions = false;
  const ignored: string[] = [];
  for (const arg of argv) {
    if (!arg.startsWith('--')) {
      folder = arg;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
    const value = equals === -1 ? '' : arg.slice(equals + 1);
    if (name === 'extensionDevelopmentPath') developmentPaths.push(value);
    else if (name === 'extensionTestsPath') testsPath = value;
    else if (name === 'user-data-dir') userDataDir = value;
    else if (name === 'extensions-dir') extensionsDir = value;
    else if (name === 'disable-extensions') disableExtensions = true;
    else ignored.push(arg);
  }
  if (!testsPath || developmentPaths.length === 0) {
    throw new Error('usage: code-shim.sh [folder] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE');
  }
  if (ignored.length > 0) console.log(`[e2e] ignoring desktop-only flags: ${ignored.join(' ')}`);
  return { extensionDevelopmentPaths: developmentPaths, extensionTestsPath: testsPath, folder, disableExtensions, profile: profileFrom(userDataDir, extensionsDir) };
}

/** The folders test-electron chose, or throw-away ones for whichever it left out. */
function profileFrom(userDataDir: string | undefined, extensionsDir: string | undefined): CodeServerProfile {
  const profile = { userDataDir: userDataDir ?? makeTempDir('user-data'), extensionsDir: extensionsDir ?? makeTempDir('extensions') };
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  writeUserSettings(profile.userDataDir);
  return profile;
}

/**
 * runTests gives its `code` a stdin pipe that it never writes to. When the pipe closes, whoever started this
 * process has gone (e.g. killed by a CI timeout): stop too, which stops code-server and removes temp folders.
 */
function exitWithParent(): void {
  if (!fs.fstatSync(0).isFIFO()) return;
  process.stdin.on('end', () => {
    console.error('[e2e] the process that started the tests has gone: stopping');
    process.exit(1);
  });
  process.stdin.resume();
}

exitWithParent();
const scratch = process.env[scratchVariable];
if (scratch) adoptTempDir(scratch);
runInExtensionHost(parse(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[e2e]', error);
    process.exit(1);
  },
);
