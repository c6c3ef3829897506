// Where a detection's exclusions are measured: its sample events and its test spec, both found as
// the preview finds them (`preview/events.ts`, `testing/discover.ts`). Files are read through the
// hosts the shell passes in; the language server, its worker and the CLI all use this one lookup.

import { scalarType } from '../engine/values';
import { environmentFor } from '../kusto/environment';
import type { Environment } from '../kusto/globals';
import { namesMentioned, queryBlocks } from '../kusto/blocks';
import { findEvents } from '../preview/events';
import type { PreviewHost } from '../preview/host';
import { pinNow } from '../preview/now';
import { specFor } from '../testing/discover';
import type { SpecHost } from '../testing/host';
import { TestBench } from './bench';
import type { ImpactSources } from './impact';

export interface SourceOptions {
  /** An offset in the query block that is tuned (default: the last block with a query). */
  offset?: number;
  /** Event files chosen instead of the conventional ones. */
  events?: string[];
  /** The clock, for a now() that neither the spec nor the events pin. */
  clockMs: number;
  isCancelled?: () => boolean;
}

export function tuningSources(detection: string, text: string, environment: Environment, hosts: { files: PreviewHost; specs: SpecHost }, options: SourceOptions): ImpactSources {
  const { offset } = options;
  const blocks = queryBlocks(text);
  const block = (offset === undefined ? undefined : blocks.find((b) => b.start <= offset && offset <= b.end)) ?? blocks.at(-1);
  const knownTables = new Set(environment.tables.map((t) => t.name));
  const found = findEvents(detection, hosts.files, { chosen: options.events, tablesRead: namesMentioned(block?.text ?? '', knownTables), knownTables });
  const sources: ImpactSources = { environment, offset, isCancelled: options.isCancelled };
  if (found.bindings.length > 0) {
    const provider = hosts.files.loadEvents(
      found.bindings.map(({ table, files }) => ({
        table,
        files,
        schema: environment.tables.find((t) => t.name === table)?.columns.map((c) => ({ name: c.name, type: scalarType(c.type) ?? 'dynamic' })),
      })),
    );
    sources.sample = { provider, now: pinNow(undefined, found.now, provider, options.clockMs).ticks };
  }
  const spec = specFor(detection, hosts.files)?.spec;
  if (spec) sources.tests = new TestBench(spec, hosts.specs, environmentFor(spec.schema));
  return sources;
}
