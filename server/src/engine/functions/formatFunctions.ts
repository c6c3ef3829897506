// format_datetime() and format_timespan(): the format elements Kusto documents, which are a
// subset of .NET's custom format strings. An element outside that list is reported as not
// supported rather than guessed.

import { splitTicks, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND, type Value } from '../values';
import { NotSupportedLocally, constantArg, type Binder, type CallInfo, type FunctionTable } from './call';

/** Characters Kusto documents as separators, copied to the output as they are. */
const SEPARATORS = new Set([' ', '/', '-', ':', ',', '.', '_', '[', ']']);

type Token = { element: string } | { literal: string };

/** Splits a format into runs of one format letter and literal separators; throws on anything else. */
function tokenize(format: string, letters: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < format.length; ) {
    const c = format[i];
    if (letters.includes(c)) {
      let j = i;
      while (j < format.length && format[j] === c) j++;
      tokens.push({ element: format.slice(i, j) });
      i = j;
    } else if (SEPARATORS.has(c)) {
      tokens.push({ literal: c });
      i++;
    } else {
      throw new NotSupportedLocally(`the format element '${c}'`);
    }
  }
  return tokens;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `f…` (fixed digits) and `F…` (trailing zeros trimmed) of a 7-digit tick fraction. */
function fraction(element: string, ticks: number): string | undefined {
  if (element.length > 7) return undefined;
  const digits = pad(ticks, 7).slice(0, element.length);
  return element[0] === 'f' ? digits : digits.replace(/0+$/, '');
}

/** Joins formatted pieces; like .NET, a `.` right before an `F` element that printed nothing is dropped. */
function render(tokens: Token[], format: (element: string) => string | undefined, what: string): string {
  let out = '';
  for (const token of tokens) {
    if ('literal' in token) {
      out += token.literal;
      continue;
    }
    const text = format(token.element);
    if (text === undefined) throw new NotSupportedLocally(`${what} with the format element '${token.element}'`);
    if (text === '' && token.element[0] === 'F' && out.endsWith('.')) out = out.slice(0, -1);
    out += text;
  }
  return out;
}

/** Tokens from the literal format, or per row when the format varies. */
function formatTokens(info: CallInfo, letters: string): ((args: Value[]) => Token[]) | { unsupported: string } {
  const constant = constantArg(info, 1);
  if (typeof constant !== 'string') return (args) => tokenize((args[1] as string | null) ?? '', letters);
  try {
    const tokens = tokenize(constant, letters);
    return () => tokens;
  } catch (error) {
    return { unsupported: `${info.name}() with ${(error as NotSupportedLocally).what}` };
  }
}

const formatDatetime: Binder = (info) => {
  const tokens = formatTokens(info, 'dfFhHmMsyt');
  if (typeof tokens !== 'function') return tokens;
  return (args) => {
    if (args[0] === null) return '';
    const { ms, subTicks } = splitTicks(args[0] as bigint);
    const date = new Date(ms);
    const ticks = date.getUTCMilliseconds() * 10_000 + subTicks;
    const hour = date.getUTCHours();
    const year = date.getUTCFullYear();
    return render(
      tokens(args),
      (element) => {
        switch (element) {
          case 'd':
          case 'dd':
            return pad(date.getUTCDate(), element.length);
          case 'M':
          case 'MM':
            return pad(date.getUTCMonth() + 1, element.length);
          case 'y':
          case 'yy':
            return pad(year % 100, element.length);
          case 'yyyy':
            return pad(year, 4);
          case 'h':
          case 'hh':
            return pad(hour % 12 === 0 ? 12 : hour % 12, element.length);
          case 'H':
          case 'HH':
            return pad(hour, element.length);
          case 'm':
          case 'mm':
            return pad(date.getUTCMinutes(), element.length);
          case 's':
          case 'ss':
            return pad(date.getUTCSeconds(), element.length);
          case 'tt':
            return hour < 12 ? 'AM' : 'PM';
          default:
            return /^[fF]+$/.test(element) ? fraction(element, ticks) : undefined;
        }
      },
      'format_datetime()',
    );
  };
};

const formatTimespan: Binder = (info) => {
  const tokens = formatTokens(info, 'dfFhHms');
  if (typeof tokens !== 'function') return tokens;
  return (args) => {
    if (args[0] === null) return '';
    const ticks = args[0] as bigint;
    if (ticks < 0n) throw new NotSupportedLocally('format_timespan() of a negative timespan');
    const days = Number(ticks / TICKS_PER_DAY);
    const hours = Number((ticks % TICKS_PER_DAY) / TICKS_PER_HOUR);
    const minutes = Number((ticks % TICKS_PER_HOUR) / TICKS_PER_MINUTE);
    const seconds = Number((ticks % TICKS_PER_MINUTE) / TICKS_PER_SECOND);
    const rest = Number(ticks % TICKS_PER_SECOND);
    return render(
      tokens(args),
      (element) => {
        switch (element[0]) {
          case 'd':
            return element.length <= 8 ? pad(days, element.length) : undefined;
          case 'h':
          case 'H':
            return element.length <= 2 ? pad(hours, element.length) : undefined;
          case 'm':
            return element.length <= 2 ? pad(minutes, element.length) : undefined;
          case 's':
            return element.length <= 2 ? pad(seconds, element.length) : undefined;
          default:
            return fraction(element, rest);
        }
      },
      'format_timespan()',
    );
  };
};

const BYTE_UNITS = ['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/**
 * `format_bytes(size [, precision [, units]])`: the size in 1024-based units, the largest unit
 * below the size unless one is named, with `precision` decimals (format-bytes-function#1).
 */
const formatBytes: Binder = () => (args) => {
  const [size, precision = 0, units] = args;
  if (size === null || precision === null) return '';
  const bytes = Number(size);
  let unit = typeof units === 'string' && units !== '' ? BYTE_UNITS.findIndex((u) => u.toLowerCase() === units.toLowerCase()) : -1;
  if (typeof units === 'string' && units !== '' && unit < 0) throw new NotSupportedLocally(`format_bytes() with the units ${JSON.stringify(units)}`);
  if (unit < 0) {
    unit = 0;
    while (unit < BYTE_UNITS.length - 1 && Math.abs(bytes) >= 1024 ** (unit + 1)) unit++;
  }
  return `${(bytes / 1024 ** unit).toFixed(Number(precision))} ${BYTE_UNITS[unit]}`;
};

export const formatFunctions: FunctionTable = {
  format_datetime: formatDatetime,
  format_timespan: formatTimespan,
  format_bytes: formatBytes,
};
