import { test } from 'node:test';
import { checkRule } from './ruleTester';

const q = (where: string) => `DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where ${where}\n| project FileName`;

test('short-term-needle', () => {
  checkRule('short-term-needle', {
    valid: [q('ProcessCommandLine has "enc"'), q('ProcessCommandLine contains "-e"'), q('ProcessCommandLine has " /c "')],
    invalid: [
      {
        code: q('ProcessCommandLine has ⟦"e"⟧'),
        messageId: 'shortNeedle',
        messageIncludes: "'e' is shorter than 3 characters, and the term index holds only longer terms, so this scans every value",
      },
      { code: q('ProcessCommandLine has_any (⟦"ps"⟧, "powershell", ⟦"nc"⟧)'), messageId: 'shortNeedle' },
    ],
  });
});
