// The live preview's core: which events, which now(), one explained run, the model the panel,
// the CodeLens and `kql-detect preview` show. Reading files goes through a `PreviewHost`.

export { findEvents, type EventSource, type TableFiles } from './events';
export type { PreviewHost } from './host';
export { buildModel, toCell } from './model';
export { latestEventTime, pinNow, type PinnedNow } from './now';
export { runPreview, type PreviewOutcome, type PreviewRequest } from './run';
