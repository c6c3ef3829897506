// The one resolution every feature over a detection shares: document → its detections → the query
// in use, with its map to host offsets → the spec that tests it → the tables it runs against.
// The events and the pinned now() follow from the spec (`preview/events.ts`, `testing/bind.ts`).

import { environmentFor, type SchemaKind } from '../kusto/environment';
import type { Environment } from '../kusto/globals';
import { specFor, type FolderView, type FoundSpec } from '../testing/discover';
import { NO_DETECTION, chooseQuery, detectionSchema, readDetection, type DetectionFile, type DetectionQuery, type QueryChoice } from './detection';

export interface DetectionRequest {
  file: string;
  /** The file's text when the caller holds it (an open editor); else it is read through the host. */
  text?: string;
  /** The query wanted by number or name (`--block`); by default the file's only one. */
  choice?: QueryChoice;
  /** Tables chosen by the user (`--schema`, a setting); wins over the spec's and the product's. */
  schema?: SchemaKind;
}

export interface ResolvedDetection {
  detection: DetectionFile;
  /** The query in use; undefined when the file has none (`problem` says why when it matters). */
  query?: DetectionQuery;
  problem?: string;
  spec?: FoundSpec;
  schema: SchemaKind;
  environment: Environment;
}

/** Resolves a detection file. An error when it cannot be read or holds no detection. Never throws. */
export function resolveDetection(request: DetectionRequest, host: FolderView): ResolvedDetection | { error: string } {
  let text = request.text;
  if (text === undefined) {
    const read = host.readText(request.file);
    if ('error' in read) return { error: read.error };
    text = read.text;
  }
  const detection = readDetection(request.file, text);
  if (!detection) return { error: `${request.file}: ${NO_DETECTION}` };
  const spec = specFor(request.file, host);
  const schema = detectionSchema(detection, spec?.spec, request.schema);
  const chosen = chooseQuery(detection, request.choice);
  const picked = 'query' in chosen ? { query: chosen.query } : { problem: chosen.message };
  return { detection, ...picked, spec, schema, environment: environmentFor(schema) };
}
