import { test } from 'node:test';
import { checkRule } from './ruleTester';

const list = 'let RMMTools = dynamic(["anydesk.exe", "rustdesk.exe"]);\nDeviceProcessEvents\n';
const classifier = '\n| extend Family = case(FileName has "anydesk", "AnyDesk", FileName has "rustdesk", "RustDesk", "Other")';

test('filter-classifier-mismatch', () => {
  checkRule('filter-classifier-mismatch', {
    valid: [
      // The classifier matches whole names too: nothing is lost between them.
      list + '| where FileName in~ (RMMTools)\n| extend Family = case(FileName =~ "anydesk.exe", "AnyDesk", FileName =~ "rustdesk.exe", "RustDesk", "Other")',
      // The filter already lets the stems through.
      list + '| where FileName has_any (RMMTools) or FileName has_any ("anydesk", "rustdesk")' + classifier,
    ],
    invalid: [
      {
        code: list + '| where ⟦FileName has_any (RMMTools)⟧' + classifier,
        messageId: 'wholeNamesVsStems',
        messageIncludes: "Renamed or versioned binaries such as 'anydesk (1).exe'",
        output: list + '| where (FileName has_any (RMMTools) or FileName has_any ("anydesk", "rustdesk"))' + classifier,
      },
    ],
  });
});
