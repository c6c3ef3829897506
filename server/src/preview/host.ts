// What the preview needs from its surroundings: a look at the folder around a detection and a way
// to read event files. The core touches no files itself; `fileHost.ts` is the one on disk.

import type { EventBinding } from '../events/files';
import type { EventProvider } from '../events/read';

export interface PreviewHost {
  /** 'file', 'directory', or undefined when nothing is at `path`. */
  kind(path: string): 'file' | 'directory' | undefined;
  /** Names of the entries of a folder (not paths); empty when it cannot be read. */
  list(folder: string): string[];
  /** The text of a file, or why it cannot be read. */
  readText(path: string): { text: string } | { error: string };
  /** Reads the bound event files. Never throws: problems are on the tables. */
  loadEvents(bindings: readonly EventBinding[], isCancelled?: () => boolean): EventProvider;
  /**
   * The text of some lines (1-based) of a file, for showing JSON Lines events as they are written
   * without decoding every column of a large file. Lines it cannot read are left out.
   */
  readLines?(file: string, lines: readonly number[]): Map<number, string>;
}
