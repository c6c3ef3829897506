// A virtualised, sortable, filterable grid with ARIA grid roles and keyboard navigation. Only the
// rows in view (plus a margin) are in the DOM, so 10,000 rows scroll as smoothly as 10.

import { el, clear, type Child } from '../dom';
import { cellText, emptyView, visibleRows, type GridData, type GridView } from '../grid';

export const ROW_HEIGHT = 24;
/** Rows rendered above and below the viewport. */
const OVERSCAN = 10;
/** Longest cell text put in the DOM; the details pane shows the whole value. */
const CELL_CHARACTERS = 300;
/** Viewport height assumed before layout (and where there is none, as in tests). */
const FALLBACK_HEIGHT = 480;

export interface TableEvents {
  /** A row was selected (by click or keyboard): its index in the data. */
  select(row: number): void;
}

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly viewport: HTMLDivElement;
  private readonly head: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private data: GridData = { columns: [], rows: [] };
  private view: GridView = emptyView();
  private order: number[] = [];
  /** Position in `order` of the selected row, or -1. */
  private cursor = -1;
  private readonly id: string;
  /** The rows in the DOM, by position in `order`. */
  private readonly rendered = new Map<number, HTMLElement>();

  constructor(
    idPrefix: string,
    label: string,
    private readonly events: TableEvents,
  ) {
    this.id = idPrefix;
    this.head = el('div', { className: 'grid-head', role: 'rowgroup' });
    this.body = el('div', { className: 'grid-body', role: 'rowgroup' });
    this.viewport = el('div', { className: 'grid', role: 'grid', attrs: { tabindex: 0, 'aria-label': label, 'aria-readonly': 'true' } }, this.head, this.body);
    this.viewport.addEventListener('scroll', () => this.renderRows());
    this.viewport.addEventListener('keydown', (event) => this.onKey(event));
    this.element = this.viewport;
  }

  /** New data; the sort, filters and search are kept when the columns stay the same. */
  setData(data: GridData): void {
    const sameColumns = data.columns.length === this.data.columns.length && data.columns.every((c, i) => c === this.data.columns[i]);
    if (!sameColumns) this.view = { ...emptyView(), search: this.view.search };
    this.data = data;
    this.cursor = -1;
    this.viewport.style.setProperty('--columns', String(Math.max(1, data.columns.length)));
    this.viewport.setAttribute('aria-colcount', String(data.columns.length));
    this.renderHead();
    this.refresh();
  }

  setSearch(search: string): void {
    this.view.search = search;
    this.refresh();
  }

  /** Data row indices in display order (after sort, filters and search). */
  get shown(): readonly number[] {
    return this.order;
  }

  /** The selected data row, or undefined. */
  get selected(): number | undefined {
    return this.cursor >= 0 ? this.order[this.cursor] : undefined;
  }

  /**
   * Renders the rows in view; call after the viewport is attached or resized. Rows already in the
   * DOM stay (each is placed by its own transform): scrolling adds and removes only the rows that
   * enter and leave the view.
   */
  renderRows(): void {
    const height = this.viewport.clientHeight || FALLBACK_HEIGHT;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.order.length, Math.ceil((this.viewport.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    for (const [position, row] of this.rendered) {
      if (position < first || position >= last) {
        row.remove();
        this.rendered.delete(position);
      }
    }
    this.body.style.height = `${this.order.length * ROW_HEIGHT}px`;
    const added = document.createDocumentFragment();
    for (let position = first; position < last; position++) {
      if (this.rendered.has(position)) continue;
      const row = this.renderRow(position);
      this.rendered.set(position, row);
      added.appendChild(row);
    }
    this.body.appendChild(added);
  }

  /** Drops every rendered row (the order or the data changed) and renders the view afresh. */
  private rerender(): void {
    this.rendered.clear();
    clear(this.body);
    this.renderRows();
  }

  private refresh(): void {
    const selected = this.selected;
    this.order = visibleRows(this.data, this.view);
    this.cursor = selected === undefined ? -1 : this.order.indexOf(selected);
    this.viewport.setAttribute('aria-rowcount', String(this.order.length + 2));
    this.updateActive();
    this.rerender();
  }

  private renderHead(): void {
    clear(this.head);
    const headers = this.data.columns.map((name, c) => {
      const sorted = this.view.sortColumn === c;
      const cell = el(
        'div',
        { className: 'grid-cell grid-header', role: 'columnheader', attrs: { 'aria-sort': sorted ? (this.view.descending ? 'descending' : 'ascending') : 'none', 'aria-colindex': c + 1 } },
        el('button', { className: 'sort', attrs: { type: 'button' }, title: 'Sort' }, name, sorted ? (this.view.descending ? ' ▼' : ' ▲') : ''),
      );
      cell.querySelector('button')!.addEventListener('click', () => this.sortBy(c));
      return cell;
    });
    const filters = this.data.columns.map((_, c) => {
      const input = el('input', { className: 'filter', attrs: { type: 'search', placeholder: 'filter', 'aria-label': `Filter column ${c + 1}` } });
      input.value = this.view.filters.get(c) ?? '';
      input.addEventListener('input', () => {
        this.view.filters.set(c, input.value);
        this.refresh();
      });
      return el('div', { className: 'grid-cell', role: 'gridcell', attrs: { 'aria-colindex': c + 1 } }, input);
    });
    this.head.append(el('div', { className: 'grid-row', role: 'row', attrs: { 'aria-rowindex': 1 } }, ...headers), el('div', { className: 'grid-row filters', role: 'row', attrs: { 'aria-rowindex': 2 } }, ...filters));
  }

  private renderRow(position: number): HTMLElement {
    const index = this.order[position];
    const cells: Child[] = this.data.rows[index].map((cell, c) => {
      const value = cellText(cell);
      const shown = value.length > CELL_CHARACTERS ? value.slice(0, CELL_CHARACTERS) + '…' : value;
      return el('div', { className: `grid-cell ${typeof cell === 'boolean' ? `bool ${cell}` : cell === null ? 'null' : ''}`, role: 'gridcell', attrs: { 'aria-colindex': c + 1 } }, shown);
    });
    const row = el(
      'div',
      { className: 'grid-row', role: 'row', attrs: { id: `${this.id}-row-${position}`, 'aria-rowindex': position + 3, 'aria-selected': position === this.cursor ? 'true' : 'false' } },
      ...cells,
    );
    row.style.transform = `translateY(${position * ROW_HEIGHT}px)`;
    row.addEventListener('click', () => this.select(position));
    return row;
  }

  private sortBy(column: number): void {
    if (this.view.sortColumn === column) this.view.descending = !this.view.descending;
    else {
      this.view.sortColumn = column;
      this.view.descending = false;
    }
    this.renderHead();
    this.refresh();
  }

  private select(position: number): void {
    if (this.order.length === 0) return;
    this.rendered.get(this.cursor)?.setAttribute('aria-selected', 'false');
    this.cursor = Math.max(0, Math.min(this.order.length - 1, position));
    this.scrollIntoView(this.cursor);
    this.updateActive();
    this.renderRows();
    this.rendered.get(this.cursor)?.setAttribute('aria-selected', 'true');
    this.events.select(this.order[this.cursor]);
  }

  private updateActive(): void {
    if (this.cursor >= 0) this.viewport.setAttribute('aria-activedescendant', `${this.id}-row-${this.cursor}`);
    else this.viewport.removeAttribute('aria-activedescendant');
  }

  private scrollIntoView(position: number): void {
    const height = this.viewport.clientHeight || FALLBACK_HEIGHT;
    const headHeight = this.head.offsetHeight;
    const top = position * ROW_HEIGHT;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + height - headHeight) this.viewport.scrollTop = top + ROW_HEIGHT - height + headHeight;
  }

  private onKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((this.viewport.clientHeight || FALLBACK_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number | undefined> = {
      ArrowDown: this.cursor + 1,
      ArrowUp: Math.max(0, this.cursor - 1),
      PageDown: this.cursor + page,
      PageUp: this.cursor - page,
      Home: 0,
      End: this.order.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined || event.target !== this.viewport) return;
    event.preventDefault();
    this.select(target);
  }
}
