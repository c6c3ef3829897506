import { test } from 'node:test';
import { checkRule } from './ruleTester';

const head = 'DeviceProcessEvents | where Timestamp > ago(1d) | project Timestamp, FileName ';

test('unbounded-sort', () => {
  checkRule('unbounded-sort', {
    valid: [head + '| sort by Timestamp desc | take 10', head + '| top 10 by Timestamp', head + '| order by Timestamp | summarize count() by FileName'],
    invalid: [
      { code: head + '| ⟦sort⟧ by Timestamp desc', messageId: 'unbounded', messageIncludes: "'sort' with no 'take' or 'top' after it sorts the whole result" },
      { code: head + '| take 100 | ⟦order⟧ by Timestamp', messageId: 'unbounded', messageIncludes: "'order'" },
    ],
  });
});
