import { test } from 'node:test';
import { checkRule } from './ruleTester';

const q = (tail: string) => `DeviceProcessEvents\n| where Timestamp > ago(1d)\n| extend Args = split(ProcessCommandLine, " ")\n${tail}\n| take 10`;

test('unbounded-mv-expand', () => {
  checkRule('unbounded-mv-expand', {
    valid: [q('| mv-expand limit 20 Args'), q('| mv-expand Pair = pack_array(FileName, FolderPath)'), q('| mv-expand Kind = dynamic(["a", "b"])')],
    invalid: [
      { code: q('| ⟦mv-expand⟧ Args'), messageId: 'unbounded', messageIncludes: "'mv-expand' without 'limit N' makes one row per array element" },
      { code: q('| ⟦mv-expand⟧ Args to typeof(string)'), messageId: 'unbounded' },
    ],
  });
});
