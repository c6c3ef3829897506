// Small helpers for rule messages.

/** `3 binaries`, `1 binary`. */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** `a, b, c and 4 more`: at most `limit` names. */
export function listNames(names: string[], limit = 5): string {
  if (names.length <= limit) return names.join(', ');
  return `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
}
