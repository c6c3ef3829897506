import { test } from 'node:test';
import { checkRule } from './ruleTester';

const families = { catalog: { families: ['anydesk', 'teamviewer', 'meshcentral'] } };

test('rmm-uncovered-family', () => {
  checkRule('rmm-uncovered-family', {
    valid: [
      { code: 'let RMMTools = dynamic(["anydesk.exe", "teamviewer.exe", "meshagent.exe"]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)', options: families },
      'DeviceProcessEvents | where FileName in~ ("powershell.exe", "cmd.exe")',
    ],
    invalid: [
      {
        code: 'let ⟦RMMTools⟧ = dynamic(["anydesk.exe", "teamviewer.exe"]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)',
        messageId: 'uncovered',
        messageIncludes: 'Most common: ScreenConnect, Atera, Splashtop, NinjaOne, Kaseya (VSA).',
      },
      {
        code:
          'let ⟦RMMTools⟧ = dynamic([\n  "anydesk.exe",\n  "teamviewer.exe"\n]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)\n' +
          '| extend Family = case(\n    FileName has_any ("anydesk"), "AnyDesk",\n    FileName has_any ("teamviewer"), "TeamViewer",\n    "Other")',
        messageId: 'uncovered',
        options: families,
        messageIncludes: '1 in-scope RMM family is not covered by this detection. Most common: MeshCentral.',
        fixTitle: 'Add MeshCentral (1 binary) to the list and the classifier',
        output:
          'let RMMTools = dynamic([\n  "anydesk.exe",\n  "teamviewer.exe",\n  "meshagent.exe"\n]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)\n' +
          '| extend Family = case(\n    FileName has_any ("anydesk"), "AnyDesk",\n    FileName has_any ("teamviewer"), "TeamViewer",\n    FileName has_any ("meshagent.exe"), "MeshCentral",\n    "Other")',
      },
    ],
  });
});
