// A JSON string literal decoded with a map from each character back to the JSON source, and the
// reverse: encoding replacement text for the inside of a JSON string.

import { MappedText, MappedTextBuilder } from './mappedText';

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes the JSON string literal `source.slice(start, end)` (quotes included), or undefined when
 * it is not a well-formed literal.
 */
export function decodeJsonString(source: string, start: number, end: number): MappedText | undefined {
  if (source[start] !== '"' || source[end - 1] !== '"' || end - start < 2) return undefined;
  const out = new MappedTextBuilder();
  for (let i = start + 1; i < end - 1; i++) {
    const ch = source[i]!;
    if (ch !== '\\') {
      out.copy(ch, i);
      continue;
    }
    const next = source[i + 1];
    if (next !== undefined && ESCAPES[next] !== undefined) {
      out.emit(ESCAPES[next], i, i + 2);
      i++;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.substr(i + 2, 4))) {
      out.emit(String.fromCharCode(parseInt(source.substr(i + 2, 4), 16)), i, i + 6);
      i += 5;
    } else return undefined;
  }
  return out.finish(start + 1, end - 1);
}

/** `text` written for the inside of a JSON string literal. */
export function encodeJsonStringContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
