// What an exclusion would change, measured by running the detection before and after the edit:
// on its sample events (which rows disappear) and on its tests (which true positives are lost,
// which documented false positives go quiet).

import { bundledCatalog, type Catalog } from '../catalog/catalog';
import { runQuery, type SourceRow, type TableProvider } from '../engine/index';
import type { Environment } from '../kusto/globals';
import { blockAt, queryBlocks } from '../kusto/blocks';
import type { CaseRun, TestBench } from './bench';
import { runOnEvents } from './eventRun';
import type { TuningEvent } from './exclusion';
import { fieldsOf } from './falsePositives';
import { candidateVariants, type AttackVariant } from './variants';

export interface ImpactSources {
  environment: Environment;
  /** The sample events the preview shows, and the now() they are pinned to. */
  sample?: { provider: TableProvider; now?: bigint };
  /** The detection's tests, bound to their events. */
  tests?: TestBench;
  /** An offset in the query block that is tuned (default: the last block with a query). */
  offset?: number;
  /** Where catalog variants come from (default: the bundled catalog). */
  catalog?: Catalog;
  /** Polled while the detection runs and before each proposal is measured: once true, the measurement stops and its result is to be discarded. */
  isCancelled?: () => boolean;
}

/** The detection's results before any edit: computed once, compared with every proposal. */
export interface Baseline {
  rows: SourceRow[];
  cases: CaseRun[];
  /** The events the passing true positives alert on: what the variants mutate. */
  truePositiveEvents: { caseName: string; event: TuningEvent }[];
  problems: string[];
}

/** The attack variants of one false positive that the detection alerts on before any exclusion. */
export interface VariantCheck {
  falsePositive: TuningEvent;
  /** The false positive itself alerts before the exclusion (so a proposal must silence it). */
  falsePositiveAlerts: boolean;
  variants: AttackVariant[];
  problems: string[];
}

export interface Impact {
  /** Sample events whose alert the exclusion removes. */
  removed: SourceRow[];
  /** How many alerts the sample events raise before the exclusion. */
  sampleRows: number;
  /** True when the selected event's alert is among the removed. */
  removesSelected: boolean;
  /** `tp`-tagged test cases that pass before the exclusion. */
  truePositives: number;
  /** Those of them that fail after it: the true positives the exclusion would lose. */
  truePositivesLost: string[];
  /** `fp`-tagged cases that alert before and are quiet after. */
  falsePositivesSilenced: string[];
  /** The attack variants checked (those the detection alerts on before), and those the exclusion silences. */
  variants: { checked: number; silenced: AttackVariant[] };
  /** The false positive the exclusion was made for goes quiet; undefined when it did not alert before. */
  silencesFalsePositive?: boolean;
  /** Why part of the impact could not be measured (an engine or test error). */
  problems: string[];
}

export function measureBaseline(text: string, sources: ImpactSources): Baseline {
  const sample = sampleRows(text, sources);
  const tests = testCases(text, sources);
  const truePositiveEvents = tests.cases
    .filter((c) => c.tags.includes('tp') && c.passed)
    .flatMap((c) => c.alerts.map(({ source, table }) => ({ caseName: c.name, event: { table: source.table, fields: fieldsOf(table, source.row) } })));
  return { rows: sample.rows, cases: tests.cases, truePositiveEvents, problems: [...sample.problems, ...tests.problems] };
}

/** The variants of `falsePositive` that `text` alerts on: the ones an exclusion of it must leave alone. */
export function prepareVariants(text: string, falsePositive: TuningEvent, baseline: Baseline, sources: ImpactSources): VariantCheck {
  const candidates = candidateVariants({ falsePositive, truePositives: baseline.truePositiveEvents, catalog: sources.catalog ?? bundledCatalog() });
  const run = runOnEvents(text, falsePositive.table, [falsePositive, ...candidates.map((v) => v.event)], eventRunOptions(sources));
  return {
    falsePositive,
    falsePositiveAlerts: run.alerting.has(0),
    variants: candidates.filter((_, i) => run.alerting.has(i + 1)),
    problems: run.problems.map((p) => `attack variants: ${p}`),
  };
}

function eventRunOptions(sources: ImpactSources) {
  return { environment: sources.environment, now: sources.sample?.now ?? sources.tests?.spec.now, offset: sources.offset, isCancelled: sources.isCancelled };
}

/** The impact of turning the baseline's text into `after`; `selected` is the event being excluded. */
export function measureImpact(baseline: Baseline, after: string, sources: ImpactSources, selected?: SourceRow, check?: VariantCheck): Impact {
  const sample = sampleRows(after, sources);
  const tests = testCases(after, sources);
  const variants = check ? runOnEvents(after, check.falsePositive.table, [check.falsePositive, ...check.variants.map((v) => v.event)], eventRunOptions(sources)) : undefined;
  // A run that failed removed nothing we know of: its problem says so instead.
  const remaining = new Set(sample.problems.length > 0 ? baseline.rows.map(rowKey) : sample.rows.map(rowKey));
  const removed = baseline.rows.filter((row) => !remaining.has(rowKey(row)));
  const truePositives = baseline.cases.filter((c) => c.tags.includes('tp') && c.passed);
  const passesAfter = new Map(tests.cases.map((c) => [c.name, c.passed]));
  return {
    removed,
    sampleRows: baseline.rows.length,
    removesSelected: selected !== undefined && removed.some((row) => rowKey(row) === rowKey(selected)),
    truePositives: truePositives.length,
    truePositivesLost: truePositives.filter((c) => !passesAfter.get(c.name)).map((c) => c.name),
    falsePositivesSilenced: baseline.cases.filter((c) => c.tags.includes('fp') && !c.passed && !c.error && passesAfter.get(c.name)).map((c) => c.name),
    variants: { checked: check?.variants.length ?? 0, silenced: check && variants && !variants.failed ? check.variants.filter((_, i) => !variants.alerting.has(i + 1)) : [] },
    silencesFalsePositive: check?.falsePositiveAlerts && variants && !variants.failed ? !variants.alerting.has(0) : undefined,
    problems: [...baseline.problems, ...sample.problems, ...tests.problems, ...(check?.problems ?? []), ...(variants?.problems ?? []).map((p) => `attack variants: ${p}`)],
  };
}

function rowKey(row: SourceRow): string {
  return `${row.table}#${row.row}`;
}

/** The input event of every alert on the sample events (the first, after a join or summarize). */
function sampleRows(text: string, sources: ImpactSources): { rows: SourceRow[]; problems: string[] } {
  if (!sources.sample) return { rows: [], problems: [] };
  const blocks = queryBlocks(text);
  const offset = sources.offset;
  const block = (offset === undefined ? undefined : blockAt(blocks, offset)) ?? blocks.at(-1);
  if (!block) return { rows: [], problems: [] };
  const run = runQuery(block.text, sources.environment, { provider: sources.sample.provider, now: sources.sample.now, explain: true, isCancelled: sources.isCancelled });
  const errors = run.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { rows: [], problems: errors.map((d) => `sample events: ${d.message}`) };
  const trace = run.results.at(-1)?.trace;
  return { rows: (trace?.rows ?? []).flatMap((row) => row.sources.slice(0, 1)), problems: [] };
}

/** Every case of the tests, run on `text` in place of the detection file. */
function testCases(text: string, sources: ImpactSources): { cases: CaseRun[]; problems: string[] } {
  if (!sources.tests) return { cases: [], problems: [] };
  const cases = sources.tests.run(text, sources.isCancelled);
  return { cases, problems: cases.flatMap((c) => (c.error ? [`test "${c.name}": ${c.error}`] : [])) };
}
