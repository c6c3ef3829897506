// The workspace core: a detection file resolved once, for the CLI's and the editor's features.

export { chooseQuery, detectionSchema, queryAt, readDetection, type ChoiceProblemAt, type DetectionFile, type DetectionKind, type DetectionQuery, type QueryChoice } from './detection';
export { resolveDetection, type DetectionRequest, type ResolvedDetection } from './resolve';
