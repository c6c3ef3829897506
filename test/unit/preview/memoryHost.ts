// An in-memory folder tree for the preview core's tests: paths to texts, event files read by the
// real readers from those texts.

import { dirname } from 'node:path';
import type { EventTable } from '../../../server/src/events/lazyTable';
import { concatTables, EventProvider, formatOf, readEvents } from '../../../server/src/events/read';
import type { PreviewHost } from '../../../server/src/preview';

export function memoryHost(files: Record<string, string>): PreviewHost {
  const folders = new Set<string>();
  for (const path of Object.keys(files)) {
    for (let folder = dirname(path); !folders.has(folder) && folder !== dirname(folder); folder = dirname(folder)) folders.add(folder);
  }
  return {
    kind: (path) => (path in files ? 'file' : folders.has(path) ? 'directory' : undefined),
    list: (folder) =>
      [...new Set([...Object.keys(files), ...folders].filter((path) => dirname(path) === folder && path !== folder).map((path) => path.slice(folder.length + 1)))].sort(),
    readText: (path) => (path in files ? { text: files[path] } : { error: `no file ${path}` }),
    loadEvents(bindings) {
      const tables = new Map<string, EventTable>();
      for (const binding of bindings) {
        const parts = binding.files.map((file) => readEvents(new TextEncoder().encode(files[file] ?? ''), file, formatOf(file) ?? 'jsonl', { schema: binding.schema }).table);
        tables.set(binding.table, concatTables(parts));
      }
      return new EventProvider(tables);
    },
  };
}

/** JSON Lines text of `events`. */
export function jsonl(...events: object[]): string {
  return events.map((event) => JSON.stringify(event)).join('\n') + '\n';
}
