// Builds the tables a case runs on from the spec's and the case's bindings: event files (read
// once per spec), inline rows typed by the table's schema, and `where` filters run by the engine.

import { dirname, isAbsolute, join } from 'node:path';
import { runQuery } from '../engine/index';
import { memoryTable } from '../engine/memoryTable';
import type { ColumnSchema, Table, TableProvider } from '../engine/table';
import { scalarType, type ScalarType, type Value } from '../engine/values';
import type { Environment } from '../kusto/globals';
import { inferType, toValue } from './cells';
import type { ReadEvents, SpecHost } from './host';
import type { DetectionSpec, SpecProblem, TableBinding, TestCase, WrittenRow } from './spec';

export interface CaseTables {
  provider: TableProvider;
  /** Problems known before the run (bad inline rows, bad `where`, unreadable files). */
  problems: SpecProblem[];
  /** Problems in the event files this case reads; may grow while the query decodes columns. */
  eventProblems(): SpecProblem[];
}

/** A path written in a spec, relative to the spec file unless absolute. */
export function resolveSpecPath(specFile: string, path: string): string {
  return isAbsolute(path) ? path : join(dirname(specFile), path);
}

export class TableBinder {
  /** Tables read from files or rows, by binding, so every case shares one read. */
  private readonly materialized = new Map<TableBinding, { table?: Table; problems: SpecProblem[]; fileProblems?: () => SpecProblem[] }>();

  private readonly providers = new Map<string, { current: { tables: Map<string, Table> }; provider: TableProvider }>();

  constructor(
    private readonly spec: DetectionSpec,
    private readonly environment: Environment,
    private readonly host: SpecHost,
    private readonly now: bigint | undefined,
  ) {}

  bind(testCase: TestCase): CaseTables {
    const problems: SpecProblem[] = [];
    const tables = new Map<string, Table>();
    const fileProblems: (() => SpecProblem[])[] = [];
    const names = new Set([...this.spec.tables.keys(), ...testCase.events.keys()]);
    for (const name of names) {
      const table = this.tableFor(name, testCase.events.get(name), problems, fileProblems);
      if (table) tables.set(name, table);
    }
    return { problems, eventProblems: () => fileProblems.flatMap((f) => f()), provider: this.providerFor(tables) };
  }

  /**
   * A provider serving `tables`. The engine builds Kusto's analysis state once per provider
   * object (it can add the provider's table schemas), and that build costs far more than a small
   * test case: so cases whose tables have the same names and schemas share one provider object,
   * re-pointed at each case's tables. Cases run one after another, so this is safe.
   */
  private providerFor(tables: Map<string, Table>): TableProvider {
    const signature = [...tables].map(([name, t]) => `${name}(${t.schema.map((c) => `${c.name}:${c.type}`).join(',')})`).sort().join(';');
    let shared = this.providers.get(signature);
    if (!shared) {
      const current = { tables };
      shared = { current, provider: { table: (name) => current.tables.get(name), tableNames: () => [...current.tables.keys()] } };
      this.providers.set(signature, shared);
    }
    shared.current.tables = tables;
    return shared.provider;
  }

  private tableFor(name: string, caseBinding: TableBinding | undefined, problems: SpecProblem[], fileProblems: (() => SpecProblem[])[]): Table | undefined {
    const specBinding = this.spec.tables.get(name);
    const ownsRows = caseBinding && (caseBinding.files || caseBinding.rows);
    let table: Table | undefined;
    if (ownsRows) {
      table = this.materialize(name, caseBinding, problems, fileProblems);
    } else {
      if (!specBinding) {
        const at = caseBinding?.whereAt ?? caseBinding?.at ?? this.spec.detectionAt;
        problems.push({ file: this.spec.file, ...at, message: `this case filters ${name}, but the spec's 'tables' binds no events to ${name}` });
        return undefined;
      }
      table = this.materialize(name, specBinding, problems, fileProblems);
      if (table && specBinding.where) table = this.filter(name, table, specBinding, problems);
    }
    if (table && caseBinding?.where) table = this.filter(name, table, caseBinding, problems);
    return table;
  }

  /** The rows a binding names itself (files or inline rows), before any `where`. */
  private materialize(name: string, binding: TableBinding, problems: SpecProblem[], fileProblems: (() => SpecProblem[])[]): Table | undefined {
    let done = this.materialized.get(binding);
    if (!done) {
      const found: SpecProblem[] = [];
      if (binding.files) {
        const read = this.readFiles(name, binding, found);
        done = { table: read?.table, problems: found, fileProblems: read?.problems };
      } else {
        done = { table: binding.rows ? this.inlineTable(name, binding.rows, found) : undefined, problems: found };
      }
      this.materialized.set(binding, done);
    }
    problems.push(...done.problems);
    if (done.fileProblems) fileProblems.push(done.fileProblems);
    return done.table;
  }

  private readFiles(name: string, binding: TableBinding, problems: SpecProblem[]): ReadEvents | undefined {
    const paths = (binding.files ?? []).map((file) => resolveSpecPath(this.spec.file, file));
    const read = this.host.readEvents(paths, this.schemaOf(name));
    if ('error' in read) {
      problems.push({ file: this.spec.file, ...binding.at, message: read.error });
      return undefined;
    }
    return read;
  }

  private inlineTable(name: string, rows: WrittenRow[], problems: SpecProblem[]): Table {
    const schema = this.schemaOf(name) ?? inferSchema(rows);
    const typed = rows.map((row) => {
      const values: Value[] = new Array<Value>(schema.length).fill(null);
      for (const [column, cell] of row.cells) {
        const index = schema.findIndex((c) => c.name === column);
        if (index < 0) {
          problems.push({ file: this.spec.file, ...cell.keyAt, message: `${name} has no column '${column}'` });
          continue;
        }
        const converted = toValue(cell.value, schema[index].type);
        if ('error' in converted) problems.push({ file: this.spec.file, ...cell.at, message: `${column} is a ${schema[index].type} column: ${converted.error}` });
        else values[index] = converted.value;
      }
      return values;
    });
    return memoryTable(schema, typed);
  }

  /** Keeps the rows of `table` the binding's KQL predicate is true for, evaluated by the engine. */
  private filter(name: string, table: Table, binding: TableBinding, problems: SpecProblem[]): Table | undefined {
    const prefix = `${quoteName(name)}\n| where `;
    const run = runQuery(prefix + binding.where, this.environment, {
      now: this.now,
      explain: true,
      provider: this.providerFor(new Map([[name, table]])),
    });
    const errors = run.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || run.results.length !== 1) {
      const at = binding.whereAt ?? binding.at;
      for (const error of errors) problems.push({ file: this.spec.file, ...at, message: `${name} 'where': ${error.message}` });
      if (errors.length === 0) problems.push({ file: this.spec.file, ...at, message: `${name} 'where' did not produce a table` });
      return undefined;
    }
    const result = run.results[0];
    const filtered = memoryTable(result.columns, result.rows);
    const trace = result.trace;
    if (!trace || !table.source) return filtered;
    // Keep each row's origin, so a result row can still be traced to its event file and line.
    const source = table.source.bind(table);
    return {
      schema: filtered.schema,
      rowCount: filtered.rowCount,
      column: (column) => filtered.column(column),
      source: (row) => source(trace.rows[row]?.sources[0]?.row ?? -1),
    };
  }

  private schemaOf(name: string): ColumnSchema[] | undefined {
    const known = this.environment.tables.find((t) => t.name === name);
    if (!known) return undefined;
    return known.columns.map((c) => ({ name: c.name, type: scalarType(c.type) ?? 'dynamic' }));
  }
}

/** Columns of inline rows for a table no schema knows: in first-seen order, typed by the first value. */
function inferSchema(rows: WrittenRow[]): ColumnSchema[] {
  const types = new Map<string, ScalarType | undefined>();
  for (const row of rows) {
    for (const [column, cell] of row.cells) {
      if (types.get(column) === undefined) types.set(column, cell.value === null || cell.value === undefined ? undefined : inferType(cell.value));
    }
  }
  return [...types].map(([name, type]) => ({ name, type: type ?? 'string' }));
}

function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/'/g, "\\'")}']`;
}
