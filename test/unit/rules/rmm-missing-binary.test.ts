import { test } from 'node:test';
import { checkRule } from './ruleTester';

test('rmm-missing-binary', () => {
  checkRule('rmm-missing-binary', {
    valid: [
      'let RMMTools = dynamic(["anydesk.exe", "meshagent.exe"]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)',
      // An exclusion list is not a detection's coverage.
      'DeviceProcessEvents | where FileName !in~ ("teamviewer.exe", "anydesk.exe")',
    ],
    invalid: [
      {
        code: 'let RMMTools = dynamic([⟦"teamviewer.exe"⟧, "anydesk.exe"]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)',
        messageId: 'missing',
        messageIncludes: 'TeamViewer: the catalog knows 6 more binaries this list lacks',
        output:
          'let RMMTools = dynamic(["teamviewer.exe", "teamviewer_desktop.exe", "teamviewer_service.exe", "teamviewerqs.exe", "tv_w32.exe", "tv_w64.exe", "tv_x64.exe", "anydesk.exe"]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)',
      },
      {
        // The classifier already labels some of the new names; only the others become needles.
        code:
          'let RMMTools = dynamic([\n    ⟦"teamviewer.exe"⟧,"tv_w32.exe",\n    "anydesk.exe"\n]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)\n' +
          '| extend Family = case(FileName has "teamviewer", "TeamViewer", FileName has "anydesk", "AnyDesk", "Other")',
        messageId: 'missing',
        output:
          'let RMMTools = dynamic([\n    "teamviewer.exe","tv_w32.exe","teamviewer_desktop.exe","teamviewer_service.exe","teamviewerqs.exe","tv_w64.exe","tv_x64.exe",\n    "anydesk.exe"\n]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)\n' +
          '| extend Family = case(FileName has "teamviewer" or FileName in~ ("teamviewerqs.exe", "tv_w64.exe", "tv_x64.exe"), "TeamViewer", FileName has "anydesk", "AnyDesk", "Other")',
      },
    ],
  });
});
