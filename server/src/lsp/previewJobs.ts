// The messages between the language server and its preview worker thread. Environments are sent
// once per object and then named by id: the worker keeps Kusto's analysis state per environment.

import type { Environment } from '../kusto/globals';
import type { PreviewModel } from '../protocol/preview';
import type { ExclusionProposal, ImpactSummary } from '../protocol/tuning';

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
  firstLook?: boolean;
}

/** Counts for the CodeLens of every query block of a document. */
export interface LensJob {
  kind: 'lens';
  detection: string;
  text: string;
  events?: string[];
}

/** The exclusions for one false positive, each measured (the preview's "Exclude…"). */
export interface TuneJob {
  kind: 'tune';
  detection: string;
  text: string;
  offset?: number;
  events?: string[];
  event: { table: string; fields: Record<string, string> };
  /** The event's row in the sample events, when it is one. */
  selected?: { table: string; row: number };
  /** Date.now() ms after which the measurement stops and says so. */
  deadline: number;
}

/** The preferred exclusion for each event of one `fp` case, applied in turn (the light bulb's resolve). */
export interface TuneCaseJob {
  kind: 'tune-case';
  detection: string;
  text: string;
  offset?: number;
  caseName: string;
  deadline: number;
}

export interface JobMessage {
  id: number;
  environmentId: number;
  /** Present the first time an environment is used. */
  environment?: Environment;
  job: PreviewJob | LensJob | TuneJob | TuneCaseJob;
}

export interface BlockCounts {
  start: number;
  matched: number;
  scanned: number;
  /** Why the block cannot be counted: query errors, no events. */
  problem?: string;
}

/** The text with the case's false positives excluded, and what each exclusion does; `text` is absent when nothing was applied. */
export interface TunedCase {
  text?: string;
  applied: { title: string; impact: ImpactSummary }[];
  /** Why an event of the case got no exclusion (none keeps every true positive, or none fits). */
  problems: string[];
}

export type JobOutcome =
  | { model: PreviewModel }
  | { lenses: BlockCounts[] }
  | { proposals: ExclusionProposal[] }
  | { tuned: TunedCase }
  | { cancelled: true }
  | { error: string };

export interface OutcomeMessage {
  id: number;
  outcome: JobOutcome;
}

export interface WorkerSetup {
  /** `Int32Array` over it: slot `id % CANCEL_SLOTS` is 1 when job `id` is cancelled. */
  cancelFlags: SharedArrayBuffer;
}
