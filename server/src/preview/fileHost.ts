// The preview's host on disk, shared by the language server's worker and the CLI. Event files
// read once stay cached while their size and modification time do not change: the preview re-runs
// on every edit, and decoding a column is the costly part of a run.

import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { loadEventFiles, streamEventFiles, type EventBinding } from '../events/files';
import type { EventProvider } from '../events/read';
import type { PreviewHost } from './host';

/** Event sets kept (a few detections previewed side by side). */
const CACHED_EVENT_SETS = 4;
const loaded = new Map<string, EventProvider>();
/** Byte offsets of line starts per file, with the size and time they were taken at. */
const lineStarts = new Map<string, { stamp: string; starts: number[]; size: number }>();
const SCAN_BLOCK_BYTES = 16 << 20;
/** Event sets smaller than this load whole in about the time a streamed first look takes. */
const FIRST_LOOK_ABOVE_BYTES = 16 << 20;

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
    keep(key, provider);
    return provider;
  },
  streamEvents(bindings) {
    const key = cacheKey(bindings);
    if (loaded.has(key)) return undefined;
    const bytes = bindings.flatMap((binding) => binding.files).reduce((sum, file) => sum + sizeOf(file), 0);
    // A query the reads could not filter read every event anyway: keep them for the next run.
    return bytes >= FIRST_LOOK_ABOVE_BYTES ? streamEventFiles(bindings, (provider) => keep(key, provider)) : undefined;
  },
  readLines(file, lines) {
    const found = new Map<number, string>();
    let fd: number | undefined;
    try {
      const index = lineIndexOf(file);
      fd = openSync(file, 'r');
      for (const line of lines) {
        const start = index.starts[line - 1];
        if (start === undefined) continue;
        const end = line < index.starts.length ? index.starts[line] : index.size;
        const buffer = Buffer.allocUnsafe(end - start);
        const read = readSync(fd, buffer, 0, buffer.length, start);
        found.set(line, buffer.toString('utf8', 0, read).replace(/\r?\n$/, ''));
      }
    } catch {
      // A file that changed or vanished: the caller falls back to the decoded columns.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return found;
  },
};

/** Where each line of `file` starts, found by one scan and kept while the file is unchanged. */
function lineIndexOf(file: string): { starts: number[]; size: number } {
  const stat = statSync(file);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cached = lineStarts.get(file);
  if (cached?.stamp === stamp) return cached;
  const starts = [0];
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(SCAN_BLOCK_BYTES);
    for (let offset = 0; ; ) {
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      if (read === 0) break;
      for (let i = buffer.indexOf(10); i >= 0 && i < read; i = buffer.indexOf(10, i + 1)) starts.push(offset + i + 1);
      offset += read;
    }
  } finally {
    closeSync(fd);
  }
  if (starts.at(-1) === stat.size) starts.pop();
  const entry = { stamp, starts, size: stat.size };
  lineStarts.set(file, entry);
  if (lineStarts.size > CACHED_EVENT_SETS * 4) lineStarts.delete(lineStarts.keys().next().value!);
  return entry;
}

function keep(key: string, provider: EventProvider): void {
  loaded.set(key, provider);
  if (loaded.size > CACHED_EVENT_SETS) loaded.delete(loaded.keys().next().value!);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

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
