import { test } from 'node:test';
import { checkRule } from './ruleTester';

test('duplicate-list-entry', () => {
  checkRule('duplicate-list-entry', {
    valid: [
      'DeviceProcessEvents | where FileName in~ ("anydesk.exe", "teamviewer.exe")',
      'let L = dynamic(["a.exe", "b.exe"]);\nDeviceProcessEvents | where FileName in~ (L)',
    ],
    invalid: [
      {
        code: 'DeviceProcessEvents | where FileName in~ ("anydesk.exe", ⟦"AnyDesk.exe"⟧)',
        messageId: 'duplicate',
        messageIncludes: "already in this list as 'anydesk.exe'",
        output: 'DeviceProcessEvents | where FileName in~ ("anydesk.exe")',
      },
      {
        code: 'let L = dynamic([\n  "x.exe", "y.exe",\n  ⟦"x.exe"⟧, "z.exe"\n]);\nDeviceProcessEvents | where ProcessCommandLine has_any (L)',
        messageId: 'duplicate',
        output: 'let L = dynamic([\n  "x.exe", "y.exe", "z.exe"\n]);\nDeviceProcessEvents | where ProcessCommandLine has_any (L)',
      },
      {
        code: 'DeviceProcessEvents | where FileName in~ ("a.exe", ⟦"A.exe"⟧, "b.exe", ⟦"a.exe"⟧)',
        messageId: 'duplicate',
        output: 'DeviceProcessEvents | where FileName in~ ("a.exe", "b.exe")',
      },
    ],
  });
});
