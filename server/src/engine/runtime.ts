// Runtime data the compiled query passes between operators, and the per-run state.

import type { EngineDiagnostic } from './diagnostics';
import type { DroppedRow, RowTrace, Span } from './trace';
import type { ColumnSchema } from './table';
import { emptyValue, type Value } from './values';

/**
 * A table flowing through the pipeline: columnar, with columns in the order Kusto's analysis
 * gives. `trace` is present only when explaining, parallel to the rows.
 */
export class Rel {
  constructor(
    readonly columns: readonly ColumnSchema[],
    private readonly data: (ArrayLike<Value> | (() => ArrayLike<Value>))[],
    readonly rowCount: number,
    readonly trace?: RowTrace[],
    readonly dropped?: DroppedRow[],
    /**
     * The columns come from the data (`evaluate bag_unpack`), so Kusto's analysis names only some
     * of them: an operator that rebuilds its columns from Kusto's list would drop the others.
     */
    readonly columnsFromData = false,
    /** Each row's ingestion time, while the rows are still their table's (`INGESTION_TIME`). */
    private ingestion?: () => ArrayLike<Value> | undefined,
  ) {}

  private ingestionLoaded?: ArrayLike<Value>;

  /** The rows' ingestion times; undefined when their table has none or an operator rebuilt the rows. */
  ingestionTimes(): ArrayLike<Value> | undefined {
    if (this.ingestion) {
      this.ingestionLoaded = this.ingestion();
      this.ingestion = undefined;
    }
    return this.ingestionLoaded;
  }

  /** Index of the column named `name`, or -1. */
  indexOf(name: string): number {
    for (let i = 0; i < this.columns.length; i++) if (this.columns[i].name === name) return i;
    return -1;
  }

  /** The values of column `index`; loaded on first use when the source is lazy. */
  column(index: number): ArrayLike<Value> {
    const entry = this.data[index];
    if (typeof entry === 'function') {
      const loaded = entry();
      this.data[index] = loaded;
      return loaded;
    }
    return entry;
  }

  /** The values of the column named `name`; a column of empty values if absent. */
  columnNamed(name: string, type: ColumnSchema['type']): ArrayLike<Value> {
    const index = this.indexOf(name);
    return index >= 0 ? this.column(index) : new Array<Value>(this.rowCount).fill(emptyValue(type));
  }
}

/** Thrown during compilation or evaluation to abandon the statement; `runQuery` turns it into a diagnostic. */
export class EngineStop extends Error {
  constructor(readonly diagnostic: EngineDiagnostic) {
    super(diagnostic.message);
  }
}

export function unsupported(span: Span, what: string): EngineStop {
  return new EngineStop({ ...spanOf(span), severity: 'error', code: 'not-supported-locally', message: `not supported locally: ${what}` });
}

export function runtimeError(span: Span, message: string): EngineStop {
  return new EngineStop({ ...spanOf(span), severity: 'error', code: 'runtime-error', message });
}

function spanOf(span: Span): Span {
  return { start: span.start, end: span.end };
}

/** How often (in rows) long loops poll for cancellation. */
export const POLL_INTERVAL = 4096;

export const DEFAULT_MAX_ROWS = 5_000_000;

/** Per-run settings and checks shared by every compiled operator. */
export class RunState {
  constructor(
    readonly now: bigint,
    readonly explain: boolean,
    readonly maxRows: number,
    private readonly deadline: number | undefined,
    private readonly isCancelled: (() => boolean) | undefined,
  ) {}

  /** Throws a 'cancelled' stop if the deadline passed or the caller cancelled. */
  poll(span: Span): void {
    if ((this.deadline !== undefined && Date.now() > this.deadline) || (this.isCancelled !== undefined && this.isCancelled())) {
      throw new EngineStop({ ...spanOf(span), severity: 'error', code: 'cancelled', message: 'evaluation cancelled' });
    }
  }

  /** Throws a 'limit-exceeded' stop if an operator is about to produce more than `maxRows` rows. */
  checkRows(count: number, span: Span, operator: string): void {
    if (count > this.maxRows) {
      throw new EngineStop({
        ...spanOf(span),
        severity: 'error',
        code: 'limit-exceeded',
        message: `${operator} would produce more than ${this.maxRows} rows (the local row cap)`,
      });
    }
  }
}
