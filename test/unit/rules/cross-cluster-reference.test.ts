import { test } from 'node:test';
import { checkRule } from './ruleTester';

test('cross-cluster-reference', () => {
  checkRule('cross-cluster-reference', {
    valid: ['DeviceProcessEvents | where Timestamp > ago(1h) | take 1'],
    invalid: [
      { code: '⟦cluster("help")⟧.⟦database("Samples")⟧.StormEvents | take 1', messageId: 'remote', messageIncludes: 'reads from another' },
      { code: 'DeviceProcessEvents | take 1 | join (⟦database("Other")⟧.T) on DeviceId', messageId: 'remote', messageIncludes: "'database()' reads from another database" },
    ],
  });
});
