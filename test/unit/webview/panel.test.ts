// The preview panel's render functions in a browser document: layout, table behaviour, messages,
// and event fields that are attacks (they must reach the DOM only as text).

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { WebviewToHost } from '../../../server/src/protocol/preview';
import { PreviewApp } from '../../../client/webview/app';
import { installDom } from './dom';
import { HOSTILE, HOSTILE_HTML, HOSTILE_URL, LONG_VALUE, manyRows, SAMPLE } from './fixtures';

let posted: WebviewToHost[];
let root: HTMLElement;
let window: ReturnType<typeof installDom>;

beforeEach(() => {
  window = installDom();
  root = document.createElement('main');
  document.body.appendChild(root);
  posted = [];
});

function open(model = SAMPLE): PreviewApp {
  const app = new PreviewApp(root, { postMessage: (m) => posted.push(m), setState: () => undefined });
  app.receive({ type: 'model', model, maxRows: 10_000 });
  return app;
}

const texts = (selector: string) => [...root.querySelectorAll(selector)].map((e) => e.textContent);
const bodyRows = () => [...root.querySelectorAll('.grid-body [role=row]')];
const cellsOf = (row: Element) => [...row.querySelectorAll('[role=gridcell]')].map((c) => c.textContent);

function click(element: Element | null) {
  assert.ok(element, 'element to click exists');
  (element as HTMLElement).click();
}

function key(element: Element, name: string) {
  element.dispatchEvent(new window.KeyboardEvent('keydown', { key: name, bubbles: true }) as unknown as Event);
}

test('the panel says it is ready, then shows totals, funnel, chart and rows', () => {
  open();
  assert.deepEqual(posted, [{ type: 'ready' }]);
  assert.equal(root.querySelector('.status')?.textContent, '3 matches in 5 events · 12 ms');
  assert.deepEqual(texts('.total .value'), ['5', '3', '2']);
  assert.deepEqual(texts('.funnel li .predicate'), ['where FileName has_any (RMMTools)']);
  assert.deepEqual(texts('.chart-label'), ['AnyDesk']);
  // The category and the flags come first.
  assert.deepEqual(texts('[role=columnheader]'), ['ToolFamily', 'SuspiciousParent', 'FileName', 'ReportId']);
  assert.deepEqual(bodyRows().map(cellsOf), [
    ['AnyDesk', 'true', 'anydesk.exe', '0'],
    ['Other', 'false', 'vncviewer.exe', '1'],
    ['AnyDesk', 'true', 'AnyDesk.exe', '2'],
  ]);
});

test('the table has ARIA grid roles and counts', () => {
  open();
  const grid = root.querySelector('[role=grid]')!;
  assert.equal(grid.getAttribute('aria-rowcount'), '5');
  assert.equal(grid.getAttribute('aria-colcount'), '4');
  assert.equal(grid.getAttribute('tabindex'), '0');
  assert.deepEqual(bodyRows().map((r) => r.getAttribute('aria-rowindex')), ['3', '4', '5']);
  assert.equal(root.querySelectorAll('[role=columnheader][aria-sort=none]').length, 4);
});

test('sorting by a column header, twice for descending', () => {
  open();
  const header = root.querySelectorAll('[role=columnheader] button')[2];
  click(header);
  assert.deepEqual(bodyRows().map((r) => cellsOf(r)[2]), ['AnyDesk.exe', 'anydesk.exe', 'vncviewer.exe']);
  click(root.querySelectorAll('[role=columnheader] button')[2]);
  assert.deepEqual(bodyRows().map((r) => cellsOf(r)[2]), ['vncviewer.exe', 'anydesk.exe', 'AnyDesk.exe']);
  assert.equal(root.querySelectorAll('[role=columnheader]')[2]?.getAttribute('aria-sort'), 'descending');
});

test('search and column filters narrow the rows; a chart bar searches for its category', () => {
  open();
  const search = root.querySelector<HTMLInputElement>('.search')!;
  search.value = 'VNC';
  search.dispatchEvent(new window.Event('input') as unknown as Event);
  assert.deepEqual(bodyRows().map((r) => cellsOf(r)[2]), ['vncviewer.exe']);
  search.value = '';
  search.dispatchEvent(new window.Event('input') as unknown as Event);
  const filter = root.querySelectorAll<HTMLInputElement>('.filters input')[1];
  filter.value = 'true';
  filter.dispatchEvent(new window.Event('input') as unknown as Event);
  assert.deepEqual(bodyRows().map((r) => cellsOf(r)[2]), ['anydesk.exe', 'AnyDesk.exe']);
  filter.value = '';
  filter.dispatchEvent(new window.Event('input') as unknown as Event);
  click(root.querySelector('.chart-row'));
  assert.equal(search.value, 'AnyDesk');
  assert.equal(bodyRows().length, 2);
});

test('keyboard: arrows move the selection, which shows the event and the explanation', () => {
  open();
  const grid = root.querySelector('[role=grid]')!;
  key(grid, 'ArrowDown');
  key(grid, 'ArrowDown');
  assert.equal(grid.getAttribute('aria-activedescendant'), 'results-row-1');
  assert.equal(root.querySelector('[aria-selected=true]')?.id, 'results-row-1');
  assert.deepEqual(texts('.why li'), ['✓ passed FileName has_any (RMMTools)', 'ToolFamily ← the else value: "Other"']);
  assert.deepEqual(texts('.fields dt'), ['FileName', 'DeviceName']);
  assert.equal(root.querySelector('.where')?.textContent, '/w/events/a.jsonl:2');
  key(grid, 'End');
  assert.equal(grid.getAttribute('aria-activedescendant'), 'results-row-2');
  key(grid, 'Home');
  assert.deepEqual(texts('.why li'), ['✓ passed FileName has_any (RMMTools)', 'ToolFamily ← branch 1: FileName has "anydesk"']);
});

test('row actions and links post typed messages', () => {
  open();
  click(bodyRows()[1]);
  posted.length = 0;
  const actions = [...root.querySelectorAll('.row-actions button')];
  assert.deepEqual(actions.map((b) => b.textContent), ['Exclude…', 'Open event']);
  click(actions[0]);
  click(actions[1]);
  click(root.querySelector('.why .predicate'));
  click([...root.querySelectorAll('.toolbar button')].find((b) => b.textContent === 'Export JSON')!);
  assert.deepEqual(posted.slice(0, 3), [
    { type: 'exclude', row: 1, unmatched: false },
    { type: 'openEvent', location: { file: '/w/events/a.jsonl', line: 2, column: 0 } },
    { type: 'openQuery', range: { start: 30, end: 57, line: 2, column: 9 } },
  ]);
  const exported = posted[3];
  assert.equal(exported.type, 'export');
  assert.deepEqual(JSON.parse(exported.type === 'export' ? exported.text : '')[1], { ToolFamily: 'Other', SuspiciousParent: false, FileName: 'vncviewer.exe', ReportId: 1 });
});

test('now() can be set and reset from the panel', () => {
  open();
  const input = root.querySelector<HTMLInputElement>('.now-input')!;
  assert.equal(input.value, '2026-11-20T12:00:00.0000000Z');
  input.value = ' 2026-11-21T00:00:00Z ';
  root.querySelector('form.now')!.dispatchEvent(new window.Event('submit', { cancelable: true }) as unknown as Event);
  assert.deepEqual(posted.at(-1), { type: 'setNow', iso: '2026-11-21T00:00:00Z' });
});

test('the not-matched toggle lists dropped events with the clause that dropped each', () => {
  open();
  const toggle = root.querySelector<HTMLInputElement>('#show-unmatched')!;
  assert.equal(root.querySelector('label[for=show-unmatched]')?.textContent, 'Show not matched (2)');
  toggle.checked = true;
  toggle.dispatchEvent(new window.Event('change') as unknown as Event);
  assert.deepEqual(texts('[role=columnheader]'), ['Dropped by', 'FileName', 'DeviceName', 'FolderPath']);
  assert.deepEqual(cellsOf(bodyRows()[0]), ['where FileName has_any (RMMTools)', 'notepad.exe', 'ws-900', 'C:\\Windows']);
  click(bodyRows()[0]);
  assert.equal(root.querySelector('.dropped-by')?.textContent, '✗ dropped by FileName has_any (RMMTools)');
  click(root.querySelector('.row-actions button'));
  assert.deepEqual(posted.at(-1), { type: 'exclude', row: 0, unmatched: true });
});

test('10,000 rows: only the rows in view are in the DOM', () => {
  open(manyRows(10_000));
  const rows = bodyRows();
  assert.ok(rows.length > 0 && rows.length <= 50, `${rows.length} rows rendered`);
  assert.equal(root.querySelector<HTMLElement>('.grid-body')!.style.height, `${10_000 * 24}px`);
  const grid = root.querySelector('[role=grid]')!;
  key(grid, 'End');
  assert.equal(grid.getAttribute('aria-activedescendant'), 'results-row-9999');
  assert.ok(root.querySelector('#results-row-9999'), 'the last row is rendered once selected');
});

test('problems are listed with their place', () => {
  open(HOSTILE);
  assert.deepEqual(texts('.problems li'), [`${HOSTILE_URL}:3 bad value ${HOSTILE_HTML} [events]`]);
  click(root.querySelector('.problems button'));
  assert.deepEqual(posted.at(-1), { type: 'openEvent', location: { file: HOSTILE_URL, line: 3, column: 1 } });
});

test('hostile event fields stay text: no elements, attributes, handlers or URLs come from them', () => {
  open(HOSTILE);
  click(bodyRows()[0]);
  const toggle = root.querySelector<HTMLInputElement>('#show-unmatched')!;
  const html = root.innerHTML;
  assert.equal(root.querySelectorAll('img, script, iframe, a, object, embed').length, 0);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      assert.doesNotMatch(attribute, /^on/i, `no event handler attribute on <${element.tagName}>`);
      assert.doesNotMatch(element.getAttribute(attribute) ?? '', /javascript:|onerror|<img/i, `attribute ${attribute} of <${element.tagName}>`);
    }
  }
  assert.ok(html.includes('&lt;img src=x onerror="window.__pwned=1"&gt;'), 'the markup is shown escaped, as text');
  assert.ok(root.textContent?.includes(HOSTILE_URL));
  assert.equal((window as unknown as Record<string, unknown>).__pwned, undefined);
  toggle.checked = true;
  toggle.dispatchEvent(new window.Event('change') as unknown as Event);
  assert.equal(root.querySelectorAll('img, a').length, 0);
});

test('very long values are cut in the table and counted in the details', () => {
  open(HOSTILE);
  const cell = cellsOf(bodyRows()[1])[2]!;
  assert.equal(cell.length, 301);
  assert.ok(cell.endsWith('…'));
  click(bodyRows()[0]);
  const commandLine = [...root.querySelectorAll('.fields dd')].map((d) => d.textContent ?? '').find((t) => t.startsWith('AAAA'));
  assert.equal(commandLine, `${'A'.repeat(20_000)}… (${(LONG_VALUE.length - 20_000).toLocaleString('en-US')} more characters)`);
});

test('running and failure states show in the status line', () => {
  const app = open();
  app.receive({ type: 'running', detection: '/w/det.kql' });
  assert.equal(root.querySelector('.status')?.textContent, 'Running…');
  assert.ok(root.classList.contains('running'));
  app.receive({ type: 'failed', message: 'the preview worker stopped' });
  assert.equal(root.querySelector('.status')?.textContent, 'Preview failed: the preview worker stopped');
  assert.equal(app.current, SAMPLE);
});

test('a first look shows its rows and says the explanation is still coming', () => {
  const firstLook = { ...SAMPLE, firstLook: true as const, funnel: [], unmatched: [], totals: { ...SAMPLE.totals, dropped: 0 }, rows: SAMPLE.rows.map((row) => ({ ...row, event: undefined, explanation: { passed: [], branches: [] } })) };
  const app = open(firstLook);
  assert.equal(root.querySelector('.status')?.textContent, '3 matches in 5 events · 12 ms · explaining…');
  assert.ok(root.classList.contains('running'));
  assert.deepEqual(texts('.total .value'), ['5', '3', '…']);
  assert.deepEqual(texts('.funnel li'), []);
  assert.equal(root.querySelector('.first-look')?.textContent, 'Reading every event to explain the matches and build the funnel…');
  assert.equal(bodyRows().length, 3);
  key(root.querySelector('[role=grid]')!, 'ArrowDown');
  assert.deepEqual(texts('.why li'), []);
  assert.ok(texts('.hint').includes('Why this row matched shows once every event is read.'));

  app.receive({ type: 'model', model: SAMPLE, maxRows: 10_000 });
  assert.ok(!root.classList.contains('running'));
  assert.deepEqual(texts('.total .value'), ['5', '3', '2']);
  assert.equal(root.querySelector('.first-look'), null);
});

test("a service's answer is marked with its connection and statistics, without the local funnel, chart or unmatched events", () => {
  const service = { connection: `sentinel ${HOSTILE_HTML}`, kind: 'log-analytics', statistics: { rows: 1234, cpuMs: 15.6, durationMs: 31 } };
  const app = open({ ...SAMPLE, service, funnel: [], category: undefined, unmatched: [], totals: { scanned: 1234, matched: 1234, dropped: 0 }, elapsedMs: 40 });
  assert.equal(root.querySelector('.service-banner strong')?.textContent, `service: sentinel ${HOSTILE_HTML}`);
  assert.equal(root.querySelector('.service-banner img, .service-banner script'), null);
  assert.deepEqual(texts('.total .label'), ['rows', 'CPU', 'duration']);
  assert.deepEqual(texts('.total .value'), ['1,234', '16 ms', '31 ms']);
  assert.equal(root.querySelector('.status')?.textContent, `1,234 rows from sentinel ${HOSTILE_HTML} · 40 ms`);
  assert.equal(root.querySelector('.funnel'), null);
  assert.equal(root.querySelector('.now-input'), null);
  assert.equal((root.querySelector('#show-unmatched')?.parentElement as HTMLElement).hidden, true);
  assert.equal(bodyRows().length, 3);
  // Its rows carry no events or explanations: selecting one shows none.
  click(bodyRows()[0].querySelector('[role=gridcell]'));
  assert.match(root.querySelector('.details-area')?.textContent ?? '', /input events and explanations exist for local runs only/);
  // A CPU time the service did not report is said so; the next local run is unmarked again.
  app.receive({ type: 'model', model: { ...SAMPLE, service: { ...service, statistics: { rows: 3, durationMs: 5 } } }, maxRows: 10_000 });
  assert.deepEqual(texts('.total .value'), ['3', 'not reported', '5 ms']);
  app.receive({ type: 'model', model: SAMPLE, maxRows: 10_000 });
  assert.equal(root.querySelector('.service-banner'), null);
  assert.equal((root.querySelector('#show-unmatched')?.parentElement as HTMLElement).hidden, false);
  assert.equal(root.querySelector('.status')?.textContent, '3 matches in 5 events · 12 ms');
});
