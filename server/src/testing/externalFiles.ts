// Local files standing in for what detections read from outside the workspace: an
// `externaldata` URI bound to a file, a watchlist alias bound to its CSV. Nothing is fetched.

import type { ExternalDataRequest, Table, TableProvider } from '../engine/table';
import type { FileProblem } from '../text/problem';
import { watchlistTable } from '../events/watchlist';
import { readEventFiles } from './fileHost';

export interface ExternalFiles {
  /** externaldata URI → local file (.csv with a header row naming the columns, .json, .jsonl). */
  externalData: ReadonlyMap<string, string>;
  /** watchlist alias → its CSV (header row first), with the column that is its search key. */
  watchlists: ReadonlyMap<string, { file: string; searchKey?: string }>;
}

/** `base` plus the external files; each file is read once, when the query first asks for it. */
export function withExternalFiles(base: TableProvider, files: ExternalFiles): TableProvider & { problems(): FileProblem[] } {
  const read: { problems(): FileProblem[] }[] = [];
  const externals = new Map<string, Table>();
  const watchlists = new Map<string, Table>();
  return {
    table: (name) => base.table(name),
    tableNames: () => base.tableNames(),
    externalData(request: ExternalDataRequest) {
      const file = request.urls.map((url) => files.externalData.get(url)).find((f) => f !== undefined);
      if (file === undefined) return undefined;
      let table = externals.get(file);
      if (!table) {
        const events = readEventFiles([file], request.columns);
        read.push(events);
        table = events.table;
        externals.set(file, table);
      }
      return table;
    },
    watchlist(alias) {
      const binding = files.watchlists.get(alias);
      if (!binding) return undefined;
      let table = watchlists.get(alias);
      if (!table) {
        // No declared columns: every header column is read as text, as watchlist values are.
        const events = readEventFiles([binding.file], []);
        read.push(events);
        table = watchlistTable(events.table, binding.searchKey);
        watchlists.set(alias, table);
      }
      return table;
    },
    problems: () => read.flatMap((r) => r.problems()),
  };
}
