// The panel's head: which events, what now() is (editable), the totals and the per-`where` funnel.

import type { FunnelStep, PreviewModel, QueryRange } from '../../../server/src/protocol/preview';
import { button, el } from '../dom';

export interface SummaryActions {
  pickEvents(): void;
  setNow(iso: string | null): void;
  openQuery(range: QueryRange): void;
}

const NOW_ORIGINS: Record<PreviewModel['now']['origin'], string> = {
  spec: 'from the test spec',
  events: 'the latest event time',
  chosen: 'set here',
  clock: 'the clock (no event has a time)',
};

export function renderSummary(model: PreviewModel, actions: SummaryActions): HTMLElement {
  const tables = model.events.tables.map((t) => `${t.events.toLocaleString('en-US')} ${t.name}`).join(', ') || 'no events';
  const source = el('p', { className: 'source' }, el('strong', {}, 'Events: '), `${tables} — ${model.events.description} `, button('Choose events…', actions.pickEvents, { className: 'link' }));

  const nowInput = el('input', { className: 'now-input', attrs: { type: 'text', 'aria-label': 'now() for ago()', spellcheck: 'false' } });
  nowInput.value = model.now.iso;
  const now = el(
    'form',
    { className: 'now' },
    el('label', {}, el('strong', {}, 'now() '), nowInput),
    ` ${NOW_ORIGINS[model.now.origin]} `,
    el('button', { attrs: { type: 'submit' } }, 'Set'),
    model.now.origin === 'chosen' ? button('Reset', () => actions.setNow(null)) : null,
  );
  now.addEventListener('submit', (event) => {
    event.preventDefault();
    actions.setNow(nowInput.value.trim());
  });

  const totals = el(
    'div',
    { className: 'totals', role: 'group', attrs: { 'aria-label': 'Totals' } },
    total('scanned', model.totals.scanned),
    total('matched', model.totals.matched),
    total('dropped', model.firstLook ? undefined : model.totals.dropped),
  );
  // A first look has no trace yet: say what comes rather than show an empty funnel.
  const funnel = model.firstLook
    ? el('p', { className: 'first-look', role: 'status' }, 'Reading every event to explain the matches and build the funnel…')
    : renderFunnel(model.funnel, model.totals.scanned, actions);
  return el('section', { className: 'summary' }, source, now, totals, funnel);
}

/** A total; undefined while it is still being counted. */
function total(label: string, value: number | undefined): HTMLElement {
  return el('div', { className: `total ${label}` }, el('span', { className: 'value' }, value?.toLocaleString('en-US') ?? '…'), el('span', { className: 'label' }, label));
}

export function renderFunnel(steps: readonly FunnelStep[], scanned: number, actions: Pick<SummaryActions, 'openQuery'>): HTMLElement {
  const list = el('ol', { className: 'funnel', attrs: { 'aria-label': 'Rows dropped per where clause' } });
  for (const step of steps) {
    const bar = el('span', { className: 'funnel-bar' });
    bar.style.width = `${scanned > 0 ? (100 * step.remaining) / scanned : 0}%`;
    const predicate = button(`where ${step.predicate.text}`, () => actions.openQuery(step.predicate.range), { className: 'link predicate', title: `line ${step.predicate.range.line}` });
    list.appendChild(
      el(
        'li',
        {},
        predicate,
        el('span', { className: 'funnel-count' }, `−${step.dropped.toLocaleString('en-US')} → ${step.remaining.toLocaleString('en-US')}`),
        el('span', { className: 'funnel-track' }, bar),
      ),
    );
  }
  return list;
}
