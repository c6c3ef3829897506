// The tool's folder scoped by a column that only some tables have, measured end to end: on a
// device group (`MachineGroup`, which a Sentinel workspace's DeviceProcessEvents carries and
// Defender's does not) and with its signer (`Signer`: no Defender or Sentinel table has it next to
// `FolderPath`, so this runs on a custom table that has both). Where the column is missing, the
// proposals say so.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { environmentFor, withTables } from '../../../server/src/kusto/environment';
import type { Environment } from '../../../server/src/kusto/globals';
import { fileSpecHost } from '../../../server/src/testing/fileHost';
import { loadSpec } from '../../../server/src/testing/load';
import { clauseOf, rankedProposals, runOnEvents, scopeOf, TestBench, type ImpactSources, type Proposal, type TuningEvent } from '../../../server/src/tuning/index';

const SEED = readFileSync('examples/rmm/remote-desktop-software.kql', 'utf8');
const SPEC_FILE = 'examples/rmm/remote-desktop-software.test.yaml';
const SPEC = loadSpec(readFileSync(SPEC_FILE, 'utf8'), SPEC_FILE).spec!;
const FOLDER = 'C:\\Program Files\\TeamViewer\\';
const [line] = readFileSync('examples/rmm/events/benign-fp.jsonl', 'utf8').split('\n');
/** The helpdesk's approved TeamViewer (the example's first false positive). */
const HELPDESK: TuningEvent = { table: 'DeviceProcessEvents', fields: Object.fromEntries(Object.entries(JSON.parse(line) as Record<string, unknown>).map(([k, v]) => [k, String(v)])) };

function withFields(event: TuningEvent, fields: Record<string, string>): TuningEvent {
  return { table: event.table, fields: { ...event.fields, ...fields } };
}

function seedProposals(environment: Environment, falsePositive: TuningEvent): Proposal[] {
  const sources: ImpactSources = { environment, tests: new TestBench(SPEC, fileSpecHost, environment) };
  return rankedProposals(SEED, falsePositive, sources);
}

function byKind(proposals: readonly Proposal[], kind: string): Proposal {
  const found = proposals.find((p) => p.exclusion.kind === kind);
  assert.ok(found, `no ${kind} among ${proposals.map((p) => p.exclusion.kind).join(', ')}`);
  return found;
}

/** Which of `events` the text still alerts on, by index. */
function alerting(text: string, events: TuningEvent[], environment: Environment): number[] {
  const run = runOnEvents(text, events[0].table, events, { environment, now: SPEC.now });
  assert.equal(run.failed, false, run.problems.join('; '));
  return [...run.alerting].sort();
}

test('a Sentinel workspace (schema both): the folder on the device group, between the device and the fleet', () => {
  const environment = environmentFor('both');
  const fp = withFields(HELPDESK, { MachineGroup: 'Helpdesk' });
  const proposals = seedProposals(environment, fp);
  const [device, group, fleet] = [byKind(proposals, 'device-path'), byKind(proposals, 'group-path'), byKind(proposals, 'tool-path')];

  assert.equal(scopeOf(group.exclusion), 'device group Helpdesk');
  assert.equal(clauseOf(group.exclusion), `MachineGroup =~ "Helpdesk" and FolderPath startswith @"${FOLDER}"`);
  assert.deepEqual([group.force, group.impact.truePositivesLost, group.notes], [false, [], []]);
  // The narrowest scope stays preferred; the group ranks between it and the fleet, by what it silences.
  assert.equal(proposals[0], device);
  assert.ok(device.preferred && device.impact.variants.silenced.length === 0);
  assert.ok(proposals.indexOf(device) < proposals.indexOf(group) && proposals.indexOf(group) < proposals.indexOf(fleet));

  // Its blast radius: the tool in that folder on any device of the group, an attacker's too, and nothing else.
  const silenced = group.impact.variants.silenced;
  assert.ok(silenced.some((v) => v.name === `catalog TeamViewer: teamviewer.exe in ${FOLDER}`), silenced.map((v) => v.name).join('\n'));
  for (const { name, event } of silenced) {
    assert.equal(event.fields.MachineGroup, 'Helpdesk', name);
    assert.ok(event.fields.FolderPath.toLowerCase().startsWith(FOLDER.toLowerCase()), name);
  }
  // The fleet-wide folder silences all of those and more.
  const fleetSilenced = new Set(fleet.impact.variants.silenced.map((v) => v.name));
  assert.ok(silenced.every((v) => fleetSilenced.has(v.name)) && fleetSilenced.size > silenced.length);

  const events = [
    fp,
    withFields(fp, { DeviceName: 'helpdesk-05.contoso.local' }),
    withFields(fp, { MachineGroup: 'Finance' }),
    withFields(fp, { FolderPath: `C:\\Users\\Public\\Program Files\\TeamViewer\\TeamViewer.exe` }),
  ];
  assert.deepEqual(alerting(SEED, events, environment), [0, 1, 2, 3]);
  // Applied: the group's devices are quiet in that folder; another group, or the folder's name nested elsewhere, still alert.
  assert.deepEqual(alerting(group.after, events, environment), [2, 3]);
});

test("Defender's DeviceProcessEvents has no device-group column: the folder's proposals say so, none invents one", () => {
  const proposals = seedProposals(environmentFor('defender'), withFields(HELPDESK, { MachineGroup: 'Helpdesk' }));
  assert.ok(!proposals.some((p) => p.exclusion.kind === 'group-path'));
  for (const proposal of proposals) {
    const folder = ['device-path', 'path-signer', 'tool-path'].includes(proposal.exclusion.kind);
    assert.deepEqual(proposal.notes, folder ? ['no device-group scope: DeviceProcessEvents has no MachineGroup column here (Defender keeps device groups in DeviceInfo)'] : [], proposal.title);
  }
});

test('a workspace table with the column but an event without a group: no group scope, and the note says why', () => {
  const proposals = seedProposals(environmentFor('both'), HELPDESK);
  assert.ok(!proposals.some((p) => p.exclusion.kind === 'group-path'));
  assert.deepEqual(byKind(proposals, 'device-path').notes, ['no device-group scope: the event has no MachineGroup']);
});

test('a table with FolderPath and Signer: the folder with its signer silences only that signer in that folder', () => {
  // A custom inventory table; no Defender or Sentinel table carries the signer beside the path.
  const environment = withTables(environmentFor('defender'), [
    { name: 'RmmLaunches_CL', columns: ['TimeGenerated:datetime', 'DeviceName', 'AccountName', 'FileName', 'FolderPath', 'Signer'].map((c) => ({ name: c.split(':')[0], type: c.split(':')[1] ?? 'string' })) },
  ]);
  const detection = 'RmmLaunches_CL\n| where FileName in~ ("teamviewer.exe", "anydesk.exe")\n| project TimeGenerated, DeviceName, FileName, FolderPath, Signer';
  const fp: TuningEvent = {
    table: 'RmmLaunches_CL',
    fields: { TimeGenerated: '2026-11-20T08:30:12Z', DeviceName: 'helpdesk-02', AccountName: 'it.tech1', FileName: 'TeamViewer.exe', FolderPath: `${FOLDER}TeamViewer.exe`, Signer: 'TeamViewer Germany GmbH' },
  };
  const proposals = rankedProposals(detection, fp, { environment });
  const signed = byKind(proposals, 'path-signer');
  assert.equal(clauseOf(signed.exclusion), `FolderPath startswith @"${FOLDER}" and Signer =~ "TeamViewer Germany GmbH"`);
  assert.equal(scopeOf(signed.exclusion), 'signer TeamViewer Germany GmbH');
  // No spec: nothing is preferred, and what it silences is still measured and named.
  assert.ok(proposals.every((p) => !p.preferred));
  const silenced = signed.impact.variants.silenced;
  assert.ok(silenced.some((v) => v.name === `catalog TeamViewer: teamviewer.exe in ${FOLDER}`), silenced.map((v) => v.name).join('\n'));
  for (const { name, event } of silenced) {
    assert.equal(event.fields.Signer.toLowerCase(), 'teamviewer germany gmbh', name);
    assert.ok(event.fields.FolderPath.toLowerCase().startsWith(FOLDER.toLowerCase()), name);
  }

  const events = [
    fp,
    withFields(fp, { DeviceName: 'ws-fin-07' }),
    withFields(fp, { Signer: 'Unknown Publisher' }),
    withFields(fp, { FolderPath: 'C:\\Users\\Public\\Program Files\\TeamViewer\\TeamViewer.exe' }),
    withFields(fp, { FileName: 'AnyDesk.exe', FolderPath: `${FOLDER}AnyDesk.exe`, Signer: 'AnyDesk Software GmbH' }),
  ];
  assert.deepEqual(alerting(detection, events, environment), [0, 1, 2, 3, 4]);
  // Applied: that signer in that folder is quiet on every device; another signer there, or the folder nested elsewhere, still alert.
  assert.deepEqual(alerting(signed.after, events, environment), [2, 3, 4]);
});
