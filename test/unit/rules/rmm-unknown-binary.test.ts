import { test } from 'node:test';
import { checkRule } from './ruleTester';

const query = (list: string) => `let RMMTools = dynamic([${list}]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)`;

test('rmm-unknown-binary', () => {
  checkRule('rmm-unknown-binary', {
    valid: [
      query('"anydesk.exe", "teamviewer.exe", "ammyy_admin.exe"'),
      // Not an RMM list: too few of its entries are catalog binaries.
      'DeviceProcessEvents | where InitiatingProcessFileName in~ ("powershell.exe", "cmd.exe", "wscript.exe", "anydesk.exe")',
    ],
    invalid: [
      {
        code: query('"anydesk.exe", "teamviewer.exe", ⟦"ammyyadmin.exe"⟧'),
        messageId: 'misspelt',
        messageIncludes: "Did you mean 'ammyy_admin.exe' (Ammyy Admin)?",
        output: query('"anydesk.exe", "teamviewer.exe", "ammyy_admin.exe"'),
      },
      {
        code: query("'anydesk.exe', 'teamviewer.exe', ⟦'chrome_remote_desktop.exe'⟧, 'remoting_host.exe'"),
        messageId: 'invented',
        messageIncludes: "Chrome Remote Desktop's known binaries are remote_host.exe, remoting_host.exe",
        output: query("'anydesk.exe', 'teamviewer.exe', 'remote_host.exe', 'remoting_host.exe'"),
      },
      {
        code: query('"anydesk.exe", "teamviewer.exe", ⟦"splashtopremote.exe"⟧, ⟦"zoommtg.exe"⟧'),
        messageId: ['unlisted', 'unknown'],
      },
    ],
  });
});
