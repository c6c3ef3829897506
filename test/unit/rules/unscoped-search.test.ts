import { test } from 'node:test';
import { checkRule } from './ruleTester';

test('unscoped-search', () => {
  checkRule('unscoped-search', {
    valid: ['search in (DeviceProcessEvents) "anydesk"', 'DeviceProcessEvents | where Timestamp > ago(1h) | search "anydesk"'],
    invalid: [{ code: '⟦search⟧ "anydesk"', messageId: 'unscoped', messageIncludes: "'search' without 'in (Table, …)' reads every table" }],
  });
});
