import { test } from 'node:test';
import { checkRule } from './ruleTester';

const head = 'DeviceProcessEvents\n| where Timestamp > ago(1d)';

test('summarize-before-filter', () => {
  checkRule('summarize-before-filter', {
    valid: [
      // The filter tests an aggregate.
      `${head}\n| summarize Runs = count() by DeviceId\n| where Runs > 10`,
      // Grouped by a binned time only: few groups.
      `${head}\n| summarize Runs = count() by bin(Timestamp, 1h)\n| where Timestamp > ago(1h)`,
    ],
    invalid: [
      {
        code: `${head}\n| summarize Runs = count() by DeviceId, FileName\n| ⟦where⟧ FileName =~ "anydesk.exe"`,
        messageId: 'filterAfterSummarize',
        messageIncludes: 'This where tests only group-by columns (FileName), but runs after summarize has built a group per DeviceId, FileName; run it before the summarize.',
        output: `${head}\n| where FileName =~ "anydesk.exe"\n| summarize Runs = count() by DeviceId, FileName`,
      },
    ],
  });
});
