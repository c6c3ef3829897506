// The one test that parsed JSON is an object (not null, not an array), for every reader of JSON files.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
