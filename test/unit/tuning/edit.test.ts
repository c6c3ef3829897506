// Before/after goldens for the edits that write an exclusion: a fresh allowlist, a second entry
// of the same kind, a second kind, a query without lets, several pipelines, one-line queries,
// CRLF text, and what is refused.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exclusionEdit, type Exclusion } from '../../../server/src/tuning/index';
import { environment, exclusion, lines } from './helpers';

const MARKER = '// Tuning allowlist (KQL Detect): events matching an entry are dropped by the where not(...) below.';

/** `$0` in `before` marks the cursor: the block it is in is tuned (default: the last one). */
function check(beforeWithCursor: string, add: Exclusion, after: string): void {
  const cursor = beforeWithCursor.indexOf('$0');
  const before = beforeWithCursor.replace('$0', '');
  const result = exclusionEdit(before, add, environment, cursor < 0 ? undefined : cursor);
  assert.ok('text' in result, JSON.stringify(result));
  assert.equal(result.text, after);
  // The single edit reproduces the text.
  const { start, end, newText } = result.edit;
  assert.equal(before.slice(0, start) + newText + before.slice(end), after);
}

const NO_LETS = lines('DeviceProcessEvents', '| where FileName =~ "AnyDesk.exe"', '| project DeviceName, FileName');

const ONE_DEVICE = lines(
  MARKER,
  'let ApprovedDevices = dynamic([',
  '    "helpdesk-02"  // INC-42 helpdesk',
  ']);',
  'DeviceProcessEvents',
  '| where FileName =~ "AnyDesk.exe"',
  '| where not(DeviceName in~ (ApprovedDevices))',
  '| project DeviceName, FileName',
);

test('a query without lets gets a fresh allowlist on top and the clause after its filters', () => {
  check(NO_LETS, exclusion('device', 'helpdesk-02', 'INC-42 helpdesk'), ONE_DEVICE);
});

test('a second exclusion of the same kind appends an entry to the existing list', () => {
  check(
    ONE_DEVICE,
    exclusion('device', 'helpdesk-03'),
    lines(
      MARKER,
      'let ApprovedDevices = dynamic([',
      '    "helpdesk-02",  // INC-42 helpdesk',
      '    "helpdesk-03"',
      ']);',
      'DeviceProcessEvents',
      '| where FileName =~ "AnyDesk.exe"',
      '| where not(DeviceName in~ (ApprovedDevices))',
      '| project DeviceName, FileName',
    ),
  );
});

test('a path entry goes into the clause itself, as a startswith with its comment, before the lists', () => {
  check(
    ONE_DEVICE,
    exclusion('tool-path', 'C:\\Program Files\\TeamViewer\\', 'TeamViewer, approved for the helpdesk'),
    lines(
      MARKER,
      'let ApprovedDevices = dynamic([',
      '    "helpdesk-02"  // INC-42 helpdesk',
      ']);',
      'DeviceProcessEvents',
      '| where FileName =~ "AnyDesk.exe"',
      '| where not(FolderPath startswith @"C:\\Program Files\\TeamViewer\\"  // TeamViewer, approved for the helpdesk',
      '    or DeviceName in~ (ApprovedDevices))',
      '| project DeviceName, FileName',
    ),
  );
});

const ON_DEVICE = lines(
  'DeviceProcessEvents',
  '| where FileName =~ "AnyDesk.exe"',
  '| where not(DeviceName =~ "helpdesk-02" and FolderPath startswith @"C:\\Program Files\\AnyDesk\\"  // INC-42',
  '    )',
  '| project DeviceName, FileName',
);

test('a scoped entry: the folder on this device, its comment on its line, the parenthesis after it', () => {
  check(NO_LETS, { ...exclusion('device-path', 'C:\\Program Files\\AnyDesk\\', 'INC-42'), qualifier: 'helpdesk-02' }, ON_DEVICE);
});

test('entries written into the clause are read back: a second one joins them in kind order, the same one changes nothing', () => {
  check(
    ON_DEVICE,
    { ...exclusion('parent-command', 'c:\\windows\\ccm\\ccmexec.exe', 'SCCM package 1f'), qualifier: '"C:\\Windows\\ccmcache\\1f\\AnyDesk.exe" --install' },
    lines(
      'DeviceProcessEvents',
      '| where FileName =~ "AnyDesk.exe"',
      '| where not((DeviceName =~ "helpdesk-02" and FolderPath startswith @"C:\\Program Files\\AnyDesk\\")  // INC-42',
      '    or (InitiatingProcessFolderPath =~ @"c:\\windows\\ccm\\ccmexec.exe" and ProcessCommandLine == @"""C:\\Windows\\ccmcache\\1f\\AnyDesk.exe"" --install")  // SCCM package 1f',
      '    )',
      '| project DeviceName, FileName',
    ),
  );
  assert.deepEqual(exclusionEdit(ON_DEVICE, { ...exclusion('device-path', 'c:\\program files\\anydesk\\'), qualifier: 'HELPDESK-02' }, environment), { unchanged: true });
  // The same folder on another device is another entry.
  assert.ok('text' in exclusionEdit(ON_DEVICE, { ...exclusion('device-path', 'C:\\Program Files\\AnyDesk\\'), qualifier: 'helpdesk-03' }, environment));
});

test('a one-line pipeline gets one-line entries: a // comment would swallow the rest of the query', () => {
  check(
    'DeviceProcessEvents | where FileName =~ "AnyDesk.exe" | project DeviceName',
    exclusion('tool-path', 'C:\\Program Files\\AnyDesk\\', 'not kept'),
    'DeviceProcessEvents | where FileName =~ "AnyDesk.exe" | where not(FolderPath startswith @"C:\\Program Files\\AnyDesk\\") | project DeviceName',
  );
});

test("a user's own where not(...) is never taken for the allowlist's clause", () => {
  check(
    lines('DeviceProcessEvents', '| where not(FileName startswith "x")', '| project DeviceName'),
    exclusion('tool-path', 'C:\\Program Files\\AnyDesk\\', 'approved'),
    lines('DeviceProcessEvents', '| where not(FileName startswith "x")', '| where not(FolderPath startswith @"C:\\Program Files\\AnyDesk\\"  // approved', '    )', '| project DeviceName'),
  );
});

test('applying the same exclusion twice changes nothing (entries compare case-insensitively)', () => {
  assert.deepEqual(exclusionEdit(ONE_DEVICE, exclusion('device', 'HELPDESK-02'), environment), { unchanged: true });
});

test('a fresh allowlist goes below the header comment and above the existing lets, indented like the query', () => {
  check(
    lines('// Seed: RMM tools', 'let Tools = dynamic([', '  "anydesk.exe"', ']);', 'DeviceProcessEvents', '| where FileName in~ (Tools)'),
    exclusion('account', 'it.tech1', 'helpdesk technician'),
    lines(
      '// Seed: RMM tools',
      MARKER,
      'let ApprovedAccounts = dynamic([',
      '  "it.tech1"  // helpdesk technician',
      ']);',
      'let Tools = dynamic([',
      '  "anydesk.exe"',
      ']);',
      'DeviceProcessEvents',
      '| where FileName in~ (Tools)',
      '| where not(AccountName in~ (ApprovedAccounts))',
    ),
  );
});

test('with several pipelines the clause goes into the one that reads the table, before its extend', () => {
  check(
    lines(
      'let Procs = DeviceProcessEvents',
      '    | where Timestamp > ago(1d)',
      '    | extend Lower = tolower(FileName);',
      'let Logons = DeviceLogonEvents',
      '    | where ActionType == "LogonSuccess";',
      'Procs',
      '| join kind=inner (Logons) on DeviceId',
      '| project DeviceName, FileName',
    ),
    exclusion('deployment', 'AnyDesk.exe', 'SCCM package 1f'),
    lines(
      MARKER,
      'let DeployedAgents = dynamic([',
      '    "AnyDesk.exe"  // SCCM package 1f',
      ']);',
      'let Procs = DeviceProcessEvents',
      '    | where Timestamp > ago(1d)',
      '    | where not((InitiatingProcessFileName =~ "ccmexec.exe" or InitiatingProcessFileName startswith "PDQDeployRunner") and FileName in~ (DeployedAgents))',
      '    | extend Lower = tolower(FileName);',
      'let Logons = DeviceLogonEvents',
      '    | where ActionType == "LogonSuccess";',
      'Procs',
      '| join kind=inner (Logons) on DeviceId',
      '| project DeviceName, FileName',
    ),
  );
});

test('a one-line pipeline stays on one line', () => {
  check(
    'DeviceProcessEvents | where FileName =~ "x.exe" | summarize count() by DeviceName',
    exclusion('parent-name', 'agent.exe'),
    lines(
      MARKER,
      'let ApprovedParentNames = dynamic([',
      '    "agent.exe"',
      ']);',
      'DeviceProcessEvents | where FileName =~ "x.exe" | where not(InitiatingProcessFileName in~ (ApprovedParentNames)) | summarize count() by DeviceName',
    ),
  );
});

test('CRLF text gets CRLF lines, and a trailing comment stays on its operator', () => {
  check(
    ['DeviceProcessEvents', '| where FileName in~ ("a.exe") // the list', '| project FileName'].join('\r\n'),
    exclusion('parent', 'c:\\tools\\agent.exe'),
    [MARKER, 'let ApprovedParents = dynamic([', '    @"c:\\tools\\agent.exe"', ']);', 'DeviceProcessEvents', '| where FileName in~ ("a.exe") // the list', '| where not(InitiatingProcessFolderPath in~ (ApprovedParents))', '| project FileName'].join('\r\n'),
  );
});

test('only the query block being tuned changes', () => {
  check(
    lines('DeviceProcessEvents | take 1', '', 'DeviceProcessEvents', '| where FileName == "a"'),
    exclusion('device', 'x'),
    lines('DeviceProcessEvents | take 1', '', MARKER, 'let ApprovedDevices = dynamic([', '    "x"', ']);', 'DeviceProcessEvents', '| where FileName == "a"', '| where not(DeviceName in~ (ApprovedDevices))'),
  );
});

test('the block at the cursor is tuned', () => {
  check(
    lines('DeviceProcessEvents', '| where $0FileName == "a"', '', 'DeviceProcessEvents | take 1'),
    exclusion('device', 'x'),
    lines(MARKER, 'let ApprovedDevices = dynamic([', '    "x"', ']);', 'DeviceProcessEvents', '| where FileName == "a"', '| where not(DeviceName in~ (ApprovedDevices))', '', 'DeviceProcessEvents | take 1'),
  );
});

test('values with quotes and comments with line breaks are written safely', () => {
  check(
    'DeviceProcessEvents\n| project DeviceName',
    exclusion('company', 'Acme "Remote" Ltd', 'ticket\nINC-7'),
    lines(MARKER, 'let ApprovedCompanies = dynamic([', '    "Acme \\"Remote\\" Ltd"  // ticket INC-7', ']);', 'DeviceProcessEvents', '| where not(ProcessVersionInfoCompanyName in~ (ApprovedCompanies))', '| project DeviceName'),
  );
});

test('a query that does not read the table, or not the columns, gets no edit', () => {
  assert.deepEqual(exclusionEdit('DeviceLogonEvents | take 1', exclusion('device', 'x'), environment), {
    error: 'no pipeline reads DeviceProcessEvents with the columns DeviceName',
  });
  // DeviceProcessEvents has no Signer column.
  assert.ok('error' in exclusionEdit('DeviceProcessEvents | project FileName', exclusion('signer', 'Acme'), environment));
  assert.ok('error' in exclusionEdit('', exclusion('device', 'x'), environment));
});
