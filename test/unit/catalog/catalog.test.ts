import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { bundledCatalog, catalogWith } from '../../../server/src/catalog/catalog';

const catalog = bundledCatalog();

function strong(id: string): string[] {
  return catalog.binariesOf(id);
}

test('pins facts a detection engineer relies on', () => {
  assert.ok(strong('anydesk').includes('anydesk.exe'));
  assert.ok(strong('screenconnect').includes('screenconnect.clientservice.exe'));
  assert.ok(strong('ammyyadmin').includes('ammyy_admin.exe'));
  assert.ok(strong('chrome_remote_desktop').includes('remoting_host.exe'));
  assert.ok(strong('teamviewer').includes('teamviewer_desktop.exe'));
  assert.ok(strong('splashtop').includes('srserver.exe'));
  assert.ok(strong('tightvnc').includes('tvnviewer.exe'));
});

test('names are lowercase basenames without arguments, placeholders or hashes', () => {
  for (const family of catalog.families) {
    for (const name of [...family.binaries, ...family.weakBinaries, ...family.patterns]) {
      assert.equal(name, name.toLowerCase(), name);
      assert.doesNotMatch(name, /[\\/%"<>]|\s--?\w/, name);
      assert.doesNotMatch(name, /^[0-9a-f]{32,}\./, name);
    }
    assert.ok(family.binaries.every((b) => !/[*?]/.test(b)), `${family.id}: wildcards are patterns`);
  }
});

test('generic names are weak: they are no evidence of any one tool', () => {
  assert.ok(!strong('gotoassist').includes('sc.exe'));
  assert.ok(catalog.family('gotoassist')?.weakBinaries.includes('sc.exe'));
  assert.ok(catalog.families.every((f) => !f.binaries.includes('connect.exe') && !f.binaries.includes('rundll32.exe')));
  assert.equal(catalog.family('mstsc')?.category, 'os-builtin');
});

test('names only seen in code signing or hashes are weak, not strong', () => {
  assert.ok(catalog.family('splashtop')?.weakBinaries.includes('3irjc74zj.exe'));
  assert.ok(!strong('splashtop').includes('3irjc74zj.exe'));
});

test('near-duplicate tools are one family', () => {
  assert.equal(catalog.family('ultra_vnc'), undefined);
  assert.equal(catalog.family('vnc_connect'), undefined);
  assert.equal(catalog.family('beyondtrust_bomgar'), undefined);
  assert.equal(catalog.family('microsoft_quick_assist'), undefined);
  assert.equal(catalog.family('ninjarmm')?.name, 'NinjaOne');
  assert.ok(strong('screenconnect').includes('connectwisecontrol.client.exe'));
});

test('wildcards are kept as patterns and match', () => {
  assert.ok(catalog.family('screenconnect')?.patterns.includes('screenconnect*.exe'));
  assert.ok(catalog.familiesMatching('ScreenConnect.WindowsClient2.exe').some((f) => f.id === 'screenconnect'));
  assert.ok(!catalog.knows('powershell.exe'));
});

test('binary → families and family → binaries', () => {
  assert.deepEqual(catalog.familiesOf('AnyDesk.exe').map((f) => f.id), ['anydesk']);
  assert.deepEqual(catalog.binariesOf('no-such-family'), []);
});

test('tunnels and file transfer are out of scope by default', () => {
  const ids = catalog.inScope().map((f) => f.id);
  assert.ok(ids.includes('anydesk'));
  assert.ok(!ids.includes('ngrok'));
  assert.ok(!ids.includes('winscp'));
  assert.equal(ids[0], 'anydesk', 'most common first');
  assert.deepEqual(catalog.inScope({ families: ['ngrok'] }).map((f) => f.id), ['ngrok']);
  assert.ok(catalog.inScope({ includeCategories: ['tunnel'] }).every((f) => f.category === 'tunnel'));
});

test('suggests the closest known name for a misspelt binary', () => {
  assert.equal(catalog.closest('ammyyadmin.exe')?.binary, 'ammyy_admin.exe');
  assert.equal(catalog.closest('totally-unrelated-name.exe'), undefined);
});

test('an extra catalog adds binaries and families and reports malformed parts', () => {
  const { catalog: merged, problems } = catalogWith({
    families: [
      { id: 'anydesk', binaries: ['AnyDesk-Portable.exe'] },
      { id: 'inhouse_remote', name: 'In-house Remote', category: 'rmm', binaries: ['ihremote.exe'] },
      { name: 'no id' },
    ],
  });
  assert.ok(merged.binariesOf('anydesk').includes('anydesk.exe'));
  assert.ok(merged.binariesOf('anydesk').includes('anydesk-portable.exe'));
  assert.equal(merged.familiesOf('ihremote.exe')[0]?.name, 'In-house Remote');
  assert.equal(problems.length, 1);
  assert.equal(catalogWith('nonsense').problems.length, 1);
  assert.ok(!bundledCatalog().binariesOf('anydesk').includes('anydesk-portable.exe'), 'the bundled catalog is untouched');
});

test('the committed catalog is what the generator produces', () => {
  const before = readFileSync('server/src/catalog/rmm-catalog.json', 'utf8');
  execFileSync(process.execPath, ['scripts/generate-catalog.mjs'], { stdio: 'pipe' });
  assert.equal(readFileSync('server/src/catalog/rmm-catalog.json', 'utf8'), before);
});
