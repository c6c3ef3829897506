// The messages between the language server and its preview worker thread. Environments are sent
// once per object and then named by id: the worker keeps Kusto's analysis state per environment.

import type { Environment } from '../kusto/globals';
import type { PreviewModel } from '../protocol/preview';

/** Cancellation flags shared with the worker, one per job slot (job id modulo the slot count). */
export const CANCEL_SLOTS = 1024;

export interface PreviewJob {
  kind: 'preview';
  detection: string;
  text: string;
  offset?: number;
  events?: string[];
  /** Pinned now() as ticks in decimal text (bigints do not cross every channel). */
  now?: string;
  maxRows: number;
}

/** Counts for the CodeLens of every query block of a document. */
export interface LensJob {
  kind: 'lens';
  detection: string;
  text: string;
  events?: string[];
}

export interface JobMessage {
  id: number;
  environmentId: number;
  /** Present the first time an environment is used. */
  environment?: Environment;
  job: PreviewJob | LensJob;
}

export interface BlockCounts {
  start: number;
  matched: number;
  scanned: number;
  /** Why the block cannot be counted: query errors, no events. */
  problem?: string;
}

export type JobOutcome = { model: PreviewModel } | { lenses: BlockCounts[] } | { cancelled: true } | { error: string };

export interface OutcomeMessage {
  id: number;
  outcome: JobOutcome;
}

export interface WorkerSetup {
  /** `Int32Array` over it: slot `id % CANCEL_SLOTS` is 1 when job `id` is cancelled. */
  cancelFlags: SharedArrayBuffer;
}
