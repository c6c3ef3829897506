// The selected row: its explanation (the predicates it passed, the case() branch that fired, or
// the predicate that dropped it), its raw input event, and the row actions.

import type { EventLocation, PreviewEvent, QueryPart, QueryRange, RowExplanation } from '../../../server/src/protocol/preview';
import { button, el } from '../dom';

/** Longest field value shown; the rest is counted, not rendered. */
const FIELD_CHARACTERS = 20_000;

export interface DetailActions {
  openEvent(location: EventLocation): void;
  openQuery(range: QueryRange): void;
  exclude(): void;
}

export type Selected = { kind: 'match'; event?: PreviewEvent; explanation: RowExplanation } | { kind: 'unmatched'; event: PreviewEvent; droppedBy: QueryPart };

export function renderDetails(selected: Selected, actions: DetailActions): HTMLElement {
  const why = el('div', { className: 'why' });
  if (selected.kind === 'match') {
    why.append(el('h3', {}, 'Why it matched'));
    const list = el('ul', {});
    for (const part of selected.explanation.passed) list.append(el('li', { className: 'passed' }, '✓ passed ', queryLink(part, actions)));
    for (const branch of selected.explanation.branches) {
      const which = branch.branch === 'else' ? 'the else value' : `branch ${branch.branch + 1}`;
      list.append(el('li', { className: 'branch' }, `${branch.column} ← ${which}: `, queryLink(branch.predicate, actions)));
    }
    if (list.childElementCount === 0) list.append(el('li', {}, 'no where clause or case() on the way'));
    why.append(list);
  } else {
    why.append(el('h3', {}, 'Why it did not match'), el('p', { className: 'dropped-by' }, '✗ dropped by ', queryLink(selected.droppedBy, actions)));
  }

  const event = selected.event;
  const location = event?.location;
  const toolbar = el(
    'div',
    { className: 'row-actions' },
    button('Exclude…', actions.exclude, { title: 'Propose an exclusion for this event' }),
    location ? button('Open event', () => actions.openEvent(location)) : null,
  );
  const where = location ? `${location.file}:${location.line}` : event ? `${event.table} row ${event.row + 1}` : 'no input event';
  const fields = el('dl', { className: 'fields' });
  for (const field of event?.fields ?? []) {
    const value = field.value.length > FIELD_CHARACTERS ? `${field.value.slice(0, FIELD_CHARACTERS)}… (${(field.value.length - FIELD_CHARACTERS).toLocaleString('en-US')} more characters)` : field.value;
    fields.append(el('dt', {}, field.name), el('dd', {}, value));
  }
  return el('section', { className: 'details', attrs: { 'aria-label': 'Selected row' } }, why, toolbar, el('h3', {}, 'Input event'), el('p', { className: 'where' }, where), fields);
}

function queryLink(part: QueryPart, actions: Pick<DetailActions, 'openQuery'>): HTMLElement {
  return button(part.text, () => actions.openQuery(part.range), { className: 'link predicate', title: `line ${part.range.line}` });
}
