// The preview's host on disk, shared by the language server's worker and the CLI. Event files
// read once stay cached while their size and modification time do not change: the preview re-runs
// on every edit, and decoding a column is the costly part of a run.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadEventFiles, type EventBinding } from '../events/files';
import type { EventProvider } from '../events/read';
import type { PreviewHost } from './host';

/** Event sets kept (a few detections previewed side by side). */
const CACHED_EVENT_SETS = 4;
const loaded = new Map<string, EventProvider>();

export const fileHost: PreviewHost = {
  kind(path) {
    try {
      const stat = statSync(path);
      return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  list(folder) {
    try {
      return readdirSync(folder).sort();
    } catch {
      return [];
    }
  },
  readText(path) {
    try {
      return { text: readFileSync(path, 'utf8') };
    } catch (error) {
      return { error: `cannot read ${path}: ${(error as Error).message}` };
    }
  },
  loadEvents(bindings, isCancelled) {
    const key = cacheKey(bindings);
    const cached = loaded.get(key);
    if (cached) {
      // Most recently used last, so the oldest entry is the first one evicted.
      loaded.delete(key);
      loaded.set(key, cached);
      return cached;
    }
    const provider = loadEventFiles(bindings, { isCancelled });
    if (isCancelled?.()) return provider;
    loaded.set(key, provider);
    if (loaded.size > CACHED_EVENT_SETS) loaded.delete(loaded.keys().next().value!);
    return provider;
  },
};

/** The bindings plus each file's size and modification time: a changed file gives a new key. */
function cacheKey(bindings: readonly EventBinding[]): string {
  return JSON.stringify(
    bindings.map((binding) => ({
      ...binding,
      files: binding.files.map((file) => {
        try {
          const stat = statSync(file);
          return [file, stat.size, stat.mtimeMs];
        } catch {
          return [file, -1, -1];
        }
      }),
    })),
  );
}
