// The entry `npm run build` turns into a V8 start-up snapshot (dist/cli.blob): it loads
// Kusto.Language, builds the default (Defender) schema's global state and the RMM catalog, and
// lints one detection, so a run of the CLI starts from that heap instead of loading and warming
// the library again.
// dist/cli.js (launcher.ts) starts Node with the snapshot when it was built by the same Node.

import { startupSnapshot } from 'node:v8';
import { environmentFor } from '../kusto/environment';
import { lintDocument } from '../rules/lint';
import { main } from './main';
import { currentProcessOutput } from './output';

const WARM_UP = [
  'let Tools = dynamic(["anydesk.exe", "teamviewer.exe", "rustdesk.exe"]);',
  'DeviceProcessEvents',
  '| where Timestamp > ago(1d)',
  '| where FileName in~ (Tools)',
  '| extend Family = case(FileName has "anydesk", "AnyDesk", FileName has "teamviewer", "TeamViewer", "Other")',
  '| project Timestamp, DeviceName, FileName, Family',
].join('\n');
lintDocument(WARM_UP, environmentFor('defender'));

// Without a script name, argv holds the node binary and then the arguments.
startupSnapshot.setDeserializeMainFunction(() => {
  void main(process.argv.slice(1), currentProcessOutput()).then((code) => (process.exitCode = code));
});
