// Tuning's messages, declared once: the requests the client's "Exclude…" command sends, and the
// arguments of the light bulb's code actions. Plain types, so the client can import them.

import { request } from './messages';
import type { PreviewEvent } from './preview';

/** What the edits write: mirrors the tuning core's `Exclusion`. */
export interface ExclusionData {
  kind: 'device-path' | 'group-path' | 'path-signer' | 'parent-command' | 'tool-path' | 'deployment' | 'parent' | 'parent-name' | 'signer' | 'company' | 'device' | 'account';
  /** The table of the false positive: the `where not(...)` goes into its pipeline. */
  table: string;
  /** The allowlist entry (a folder prefix, a path, a name). */
  value: string;
  /** What a scoped entry is narrowed to: the device, the device group, the signer, or the command line. */
  qualifier?: string;
  /** The entry's comment: what it is, a reason or a ticket. */
  comment: string;
}

export interface ImpactSummary {
  /** Alerts on the sample events before the exclusion, and how many it removes. */
  sampleRows: number;
  removedRows: number;
  /** The selected event's alert is among the removed. */
  removesSelected: boolean;
  /** `tp` test cases passing before; those that would fail after. */
  truePositives: number;
  truePositivesLost: string[];
  /** `fp` test cases that alert before and are quiet after. */
  falsePositivesSilenced: string[];
  /** Attack variants the detection alerts on before the exclusion, and those it silences (by name). */
  variantsChecked: number;
  variantsSilenced: string[];
  /** Where the exclusion applies: `fleet`, or the device, device group, signer or parent it is bound to. */
  scope: string;
  /** What could not be measured (an engine or test error). */
  problems: string[];
}

export interface ExclusionProposal {
  title: string;
  exclusion: ExclusionData;
  impact: ImpactSummary;
  /** Keeps every true positive (there are some to check) and silences the fewest attack variants. */
  preferred: boolean;
  /** It loses true positives: its title says which. */
  force: boolean;
  /** Narrower scopes that could not be offered, and why (e.g. no device-group column). */
  notes: string[];
}

export interface ProposeExclusionsParams {
  textDocument: { uri: string };
  /** The false positive, as the preview shows it. */
  event: PreviewEvent;
  /** An offset in the query block that is tuned; default: the last block with a query. */
  offset?: number;
  /** Event files the preview was given instead of the conventional ones. */
  events?: string[];
}

export type ProposeExclusionsResult = { proposals: ExclusionProposal[] } | { error: string };

/** Client → server: the exclusions that fit an event, ranked, each with its impact. */
export const proposeExclusionsRequest = request<ProposeExclusionsParams, ProposeExclusionsResult>('kqlDetect/proposeExclusions');

export interface ExclusionEditParams {
  textDocument: { uri: string };
  exclusion: ExclusionData;
  offset?: number;
}

export interface LineRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export type ExclusionEditResult =
  | { edits: { range: LineRange; newText: string }[]; version: number }
  | { unchanged: true }
  | { error: string };

/** Client → server: the edit that writes an exclusion, computed from the document's current text. */
export const exclusionEditRequest = request<ExclusionEditParams, ExclusionEditResult>('kqlDetect/exclusionEdit');

/** What a tuning code action carries to `codeAction/resolve` (no server-side state). */
export interface TuningActionData {
  tuning: 'exclusion';
  uri: string;
  offset?: number;
  exclusion: ExclusionData;
}

/** What the light bulb's exclusion for a documented false positive carries; resolve adds what it measured. */
export interface FalsePositiveActionData {
  tuning: 'false-positive';
  uri: string;
  offset?: number;
  /** The `fp` case of the spec whose events are excluded. */
  caseName: string;
  /** After resolve: each exclusion the edit writes, with its impact and blast radius. */
  applied?: { title: string; impact: ImpactSummary }[];
  /** After resolve: why nothing (or not everything) was excluded. */
  problems?: string[];
}

/**
 * The arguments of `kqlDetect.tuning.excludeRow` (EXCLUDE_ROW_COMMAND in protocol/preview.ts),
 * which the preview's "Exclude…" runs: the detection's URI and the row's input event.
 */
export interface ExcludeRowArgs {
  uri: string;
  event: PreviewEvent;
  offset?: number;
  events?: string[];
}
