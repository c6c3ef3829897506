import { test } from 'node:test';
import { checkRule } from './ruleTester';

const q = (where: string) => `DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where ${where}\n| project FileName`;

test('prefer-has', () => {
  checkRule('prefer-has', {
    valid: [
      // A needle that ends inside a term: contains also matches "-encodedcommand", has would not.
      q('ProcessCommandLine contains " -enc"'),
      q('ProcessCommandLine contains "powershell"'),
      // No term of three characters: the index cannot serve has either.
      q('FolderPath contains "\\\\"'),
      q('ProcessCommandLine has " /add "'),
    ],
    invalid: [
      {
        code: q('ProcessCommandLine ⟦contains⟧ " /add "'),
        messageId: 'sameMatches',
        messageIncludes: "'contains' scans every value; ' /add ' begins and ends outside a term, so 'has' matches exactly the same values",
        output: q('ProcessCommandLine has " /add "'),
      },
      { code: q('FolderPath ⟦!contains_cs⟧ @"\\Temp\\"'), messageId: 'sameMatches', messageIncludes: "'!has_cs'", output: q('FolderPath !has_cs @"\\Temp\\"') },
      { code: q('FolderPath ⟦contains_cs⟧ "/tmp/" or FolderPath ⟦!contains⟧ "\\\\Users\\\\"'), messageId: 'sameMatches', output: q('FolderPath has_cs "/tmp/" or FolderPath !contains "\\\\Users\\\\"') },
    ],
  });
});
