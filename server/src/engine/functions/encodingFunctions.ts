// Byte and code-point encodings: base64 to and from byte arrays and guids, Unicode code points.

import type { Dynamic, Value } from '../values';
import { NotSupportedLocally, type Binder, type FunctionTable } from './call';

/** Base64 text → bytes, or null when the text is not padded base64 (base64-encode-fromarray#2). */
function decodeBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  return Buffer.from(text, 'base64');
}

/**
 * A guid's 16 bytes in .NET's order (Guid.ToByteArray): the first three groups little-endian, the
 * rest as written (base64-encode-fromguid#1).
 */
function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([bytes.subarray(0, 4).reverse(), bytes.subarray(4, 6).reverse(), bytes.subarray(6, 8).reverse(), bytes.subarray(8)]);
}


/** Code points from arguments that are numbers or dynamic arrays of numbers (unicode-codepoints-to-string#1..#5). */
const codepointsToString: Binder = () => (args) => {
  const points: number[] = [];
  for (const arg of args) {
    const items: Dynamic[] = Array.isArray(arg) ? arg : [arg as Dynamic];
    for (const item of items) {
      if (typeof item !== 'number' || !Number.isInteger(item) || item < 0 || item > 0x10ffff) return null;
      points.push(item);
    }
  }
  return String.fromCodePoint(...points);
};

export const encodingFunctions: FunctionTable = {
  base64_decode_toarray: () => (args) => {
    const bytes = decodeBase64((args[0] as string | null) ?? '');
    return bytes ? [...bytes] : null;
  },
  base64_encode_fromarray: () => (args) => {
    const array = args[0];
    if (!Array.isArray(array)) return '';
    if (!array.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255)) throw new NotSupportedLocally('base64_encode_fromarray() of values that are not bytes');
    return Buffer.from(array as number[]).toString('base64');
  },
  // The documented base64_decode_toguid example keeps the third group in stored order, which
  // contradicts the .NET order that base64_encode_fromguid's example shows; until a real engine
  // settles it, decoding is not guessed.
  base64_decode_toguid: () => ({ unsupported: 'base64_decode_toguid() (its documented byte order is inconsistent)' }),
  base64_encode_fromguid: () => (args: Value[]) => (args[0] === null ? '' : guidBytes(args[0] as string).toString('base64')),
  unicode_codepoints_from_string: () => (args) => Array.from((args[0] as string | null) ?? '', (c) => c.codePointAt(0)!),
  unicode_codepoints_to_string: codepointsToString,
};
