// The preview panel: lays out the summary, the chart, the problems, the table and the selected
// row's details, and turns the user's actions into messages for the extension.

import type { CellValue, HostToWebview, PreviewModel, PreviewPanelState, WebviewToHost } from '../../server/src/protocol/preview';
import { button, clear, el } from './dom';
import { toCsv, toJson } from './exportRows';
import type { GridData } from './grid';
import { renderChart } from './render/chart';
import { renderDetails, type Selected } from './render/details';
import { renderProblems } from './render/problems';
import { renderServiceSummary } from './render/service';
import { renderSummary } from './render/summary';
import { VirtualTable } from './render/table';

export interface Host {
  postMessage(message: WebviewToHost): void;
  setState(state: PreviewPanelState): void;
}

type Mode = 'matched' | 'unmatched';

export class PreviewApp {
  private model: PreviewModel | undefined;
  private mode: Mode = 'matched';
  private readonly status = el('span', { className: 'status', role: 'status', attrs: { 'aria-live': 'polite' } }, 'Waiting for the preview…');
  private readonly search = el('input', { className: 'search', attrs: { type: 'search', placeholder: 'Search rows', 'aria-label': 'Search rows' } });
  private readonly unmatchedToggle = el('input', { attrs: { type: 'checkbox', id: 'show-unmatched' } });
  private readonly unmatchedLabel = el('label', { attrs: { for: 'show-unmatched' } }, 'Show not matched');
  private readonly unmatchedSwitch = el('span', { className: 'toggle' }, this.unmatchedToggle, this.unmatchedLabel);
  private readonly overview = el('div', { className: 'overview' });
  private readonly problems = el('div', { className: 'problems-area' });
  private readonly details = el('div', { className: 'details-area' });
  private readonly note = el('p', { className: 'note' });
  private readonly table: VirtualTable;
  private data: GridData = { columns: [], rows: [] };

  constructor(
    private readonly root: HTMLElement,
    private readonly host: Host,
  ) {
    this.table = new VirtualTable('results', 'Preview rows', { select: (row) => this.showDetails(row) });
    this.search.addEventListener('input', () => this.table.setSearch(this.search.value));
    this.unmatchedToggle.addEventListener('change', () => this.setMode(this.unmatchedToggle.checked ? 'unmatched' : 'matched'));
    const toolbar = el(
      'header',
      { className: 'toolbar' },
      this.status,
      this.search,
      this.unmatchedSwitch,
      button('Copy CSV', () => this.host.postMessage({ type: 'copy', text: toCsv(this.data, this.table.shown) })),
      button('Export CSV', () => this.host.postMessage({ type: 'export', format: 'csv', text: toCsv(this.data, this.table.shown) })),
      button('Export JSON', () => this.host.postMessage({ type: 'export', format: 'json', text: toJson(this.data, this.table.shown) })),
    );
    clear(root);
    root.append(toolbar, this.overview, this.problems, el('div', { className: 'results' }, el('div', { className: 'table-area' }, this.note, this.table.element), this.details));
    window.addEventListener('resize', () => this.table.renderRows());
    host.postMessage({ type: 'ready' });
  }

  receive(message: HostToWebview): void {
    switch (message.type) {
      case 'running':
        this.host.setState({ detection: message.detection });
        this.status.textContent = 'Running…';
        this.root.classList.add('running');
        break;
      case 'failed':
        this.status.textContent = `Preview failed: ${message.message}`;
        this.root.classList.remove('running');
        break;
      case 'model':
        this.show(message.model);
        break;
    }
  }

  /** The model on screen, for the extension's tests. */
  get current(): PreviewModel | undefined {
    return this.model;
  }

  private show(model: PreviewModel): void {
    this.model = model;
    this.root.classList.toggle('running', model.firstLook === true);
    clear(this.overview);
    // A service sends rows only: no events to leave unmatched, no funnel, no chart.
    this.unmatchedSwitch.hidden = model.service !== undefined;
    if (model.service) {
      this.mode = 'matched';
      this.unmatchedToggle.checked = false;
      this.status.textContent = `${model.service.statistics.rows.toLocaleString('en-US')} rows from ${model.service.connection} · ${model.elapsedMs} ms`;
      this.overview.append(renderServiceSummary(model.service));
    } else {
      const counts = `${model.totals.matched.toLocaleString('en-US')} matches in ${model.totals.scanned.toLocaleString('en-US')} events · ${model.elapsedMs} ms`;
      this.status.textContent = model.firstLook ? `${counts} · explaining…` : counts;
      this.unmatchedLabel.textContent = `Show not matched (${model.firstLook ? '…' : model.totals.dropped.toLocaleString('en-US')})`;
    }
    const actions = {
      pickEvents: () => this.host.postMessage({ type: 'pickEvents' }),
      setNow: (iso: string | null) => this.host.postMessage({ type: 'setNow', iso }),
      openQuery: (range: PreviewModel['funnel'][number]['predicate']['range']) => this.host.postMessage({ type: 'openQuery', range }),
    };
    if (!model.service) this.overview.append(renderSummary(model, actions));
    if (model.category) {
      this.overview.append(
        renderChart(model.category, (value) => {
          this.search.value = value;
          this.table.setSearch(value);
        }),
      );
    }
    clear(this.problems);
    const problems = renderProblems(model.problems, { ...actions, openEvent: (location) => this.host.postMessage({ type: 'openEvent', location }) });
    if (problems) this.problems.append(problems);
    this.setMode(this.mode);
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    const model = this.model;
    if (!model) return;
    this.data = mode === 'matched' ? matchedGrid(model) : unmatchedGrid(model);
    const truncated = mode === 'matched' ? model.rowsTruncated : model.unmatchedTruncated;
    this.note.textContent = truncated ? `Showing the first ${this.data.rows.length.toLocaleString('en-US')} (the kqlDetect.preview.maxRows setting).` : '';
    this.table.setData(this.data);
    clear(this.details);
    this.details.append(el('p', { className: 'hint' }, model.service ? 'Rows as the service returned them: input events and explanations exist for local runs only.' : 'Select a row to see its input event and why it matched or not.'));
  }

  private showDetails(row: number): void {
    const model = this.model;
    if (!model || model.service) return;
    if (model.firstLook) {
      clear(this.details);
      this.details.append(el('p', { className: 'hint' }, 'Why this row matched shows once every event is read.'));
      return;
    }
    let selected: Selected;
    if (this.mode === 'matched') {
      const { event, explanation } = model.rows[row];
      selected = { kind: 'match', event, explanation };
    } else {
      const { event, droppedBy } = model.unmatched[row];
      selected = { kind: 'unmatched', event, droppedBy };
    }
    clear(this.details);
    this.details.append(
      renderDetails(selected, {
        openEvent: (location) => this.host.postMessage({ type: 'openEvent', location }),
        openQuery: (range) => this.host.postMessage({ type: 'openQuery', range }),
        exclude: () => this.host.postMessage({ type: 'exclude', row, unmatched: this.mode === 'unmatched' }),
      }),
    );
  }
}

/** Output rows as a grid, the category and the flags first: they are what the preview is for. */
function matchedGrid(model: PreviewModel): GridData {
  const first = [model.category?.column, ...model.flags].filter((name): name is string => name !== undefined);
  const names = model.columns.map((c) => c.name);
  const order = [...first, ...names.filter((name) => !first.includes(name))].map((name) => names.indexOf(name));
  return { columns: order.map((c) => names[c]), rows: model.rows.map((row) => order.map((c) => row.cells[c])) };
}

/** Unmatched events as a grid: the clause that dropped each, then every field any of them has. */
function unmatchedGrid(model: PreviewModel): GridData {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const { event } of model.unmatched) {
    for (const field of event.fields) {
      if (!seen.has(field.name)) {
        seen.add(field.name);
        names.push(field.name);
      }
    }
  }
  const rows = model.unmatched.map(({ event, droppedBy }): CellValue[] => {
    const values = new Map(event.fields.map((f) => [f.name, f.value]));
    return [`where ${droppedBy.text}`, ...names.map((name) => values.get(name) ?? null)];
  });
  return { columns: ['Dropped by', ...names], rows };
}
