// Builds the tables a case runs on from the spec's and the case's bindings: event files (read
// once per spec), inline rows typed by the table's schema, and `where` filters run by the engine.

import { dirname, isAbsolute, join } from 'node:path';
import { memoryTable } from '../engine/memoryTable';
import { tableColumns } from '../engine/schema';
import type { ColumnSchema, Table, TableProvider } from '../engine/table';
import type { ScalarType, Value } from '../engine/values';
import type { Environment } from '../kusto/globals';
import { inferType, toValue } from './cells';
import { evaluatePredicates, rowSubset, type PredicateContext, type PredicateOutcome } from './filter';
import type { ReadEvents, SpecHost } from './host';
import type { DetectionSpec, TableBinding, TestCase, WrittenRow } from './spec';
import { uniqueProblems, type FileProblem } from '../text/problem';

export interface CaseTables {
  provider: TableProvider;
  /** Problems known before the run (bad inline rows, bad `where`, unreadable files). */
  problems: FileProblem[];
  /** Problems in the event files this case reads; may grow while the query decodes columns. */
  eventProblems(): FileProblem[];
}

/** A path written in a spec, relative to the spec file unless absolute. */
export function resolveSpecPath(specFile: string, path: string): string {
  return isAbsolute(path) ? path : join(dirname(specFile), path);
}

export class TableBinder {
  /** Tables read from files or rows, by binding, so every case shares one read. */
  private readonly materialized = new Map<TableBinding, { table?: Table; problems: FileProblem[]; fileProblems?: () => FileProblem[] }>();

  private readonly providers = new Map<string, { current: { tables: Map<string, Table> }; provider: TableProvider }>();
  private readonly specTables = new Map<string, { table?: Table; problems: FileProblem[]; fileProblems: (() => FileProblem[])[] }>();
  /** Every event file read, for the keys their schema lacks. */
  private readonly reads: ReadEvents[] = [];
  /** Outcomes of `where` predicates, by the table they filter. */
  private readonly predicates = new Map<Table, Map<string, PredicateOutcome>>();

  constructor(
    private readonly spec: DetectionSpec,
    /** Where the schemas of known tables come from, to type event files and inline rows. */
    private readonly schemas: Environment,
    /** What `where` filters are analysed against. */
    private readonly environment: Environment,
    private readonly host: SpecHost,
    private readonly now: bigint | undefined,
  ) {}

  bind(testCase: TestCase): CaseTables {
    const problems: FileProblem[] = [];
    const tables = new Map<string, Table>();
    const fileProblems: (() => FileProblem[])[] = [];
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

  /**
   * Evaluates every case-level `where` over the spec's tables in one query per table, before the
   * cases run (see filter.ts for why). Problems surface later, when a case binds its tables.
   */
  prepare(cases: readonly TestCase[]): void {
    const byTable = new Map<string, string[]>();
    for (const testCase of cases) {
      for (const [name, binding] of testCase.events) {
        if (binding.files || binding.rows || binding.where === undefined || !this.spec.tables.has(name)) continue;
        byTable.set(name, [...(byTable.get(name) ?? []), binding.where]);
      }
    }
    for (const [name, predicates] of byTable) {
      const base = this.specTable(name, [], []);
      if (base) this.remember(base, evaluatePredicates(name, base, predicates, this.predicateContext));
    }
  }

  private tableFor(name: string, caseBinding: TableBinding | undefined, problems: FileProblem[], fileProblems: (() => FileProblem[])[]): Table | undefined {
    let table: Table | undefined;
    if (caseBinding && (caseBinding.files || caseBinding.rows)) {
      table = this.materialize(name, caseBinding, problems, fileProblems);
    } else if (this.spec.tables.has(name)) {
      table = this.specTable(name, problems, fileProblems);
    } else {
      const at = caseBinding?.whereAt ?? caseBinding?.at ?? this.spec.detectionAt;
      problems.push({ file: this.spec.file, ...at, message: `this case filters ${name}, but the spec's 'tables' binds no events to ${name}` });
      return undefined;
    }
    if (table && caseBinding?.where) table = this.filter(name, table, caseBinding, problems);
    return table;
  }

  /** The spec-level binding of `name`, with its own `where` applied; built once. */
  private specTable(name: string, problems: FileProblem[], fileProblems: (() => FileProblem[])[]): Table | undefined {
    let entry = this.specTables.get(name);
    if (!entry) {
      const binding = this.spec.tables.get(name)!;
      const found: FileProblem[] = [];
      const files: (() => FileProblem[])[] = [];
      let table = this.materialize(name, binding, found, files);
      if (table && binding.where) table = this.filter(name, table, binding, found);
      entry = { table, problems: found, fileProblems: files };
      this.specTables.set(name, entry);
    }
    problems.push(...entry.problems);
    fileProblems.push(...entry.fileProblems);
    return entry.table;
  }

  /** The rows of `table` the binding's `where` is true for (evaluated by the engine). */
  private filter(name: string, table: Table, binding: TableBinding, problems: FileProblem[]): Table | undefined {
    const predicate = binding.where!;
    let outcome = this.predicates.get(table)?.get(predicate);
    if (!outcome) {
      const evaluated = evaluatePredicates(name, table, [predicate], this.predicateContext);
      this.remember(table, evaluated);
      outcome = evaluated.get(predicate)!;
    }
    if ('errors' in outcome) {
      for (const message of outcome.errors) problems.push({ file: this.spec.file, ...(binding.whereAt ?? binding.at), message: `${name} 'where': ${message}` });
      return undefined;
    }
    return rowSubset(table, outcome.rows);
  }

  private remember(table: Table, outcomes: Map<string, PredicateOutcome>): void {
    const known = this.predicates.get(table) ?? new Map<string, PredicateOutcome>();
    for (const [predicate, outcome] of outcomes) known.set(predicate, outcome);
    this.predicates.set(table, known);
  }

  private get predicateContext(): PredicateContext {
    return { environment: this.environment, now: this.now, provider: (name, table) => this.providerFor(new Map([[name, table]])) };
  }

  /** The materialized rows of a binding, before any `where`. */
  private materialize(name: string, binding: TableBinding, problems: FileProblem[], fileProblems: (() => FileProblem[])[]): Table | undefined {
    let done = this.materialized.get(binding);
    if (!done) {
      const found: FileProblem[] = [];
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

  private readFiles(name: string, binding: TableBinding, problems: FileProblem[]): ReadEvents | undefined {
    const paths = (binding.files ?? []).map((file) => resolveSpecPath(this.spec.file, file));
    const read = this.host.readEvents(paths, tableColumns(this.schemas, name));
    if ('error' in read) {
      problems.push({ file: this.spec.file, ...binding.at, message: read.error });
      return undefined;
    }
    this.reads.push(read);
    return read;
  }

  /** The keys of the events read so far that their table's schema has no column for, once each. */
  unknownFields(): FileProblem[] {
    return uniqueProblems(this.reads.flatMap((read) => read.unknownFields?.() ?? []));
  }

  private inlineTable(name: string, rows: WrittenRow[], problems: FileProblem[]): Table {
    const schema = tableColumns(this.schemas, name) ?? inferSchema(rows);
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
