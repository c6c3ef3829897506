import { test } from 'node:test';
import { checkRule } from './ruleTester';

test('wildcard-union', () => {
  checkRule('wildcard-union', {
    valid: ['union DeviceProcessEvents, DeviceProcessEvents | take 1'],
    invalid: [
      { code: 'union ⟦*⟧ | where Timestamp > ago(1h) | take 1', messageId: 'wildcard', messageIncludes: "'union' over '*' reads every table whose name matches" },
      { code: 'union ⟦Device*⟧, DeviceProcessEvents | take 1', messageId: 'wildcard', messageIncludes: "'Device*'" },
      { code: 'find in (⟦Device*⟧) where FileName == "x"', messageId: 'wildcard', messageIncludes: "'find' over 'Device*'" },
    ],
  });
});
