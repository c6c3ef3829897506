import { test } from 'node:test';
import { checkRule } from './ruleTester';

const q = (where: string) => `DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where ${where}\n| project FileName`;

test('case-fold-equality', () => {
  checkRule('case-fold-equality', {
    valid: [q('FileName =~ "anydesk.exe"'), q('tolower(FileName) has "anydesk"')],
    invalid: [
      {
        code: q('⟦tolower(FileName) == "anydesk.exe"⟧'),
        messageId: 'caseFold',
        messageIncludes: "'tolower()' folds every value before comparing and keeps the index from helping; '=~' compares case-insensitively.",
        output: q('FileName =~ "anydesk.exe"'),
      },
      { code: q('⟦"ANYDESK.EXE" != toupper(FileName)⟧'), messageId: 'caseFold', messageIncludes: "'!~'", output: q('FileName !~ "ANYDESK.EXE"') },
      // "AnyDesk.exe" is never equal to a lower-cased value: =~ would match rows this never did, so no fix.
      { code: q('⟦tolower(FileName) == "AnyDesk.exe"⟧'), messageId: 'caseFold' },
    ],
  });
});
