import { test } from 'node:test';
import { checkRule } from './ruleTester';

const head = (list: string) => `let RMMTools = dynamic([${list}]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)\n`;

test('classifier-fallthrough', () => {
  checkRule('classifier-fallthrough', {
    valid: [
      head('"winvnc.exe", "vncviewer.exe", "anydesk.exe"') + '| extend Family = case(FileName has_any ("winvnc", "vncviewer"), "VNC", FileName has "anydesk", "AnyDesk", "Other")',
      // A default that is not a label cannot be told apart from a branch: stay silent.
      head('"winvnc.exe", "vncviewer.exe", "anydesk.exe"') + '| extend Family = case(FileName has "winvnc", "VNC", FileName has "anydesk", "AnyDesk", FileName)',
    ],
    invalid: [
      {
        code: head('"winvnc.exe", ⟦"vncviewer.exe"⟧, "anydesk.exe"') + '| extend Family = case(FileName has_any ("vnc", "winvnc"), "VNC", FileName has "anydesk", "AnyDesk", "Other")',
        messageId: 'fallthrough',
        messageIncludes: 'case() labels it "Other", its default. It probably belongs to "VNC".',
        output: head('"winvnc.exe", "vncviewer.exe", "anydesk.exe"') + '| extend Family = case(FileName has_any ("vnc", "winvnc", "vncviewer.exe"), "VNC", FileName has "anydesk", "AnyDesk", "Other")',
      },
      {
        code: head('"anydesk.exe", "winvnc.exe", ⟦"vncviewer.exe"⟧') + '| extend Family = iff(FileName has "anydesk", "AnyDesk", iff(FileName has "winvnc", "VNC", "Unknown"))',
        messageId: 'fallthrough',
        messageIncludes: 'iff() labels it "Unknown"',
        output: head('"anydesk.exe", "winvnc.exe", "vncviewer.exe"') + '| extend Family = iff(FileName has "anydesk", "AnyDesk", iff(FileName has "winvnc" or FileName in~ ("vncviewer.exe"), "VNC", "Unknown"))',
      },
      {
        // No branch for the family yet: the fix adds one, labelled with the catalog's name.
        code: head('"anydesk.exe", "teamviewer.exe", ⟦"meshagent.exe"⟧') + '| extend Family = case(\n    FileName has "anydesk", "AnyDesk",\n    FileName has "teamviewer", "TeamViewer",\n    "Other")',
        messageId: 'fallthrough',
        output:
          head('"anydesk.exe", "teamviewer.exe", "meshagent.exe"') +
          '| extend Family = case(\n    FileName has "anydesk", "AnyDesk",\n    FileName has "teamviewer", "TeamViewer",\n    FileName has_any ("meshagent.exe"), "MeshCentral",\n    "Other")',
      },
    ],
  });
});
