// The query a command works on, taken through the workspace core: a `.kql` file whole (each of its
// statements counts) unless --block picks one of its blocks, or a rule file's query, the one
// --block picks when the file holds several. Positions map back to the host file.

import type { SchemaKind } from '../kusto/environment';
import type { Environment } from '../kusto/globals';
import { fileHost } from '../preview/fileHost';
import { wholeKqlFile, type DetectionQuery, type QueryChoice } from '../workspace/detection';
import { resolveDetection, type ResolvedDetection } from '../workspace/resolve';
import { UsageError } from './exit';

export const BLOCK_HELP = `--block N|NAME             one query: a .kql block by number or '// name:', or one rule of
                             an ARM template by number or displayName`;

export interface CommandQuery {
  query: DetectionQuery;
  /** The host file's text, for its line index. */
  hostText: string;
  /** The query is a rule's: Sentinel and Defender run it whole, blank lines and all. */
  asOneQuery: boolean;
  environment: Environment;
  resolved: ResolvedDetection;
}

/** `--block`'s value as a choice: a positive number, else a name. */
export function blockChoice(block: string | undefined): QueryChoice | undefined {
  if (block === undefined) return undefined;
  return /^\d+$/.test(block) && Number(block) >= 1 ? { number: Number(block) } : { name: block };
}

/** The query of `file` a command runs; a usage error when the file holds no detection or none fits. */
export function commandQuery(file: string, block: string | undefined, schema: SchemaKind | undefined): CommandQuery {
  const choice = blockChoice(block);
  const resolved = resolveDetection({ file, choice, schema }, fileHost);
  if ('error' in resolved) throw new UsageError(resolved.error);
  const { detection, environment } = resolved;
  const base = { hostText: detection.text, asOneQuery: detection.kind !== 'kql', environment, resolved };
  if (detection.kind === 'kql' && !choice) return { query: wholeKqlFile(detection), ...base };
  if (!resolved.query) throw new UsageError(`${file}: ${resolved.problem}`);
  return { query: resolved.query, ...base };
}
