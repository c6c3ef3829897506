// Which exclusions fit an event, and in what order; and how the install folder is found.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proposeExclusions, standardInstallFolder, type TuningEvent } from '../../../server/src/tuning/index';
import { environment } from './helpers';

const COLUMNS = new Set(environment.tables.find((t) => t.name === 'DeviceProcessEvents')!.columns.map((c) => c.name));

function kinds(fields: Record<string, string>): string[] {
  const event: TuningEvent = { table: 'DeviceProcessEvents', fields };
  return proposeExclusions(event, COLUMNS).map((e) => `${e.kind}=${e.value}${e.qualifier === undefined ? '' : ` @ ${e.qualifier}`}`);
}

test('an approved tool in Program Files: its folder on this device first, then on every device, then device and account', () => {
  assert.deepEqual(
    kinds({ FileName: 'TeamViewer.exe', FolderPath: 'C:\\Program Files\\TeamViewer\\TeamViewer.exe', DeviceName: 'helpdesk-02', AccountName: 'it.tech1', InitiatingProcessFileName: 'explorer.exe' }),
    ['device-path=C:\\Program Files\\TeamViewer\\ @ helpdesk-02', 'tool-path=C:\\Program Files\\TeamViewer\\', 'device=helpdesk-02', 'account=it.tech1'],
  );
});

test('a parent that is a specific program, with the command line it ran: parent and command line together', () => {
  assert.deepEqual(
    kinds({
      FileName: 'AnyDesk.exe',
      FolderPath: 'C:\\Windows\\ccmcache\\1f\\AnyDesk.exe',
      ProcessCommandLine: 'AnyDesk.exe --install --silent',
      InitiatingProcessFileName: 'CcmExec.exe',
      InitiatingProcessFolderPath: 'c:\\windows\\ccm\\ccmexec.exe',
    }),
    ['parent-command=c:\\windows\\ccm\\ccmexec.exe @ AnyDesk.exe --install --silent', 'deployment=AnyDesk.exe'],
  );
});

test('a generic launcher never scopes an exclusion, command line or not', () => {
  assert.deepEqual(kinds({ FileName: 'x.exe', ProcessCommandLine: 'x.exe /s', InitiatingProcessFileName: 'cmd.exe', InitiatingProcessFolderPath: 'c:\\windows\\system32\\cmd.exe' }), []);
});

test('with a Signer column, the folder and its signer together', () => {
  const event: TuningEvent = { table: 'T', fields: { FileName: 'TeamViewer.exe', FolderPath: 'C:\\Program Files\\TeamViewer\\TeamViewer.exe', Signer: 'TeamViewer Germany GmbH' } };
  assert.deepEqual(
    proposeExclusions(event, new Set(['FileName', 'FolderPath', 'Signer'])).map((e) => `${e.kind}=${e.value}${e.qualifier ? ` @ ${e.qualifier}` : ''}`),
    ['path-signer=C:\\Program Files\\TeamViewer\\ @ TeamViewer Germany GmbH', 'tool-path=C:\\Program Files\\TeamViewer\\', 'signer=TeamViewer Germany GmbH'],
  );
});

test('an MSP agent: its folder, its service parent by path, its company', () => {
  assert.deepEqual(
    kinds({
      FileName: 'SRServer.exe',
      FolderPath: 'C:\\Program Files (x86)\\Splashtop\\Splashtop Remote\\Server\\SRServer.exe',
      InitiatingProcessFileName: 'SRService.exe',
      InitiatingProcessFolderPath: 'c:\\program files (x86)\\splashtop\\splashtop remote\\server\\srservice.exe',
      ProcessVersionInfoCompanyName: 'Splashtop Inc.',
      AccountName: 'system',
    }),
    ['tool-path=C:\\Program Files (x86)\\Splashtop\\Splashtop Remote\\Server\\', 'parent=c:\\program files (x86)\\splashtop\\splashtop remote\\server\\srservice.exe', 'company=Splashtop Inc.'],
  );
});

test('a deployment system installing an agent: deployment, never the deployment agent as a parent', () => {
  assert.deepEqual(kinds({ FileName: 'AnyDesk.exe', FolderPath: 'C:\\Windows\\ccmcache\\1f\\AnyDesk.exe', InitiatingProcessFileName: 'CcmExec.exe', DeviceName: 'ws-ops-21' }), [
    'deployment=AnyDesk.exe',
    'device=ws-ops-21',
  ]);
  assert.deepEqual(kinds({ FileName: 'AnyDesk.exe', InitiatingProcessFileName: 'PDQDeployRunner-3.exe' }), ['deployment=AnyDesk.exe']);
});

test('generic launchers and service accounts are never offered', () => {
  assert.deepEqual(kinds({ FileName: 'rustdesk.exe', InitiatingProcessFileName: 'powershell.exe', InitiatingProcessFolderPath: 'c:\\windows\\powershell.exe', AccountName: 'SYSTEM' }), []);
});

test('a parent without a folder is offered by name; columns the table lacks are ignored', () => {
  assert.deepEqual(kinds({ InitiatingProcessFileName: 'agent.exe', Signer: 'Acme' }), ['parent-name=agent.exe']);
});

test('the comment says what and where', () => {
  const [first] = proposeExclusions({ table: 'DeviceProcessEvents', fields: { FileName: 'a.exe', DeviceName: 'ws-1' } }, COLUMNS);
  assert.equal(first.comment, 'a.exe on ws-1');
});

test('install folders: below Program Files, without the file name or version folders', () => {
  assert.equal(standardInstallFolder('C:\\Program Files\\TeamViewer\\TeamViewer.exe', 'TeamViewer.exe'), 'C:\\Program Files\\TeamViewer\\');
  assert.equal(standardInstallFolder('C:\\Program Files (x86)\\Google\\Chrome Remote Desktop\\130.0.6723.4\\remoting_host.exe', 'remoting_host.exe'), 'C:\\Program Files (x86)\\Google\\Chrome Remote Desktop\\');
  assert.equal(standardInstallFolder('c:\\program files\\vendor\\tool', 'x.exe'), 'c:\\program files\\vendor\\tool\\');
  assert.equal(standardInstallFolder('C:\\Program Files\\x.exe', 'x.exe'), undefined);
  assert.equal(standardInstallFolder('C:\\Users\\jdoe\\Downloads\\AnyDesk.exe', 'AnyDesk.exe'), undefined);
  assert.equal(standardInstallFolder('', ''), undefined);
});
