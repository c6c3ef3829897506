import { test } from 'node:test';
import { checkRule } from './ruleTester';

const head = 'DeviceProcessEvents | where Timestamp > ago(1d) | project Timestamp, FileName ';

test('unordered-take', () => {
  checkRule('unordered-take', {
    valid: [head + '| sort by Timestamp desc | take 10', head + '| top 10 by Timestamp'],
    invalid: [
      { code: head + '| ⟦take⟧ 10', messageId: 'unordered', messageIncludes: "'take' with no sort before it returns arbitrary rows" },
      { code: head + '| ⟦limit⟧ 5 | sort by Timestamp', messageId: 'unordered', messageIncludes: "'limit'" },
    ],
  });
});
