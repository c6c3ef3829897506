// What the preview needs from its surroundings: a look at the folder around a detection and a way
// to read event files. The core touches no files itself; `fileHost.ts` is the one on disk.

import type { EventBinding, StreamedEvents } from '../events/files';
import type { EventProvider } from '../events/read';
import type { FolderView } from '../testing/discover';

export interface PreviewHost extends FolderView {
  /** Reads the bound event files. Never throws: problems are on the tables. */
  loadEvents(bindings: readonly EventBinding[], isCancelled?: () => boolean): EventProvider;
  /**
   * The bound files streamed, for a first look before `loadEvents` reads them whole; undefined when
   * that would gain nothing (the set is loaded already, or small).
   */
  streamEvents?(bindings: readonly EventBinding[]): StreamedEvents | undefined;
  /**
   * The text of some lines (1-based) of a file, for showing JSON Lines events as they are written
   * without decoding every column of a large file. Lines it cannot read are left out.
   */
  readLines?(file: string, lines: readonly number[]): Map<number, string>;
}
