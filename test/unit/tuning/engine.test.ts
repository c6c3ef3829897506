// Engine goldens, one per exclusion kind: the detection runs on the same events before and after
// the edit, and exactly the expected events stop alerting.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryTable, runQuery, type TableProvider } from '../../../server/src/engine/index';
import { exclusionEdit, type Exclusion } from '../../../server/src/tuning/index';
import { environment, exclusion, lines } from './helpers';

const COLUMNS = ['ReportId', 'DeviceName', 'AccountName', 'FileName', 'FolderPath', 'InitiatingProcessFileName', 'InitiatingProcessFolderPath', 'ProcessVersionInfoCompanyName'] as const;

const EVENTS: string[][] = [
  ['1', 'helpdesk-02', 'it.tech1', 'TeamViewer.exe', 'C:\\Program Files\\TeamViewer\\TeamViewer.exe', 'explorer.exe', 'c:\\windows\\explorer.exe', 'TeamViewer Germany GmbH'],
  ['2', 'ws-fin-07', 'jdoe', 'TeamViewer.exe', 'C:\\Program Files (x86)\\TeamViewer\\TeamViewer.exe', 'powershell.exe', 'c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe', 'TeamViewer Germany GmbH'],
  ['3', 'ws-ops-21', 'system', 'AnyDesk.exe', 'C:\\Windows\\ccmcache\\1f\\AnyDesk.exe', 'CcmExec.exe', 'c:\\windows\\ccm\\ccmexec.exe', 'AnyDesk Software GmbH'],
  ['4', 'ws-ops-22', 'system', 'AnyDesk.exe', 'C:\\Windows\\Temp\\AnyDesk.exe', 'PDQDeployRunner-1.exe', 'c:\\windows\\pdqdeployrunner-1.exe', 'AnyDesk Software GmbH'],
  ['5', 'ws-hr-03', 'asmith', 'AnyDesk.exe', 'C:\\Users\\asmith\\Downloads\\AnyDesk.exe', 'CcmExec.exe', 'c:\\windows\\ccm\\ccmexec.exe', 'AnyDesk Software GmbH'],
  ['6', 'srv-app-11', 'system', 'SRServer.exe', 'C:\\Program Files (x86)\\Splashtop\\Splashtop Remote\\Server\\SRServer.exe', 'SRService.exe', 'c:\\program files (x86)\\splashtop\\splashtop remote\\server\\srservice.exe', 'Splashtop Inc.'],
  ['7', 'helpdesk-02', 'it.tech2', 'rustdesk.exe', 'C:\\Users\\it.tech2\\Downloads\\rustdesk.exe', 'cmd.exe', 'c:\\windows\\system32\\cmd.exe', 'Purslane Ltd'],
  ['8', 'ws-fin-08', 'it.tech1', 'SRServer.exe', 'C:\\Tools\\SRServer.exe', 'SRService.exe', 'c:\\tools\\srservice.exe', 'Splashtop Inc.'],
];

const provider: TableProvider = {
  table: (name) =>
    name === 'DeviceProcessEvents'
      ? memoryTable(
          COLUMNS.map((name) => ({ name, type: name === 'ReportId' ? 'long' : 'string' })),
          EVENTS.map(([id, ...rest]) => [Number(id), ...rest]),
        )
      : undefined,
  tableNames: () => ['DeviceProcessEvents'],
};

const DETECTION = lines(
  'let Tools = dynamic(["teamviewer.exe", "anydesk.exe", "srserver.exe", "rustdesk.exe"]);',
  'DeviceProcessEvents',
  '| where FileName in~ (Tools)',
  '| extend Portable = FolderPath !startswith "C:\\\\Program Files"',
  '| project ReportId, DeviceName, FileName, Portable',
  '| sort by ReportId asc',
);

function alerts(text: string): number[] {
  const run = runQuery(text, environment, { provider });
  assert.deepEqual(run.diagnostics, []);
  return run.results[0].rows.map((row) => row[0] as number);
}

/** The report ids that stop alerting once `exclusions` are applied one after the other. */
function silenced(...exclusions: Exclusion[]): number[] {
  let text = DETECTION;
  for (const added of exclusions) {
    const edit = exclusionEdit(text, added, environment);
    assert.ok('text' in edit, JSON.stringify(edit));
    text = edit.text;
  }
  const after = new Set(alerts(text));
  return alerts(DETECTION).filter((id) => !after.has(id));
}

test('every event alerts before tuning', () => {
  assert.deepEqual(alerts(DETECTION), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('tool-path: only that install folder, not the same tool elsewhere', () => {
  assert.deepEqual(silenced(exclusion('tool-path', 'C:\\Program Files\\TeamViewer\\')), [1]);
  assert.deepEqual(silenced(exclusion('tool-path', 'C:\\Program Files (x86)\\Splashtop\\Splashtop Remote\\Server\\')), [6]);
});

test('deployment: the approved agent when SCCM or PDQ Deploy starts it, and only then', () => {
  assert.deepEqual(silenced(exclusion('deployment', 'AnyDesk.exe')), [3, 4, 5]);
  assert.deepEqual(silenced(exclusion('deployment', 'TeamViewer.exe')), []);
});

test('parent: the parent binary at that path, not the same name elsewhere', () => {
  assert.deepEqual(silenced(exclusion('parent', 'c:\\program files (x86)\\splashtop\\splashtop remote\\server\\srservice.exe')), [6]);
});

test('parent-name: the parent binary by name, wherever it is', () => {
  assert.deepEqual(silenced(exclusion('parent-name', 'SRService.exe')), [6, 8]);
});

test('company: every binary of that company', () => {
  assert.deepEqual(silenced(exclusion('company', 'splashtop inc.')), [6, 8]);
});

test('device and account: everything on that machine, or by that user', () => {
  assert.deepEqual(silenced(exclusion('device', 'HELPDESK-02')), [1, 7]);
  assert.deepEqual(silenced(exclusion('account', 'it.tech1')), [1, 8]);
});

test('several kinds in one clause silence the union of what each does', () => {
  assert.deepEqual(silenced(exclusion('tool-path', 'C:\\Program Files\\TeamViewer\\'), exclusion('device', 'ws-fin-08'), exclusion('tool-path', 'C:\\Program Files (x86)\\Splashtop\\')), [1, 6, 8]);
});
