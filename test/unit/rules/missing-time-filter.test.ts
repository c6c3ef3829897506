import { test } from 'node:test';
import { checkRule } from './ruleTester';

test('missing-time-filter', () => {
  checkRule('missing-time-filter', {
    valid: [
      'DeviceProcessEvents | where Timestamp > ago(1d) | take 1',
      'DeviceProcessEvents | where Timestamp between (datetime(2026-01-01) .. datetime(2026-01-02)) | take 1',
      // The filter after the union acts on both tables' rows; the let's rows are filtered where it is used.
      'union DeviceProcessEvents, (DeviceProcessEvents | where FileName == "x") | where Timestamp > ago(1h) | take 1',
      'let procs = DeviceProcessEvents | where FileName =~ "anydesk.exe";\nprocs | where Timestamp > ago(7d) | take 1',
      // An open table (an ASIM parser) has no known time column.
      'imProcessCreate | take 1',
    ],
    invalid: [
      { code: '⟦DeviceProcessEvents⟧ | where FileName =~ "anydesk.exe"', messageId: 'noTimeFilter', messageIncludes: "DeviceProcessEvents is read with no time filter, so the query scans its whole retention; add e.g. '| where Timestamp > ago(1d)'" },
      // The filter after the join acts on the left side only.
      { code: 'DeviceProcessEvents | join (⟦DeviceProcessEvents⟧ | take 10) on DeviceId | where Timestamp > ago(1d)', messageId: 'noTimeFilter' },
      { code: 'DeviceProcessEvents | where Timestamp > ago(1d) | where FileName in ((⟦DeviceProcessEvents⟧ | distinct FileName)) | take 1', messageId: 'noTimeFilter' },
    ],
  });
});
