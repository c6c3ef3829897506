import { test } from 'node:test';
import { checkRule } from './ruleTester';

const left = 'DeviceProcessEvents\n| where Timestamp > ago(1d)';
const right = '(DeviceProcessEvents | where Timestamp > ago(1d) | project DeviceId, ParentName = FileName)';

test('filter-after-join', () => {
  checkRule('filter-after-join', {
    valid: [
      // The filter tests a right-side column.
      `${left}\n| join kind=inner ${right} on DeviceId\n| where ParentName == "cmd.exe"`,
      // innerunique keeps one left row per key first: only a test of the key commutes.
      `${left}\n| join ${right} on DeviceId\n| where FileName == "cmd.exe"`,
      `${left}\n| join kind=rightouter ${right} on DeviceId\n| where FileName == "cmd.exe"`,
    ],
    invalid: [
      {
        code: `${left}\n| join kind=inner ${right} on DeviceId\n| ⟦where⟧ FileName == "cmd.exe"\n| take 1`,
        messageId: 'filterAfterJoin',
        messageIncludes: "This where tests only columns of the join's left side (FileName); run it before the join",
        output: `${left}\n| where FileName == "cmd.exe"\n| join kind=inner ${right} on DeviceId\n| take 1`,
      },
      {
        code: `${left}\n| join ${right} on DeviceId\n| where ParentName != ""\n// only one device\n| ⟦where⟧ DeviceId == "d1"`,
        messageId: 'filterAfterJoin',
        output: `${left}\n// only one device\n| where DeviceId == "d1"\n| join ${right} on DeviceId\n| where ParentName != ""`,
      },
    ],
  });
});
