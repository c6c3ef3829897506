// Matches per category (e.g. ToolFamily) as horizontal bars. Category values come from the
// events: they are text nodes; only the bar widths, numbers the panel computes, are styles.

import type { PreviewModel } from '../../../server/src/protocol/preview';
import { el } from '../dom';

export function renderChart(category: NonNullable<PreviewModel['category']>, select: (value: string) => void): HTMLElement {
  const most = Math.max(1, ...category.counts.map((c) => c.count));
  const bars = category.counts.map(({ value, count }) => {
    const bar = el('span', { className: 'bar' });
    bar.style.width = `${(100 * count) / most}%`;
    const row = el('li', { className: 'chart-row', attrs: { tabindex: 0 } }, el('span', { className: 'chart-label' }, value || '(empty)'), el('span', { className: 'chart-track' }, bar), el('span', { className: 'chart-count' }, String(count)));
    row.addEventListener('click', () => select(value));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(value);
      }
    });
    return row;
  });
  return el('figure', { className: 'chart' }, el('figcaption', {}, `Matches per ${category.column}`), el('ul', { attrs: { 'aria-label': 'Matches per category' } }, ...bars));
}
