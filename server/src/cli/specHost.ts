// The test runner's host on the command line: files from disk, events through the event readers.

import type { SpecHost } from '../testing/host';
import { readEventFiles } from './eventFiles';
import { readText } from './files';

export const fileSpecHost: SpecHost = {
  readText,
  readEvents: readEventFiles,
};
