import { test } from 'node:test';
import { checkRule } from './ruleTester';

const q = (tail: string) => `DeviceProcessEvents\n| where Timestamp > ago(1d)\n${tail}\n| project FileName`;

test('regex-heavy', () => {
  checkRule('regex-heavy', {
    valid: [q('| where FileName has "anydesk"'), q('| parse ProcessCommandLine with * "-u " User " " *')],
    invalid: [
      {
        code: q('| where FileName ⟦matches regex⟧ "anydesk"'),
        messageId: 'plainPattern',
        messageIncludes: "'anydesk' has no regex syntax: 'contains_cs' gives the same rows",
        output: q('| where FileName contains_cs "anydesk"'),
      },
      { code: q('| where FileName ⟦matches regex⟧ @"^any.*\\.exe$"'), messageId: 'regex', messageIncludes: "'matches regex' runs a regex on every row" },
      { code: q('| extend Port = ⟦extract⟧(@":(\\d+)", 1, ProcessCommandLine), Parts = ⟦extract_all⟧(@"(\\w+)", ProcessCommandLine)'), messageId: 'regex' },
      { code: q('| ⟦parse⟧ kind=regex ProcessCommandLine with @"-u " User:string'), messageId: 'regex', messageIncludes: "'parse kind=regex'" },
    ],
  });
});
