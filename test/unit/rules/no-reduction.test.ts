import { test } from 'node:test';
import { checkRule } from './ruleTester';

test('no-reduction', () => {
  checkRule('no-reduction', {
    valid: [
      'DeviceProcessEvents | where Timestamp > ago(1d) | project DeviceName, FileName',
      'DeviceProcessEvents | where Timestamp > ago(1d) | summarize count() by DeviceName',
      'let base = DeviceProcessEvents | where Timestamp > ago(1d) | project FileName;\nbase | where FileName has "anydesk"',
      'print x = 1',
    ],
    invalid: [
      {
        code: '⟦DeviceProcessEvents⟧ | where Timestamp > ago(1d) | where FileName =~ "anydesk.exe"',
        messageId: 'noReduction',
        messageIncludes: 'This query returns every column of DeviceProcessEvents for every matching row; project the columns it needs, or summarize.',
      },
      { code: 'let base = DeviceProcessEvents | where Timestamp > ago(1d);\n⟦base⟧ | where FileName has "anydesk"', messageId: 'noReduction', messageIncludes: 'every column of base' },
    ],
  });
});
