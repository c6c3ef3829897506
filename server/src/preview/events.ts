// Which sample events a detection is previewed on. In order: the user's choice; a test spec
// beside the detection that names it (its tables and its `now`); `<name>.events.jsonl` (or
// .ndjson/.json/.csv) next to it; an `events/` folder next to it. Files bind to tables by name.

import { basename, dirname, join } from 'node:path';
import { formatOf } from '../events/read';
import type { EventsOrigin } from '../protocol/preview';
import { resolveSpecPath } from '../testing/bind';
import { detectionStem, specFor } from '../testing/discover';
import type { FileProblem } from '../text/problem';
import type { PreviewHost } from './host';

export interface TableFiles {
  table: string;
  files: string[];
}

export interface EventSource {
  origin: EventsOrigin;
  description: string;
  bindings: TableFiles[];
  /** The spec's pinned now(), when the events come from a spec that pins one. */
  now?: bigint;
  /** Why some files could not be used (a broken spec, a file no table fits). */
  problems: FileProblem[];
}

export interface FindEventsOptions {
  /** Files or folders the user picked, overriding the conventions. */
  chosen?: readonly string[];
  /** Tables the detection reads: a file whose name does not say its table binds to the only one. */
  tablesRead: readonly string[];
  /** Every table the environment knows: `DeviceProcessEvents.csv` binds to DeviceProcessEvents. */
  knownTables: ReadonlySet<string>;
}

const EVENT_SUFFIXES = ['.events.jsonl', '.events.ndjson', '.events.json', '.events.csv'];

export function findEvents(detection: string, host: PreviewHost, options: FindEventsOptions): EventSource {
  const folder = dirname(detection);
  const stem = detectionStem(detection);

  if (options.chosen && options.chosen.length > 0) {
    const files = expand(options.chosen, host);
    const names = options.chosen.map((path) => basename(path)).join(', ');
    return fromFiles('chosen', `chosen: ${names}`, files, options);
  }

  const spec = fromSpec(detection, host);
  if (spec) return spec;

  for (const suffix of EVENT_SUFFIXES) {
    const file = join(folder, stem + suffix);
    if (host.kind(file) === 'file') return fromFiles('convention', `${basename(file)} next to the detection`, [file], options);
  }

  const eventsFolder = join(folder, 'events');
  if (host.kind(eventsFolder) === 'directory') {
    return fromFiles('convention', 'events/ next to the detection', expand([eventsFolder], host), options);
  }
  return { origin: 'none', description: 'no sample events found: add a test spec, events/ or a .events.jsonl file next to the detection, or pick files', bindings: [], problems: [] };
}

/** The events of the detection's spec (see `testing/discover.ts`), when it has one. */
function fromSpec(detection: string, host: PreviewHost): EventSource | undefined {
  const found = specFor(detection, host);
  if (!found) return undefined;
  const name = basename(found.file);
  if (!found.spec) return { origin: 'spec', description: `spec ${name} (cannot be loaded)`, bindings: [], problems: found.problems };
  const bindings: TableFiles[] = [];
  for (const [table, binding] of found.spec.tables) {
    if (binding.files && binding.files.length > 0) bindings.push({ table, files: binding.files.map((path) => resolveSpecPath(found.file, path)) });
  }
  return { origin: 'spec', description: `spec ${name}`, bindings, now: found.spec.now, problems: [] };
}

/** Paths with folders replaced by the event files below them, in name order. */
export function expand(paths: readonly string[], host: PreviewHost): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const kind = host.kind(path);
    if (kind === 'directory') files.push(...expand(host.list(path).map((name) => join(path, name)), host).filter((file) => formatOf(file)));
    else if (kind === 'file' || !kind) files.push(path);
  }
  return files;
}

function fromFiles(origin: EventsOrigin, description: string, files: string[], options: FindEventsOptions): EventSource {
  const byTable = new Map<string, string[]>();
  const problems: EventSource['problems'] = [];
  for (const file of files) {
    const table = tableOf(file, options);
    if (!table) {
      const read = options.tablesRead.length === 0 ? 'the detection reads no known table' : `the detection reads ${options.tablesRead.join(', ')}`;
      problems.push({ file, line: 0, column: 0, message: `cannot tell which table this file holds (${read}): name it after its table, e.g. DeviceProcessEvents.jsonl` });
      continue;
    }
    byTable.set(table, [...(byTable.get(table) ?? []), file]);
  }
  return { origin, description, bindings: [...byTable].map(([table, tableFiles]) => ({ table, files: tableFiles })), problems };
}

/** The table a file holds: the one its name starts with, else the only table the detection reads. */
function tableOf(file: string, options: FindEventsOptions): string | undefined {
  const stem = basename(file).split('.')[0];
  if (options.knownTables.has(stem) || options.tablesRead.includes(stem)) return stem;
  return options.tablesRead.length === 1 ? options.tablesRead[0] : undefined;
}
