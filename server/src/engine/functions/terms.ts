// What a term is, and how case-insensitive comparison folds case: the open questions of
// KQL-SEMANTICS.md, each decided in one place so that a correction is a one-line change.

/**
 * Open question: which characters make up terms. Working model: ASCII letters and digits only, as
 * older Kusto docs said ("ASCII alphanumeric"). So `_` separates terms (`Hello_World` is two terms,
 * as a Stack Overflow answer, question 74827840, reports), and so does every non-ASCII character.
 */
export function isTermChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The same set as `isTermChar`, as the body of a regular-expression character class. */
export const TERM_CLASS = 'A-Za-z0-9';

/** `isTermChar` for the ASCII range as a table, for the per-character loops. */
export const ASCII_TERM_CHARS: Uint8Array = Uint8Array.from({ length: 128 }, (_, code) => (isTermChar(code) ? 1 : 0));

/**
 * Case folding for the case-insensitive operators. Kusto documents them as supported for ASCII
 * text only (`includes/in-operator-comparison.md`), so only `A`–`Z` fold; other characters must
 * match exactly.
 */
export function foldCase(code: number): number {
  return code >= 65 && code <= 90 ? code | 32 : code;
}

/** `foldCase` applied to a whole string (allocates; for needles, once per compile). */
export function foldString(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : text;
}

/**
 * Open question: does an empty needle match? Working model: yes, for every operator (the empty
 * string is a substring, prefix and suffix of every string, and the empty phrase needs no term).
 */
export const EMPTY_NEEDLE_MATCHES = true;
