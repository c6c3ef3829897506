import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEVICE_PROCESS_EVENTS_SCHEMA, eventStream, generateEvents, generateEventTable, GENERATED_DAY_START } from '../../../bench/generate-events';
import { parseDateTime, TICKS_PER_DAY } from '../../../server/src/engine/values';

const RMM_FILES = /^(anydesk|teamviewer|teamviewer_service|screenconnect\..*|rustdesk|srservice|splashtop_streamer|tvnserver|winvnc|logmein|aa_v3|supremo|client32|remoting_host)\.exe$/i;

describe('synthetic DeviceProcessEvents', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(generateEvents(200, 7), generateEvents(200, 7));
    assert.notDeepEqual(generateEvents(200, 7), generateEvents(200, 8));
  });

  it('fills every Defender column with a value of its type, within one day', () => {
    const start = parseDateTime(GENERATED_DAY_START)!;
    for (const event of generateEvents(500, 1)) {
      assert.deepEqual(Object.keys(event), DEVICE_PROCESS_EVENTS_SCHEMA.map((c) => c.name));
      const ticks = parseDateTime(event.Timestamp as string)!;
      assert.ok(ticks >= start && ticks < start + TICKS_PER_DAY);
      assert.equal(typeof event.FileSize, 'number');
      assert.equal(typeof event.IsProcessRemoteSession, 'boolean');
      assert.ok((event.FolderPath as string).endsWith('\\' + (event.FileName as string)));
    }
  });

  it('spreads events over a chosen window, and the default window gives the default events', () => {
    const start = parseDateTime('2026-11-25T12:00:00Z')!;
    const times = [...eventStream(2000, 1, { start: '2026-11-25T12:00:00Z', days: 2 })].map((e) => parseDateTime(e.Timestamp as string)!);
    assert.ok(times.every((t) => t >= start && t < start + 2n * TICKS_PER_DAY));
    assert.ok(times.some((t) => t >= start + TICKS_PER_DAY) && times.some((t) => t < start + TICKS_PER_DAY));
    assert.deepEqual([...eventStream(50, 4, { start: GENERATED_DAY_START, days: 1 })], generateEvents(50, 4));
  });

  it('has about 0.5% remote-access tools among ordinary processes', () => {
    const events = generateEvents(40_000, 3);
    const rmm = events.filter((e) => RMM_FILES.test(e.FileName as string)).length / events.length;
    assert.ok(rmm > 0.003 && rmm < 0.007, `RMM share ${rmm}`);
    assert.ok(new Set(events.map((e) => e.DeviceName)).size > 100);
  });

  it('builds the same events as a typed columnar table', () => {
    const table = generateEventTable(50, 2, ['Timestamp', 'FileName']);
    const events = generateEvents(50, 2);
    assert.equal(table.rowCount, 50);
    assert.deepEqual(Array.from(table.column('FileName')!), events.map((e) => e.FileName));
    assert.equal(table.column('Timestamp')![3], parseDateTime(events[3].Timestamp as string));
  });
});
