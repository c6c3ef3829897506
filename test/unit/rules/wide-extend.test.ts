import { test } from 'node:test';
import { checkRule } from './ruleTester';

const head = 'DeviceProcessEvents | where Timestamp > ago(1d) ';

test('wide-extend', () => {
  checkRule('wide-extend', {
    valid: [head + '| extend A = 1, B = 2, C = 3, D = 4, E = 5 | take 1'],
    invalid: [
      {
        code: head + '| ⟦extend⟧ A = 1, B = 2, C = 3, D = 4, E = 5, F = tolower(FileName) | take 1',
        messageId: 'wide',
        messageIncludes: 'This extend computes 6 columns for every row that reaches it',
      },
    ],
  });
});
