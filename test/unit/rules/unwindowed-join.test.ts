import { test } from 'node:test';
import { checkRule } from './ruleTester';

test('unwindowed-join', () => {
  checkRule('unwindowed-join', {
    valid: [
      'DeviceProcessEvents | where Timestamp > ago(1d) | join (DeviceProcessEvents | where Timestamp > ago(1d)) on DeviceId | take 1',
      'let recent = DeviceProcessEvents | where Timestamp > ago(1h);\nrecent | join (recent | take 5) on DeviceId',
    ],
    invalid: [
      {
        code: 'DeviceProcessEvents | where Timestamp > ago(1d) | ⟦join⟧ (DeviceProcessEvents | where FileName == "x") on DeviceId | take 1',
        messageId: 'unwindowed',
        messageIncludes: 'This join reads DeviceProcessEvents with no time filter, so that side is materialised in full; filter it on Timestamp before joining.',
      },
      // The left side is unfiltered: the time filter is on the right only.
      { code: 'DeviceProcessEvents | ⟦join⟧ (DeviceProcessEvents | where Timestamp > ago(1d)) on DeviceId | take 1', messageId: 'unwindowed' },
    ],
  });
});
