// The panel's head for a service's answer: a banner naming the connection, so its rows are never
// mistaken for the local engine's on sample events, and the service's own statistics.

import type { ServiceOrigin } from '../../../server/src/protocol/preview';
import { el } from '../dom';

export function renderServiceSummary(service: ServiceOrigin): HTMLElement {
  const { rows, cpuMs, durationMs } = service.statistics;
  const banner = el('p', { className: 'service-banner', role: 'note' }, el('strong', {}, `service: ${service.connection}`), ` (${service.kind}) — rows from the service's own data, not the sample events`);
  const statistics = el(
    'div',
    { className: 'totals', role: 'group', attrs: { 'aria-label': 'Service statistics' } },
    statistic('rows', rows.toLocaleString('en-US')),
    statistic('CPU', cpuMs === undefined ? 'not reported' : milliseconds(cpuMs)),
    statistic('duration', milliseconds(durationMs)),
  );
  return el('section', { className: 'summary service' }, banner, statistics);
}

function statistic(label: string, value: string): HTMLElement {
  return el('div', { className: `total ${label.toLowerCase()}` }, el('span', { className: 'value' }, value), el('span', { className: 'label' }, label));
}

function milliseconds(ms: number): string {
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}
