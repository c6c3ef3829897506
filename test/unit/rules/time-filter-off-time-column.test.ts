import { test } from 'node:test';
import { checkRule } from './ruleTester';

test('time-filter-off-time-column', () => {
  checkRule('time-filter-off-time-column', {
    valid: [
      'DeviceProcessEvents | where Timestamp > ago(1d) and ProcessCreationTime > ago(1h) | take 1',
      // A computed datetime is not a column the table is stored by.
      'DeviceProcessEvents | summarize Last = max(Timestamp) by DeviceId | where Last > ago(1d)',
    ],
    invalid: [
      {
        code: 'DeviceProcessEvents | where ⟦ProcessCreationTime⟧ > ago(1d) | take 1',
        messageId: 'offTimeColumn',
        messageIncludes: "ProcessCreationTime is not DeviceProcessEvents's time column (Timestamp), so this filter does not limit the scan",
        output: 'DeviceProcessEvents | where Timestamp > ago(1d) | take 1',
      },
    ],
  });
});
