// Datetime and timespan functions. Datetimes are bigint ticks (100 ns) since 1970-01-01 UTC; the
// calendar arithmetic goes through JavaScript's proleptic Gregorian UTC calendar, which is the
// calendar .NET (and so Kusto) uses.

import { splitTicks, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MILLISECOND, TICKS_PER_MINUTE, TICKS_PER_SECOND, type Value } from '../values';
import { NotSupportedLocally, constantArg, nullIfAnyNull, type Binder, type CallInfo, type FunctionTable } from './call';

/** Ticks from 0001-01-01 (where .NET counts from) to 1970-01-01: bins of datetimes align to 0001-01-01. */
const DOTNET_EPOCH_OFFSET = 621355968000000000n;
const TICKS_PER_WEEK = 7n * TICKS_PER_DAY;
const TICKS_PER_MICROSECOND = 10n;

// --- calendar helpers -------------------------------------------------------------------------

interface Parts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Ticks within the second, 0–9,999,999. */
  fraction: number;
  /** 0 = Sunday. */
  weekday: number;
}

function partsOf(ticks: bigint): Parts {
  const { ms, subTicks } = splitTicks(ticks);
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    fraction: date.getUTCMilliseconds() * 10_000 + subTicks,
    weekday: date.getUTCDay(),
  };
}

/** Ticks of a calendar date and time; months and days outside their range roll over like Date.UTC. */
function ticksOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): bigint {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return BigInt(date.getTime()) * TICKS_PER_MILLISECOND;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Floors `value` to a multiple of `size` (toward -∞). */
function floorTo(value: bigint, size: bigint): bigint {
  const remainder = value % size;
  return remainder < 0n ? value - remainder - size : value - remainder;
}

function startOfDay(ticks: bigint): bigint {
  return floorTo(ticks, TICKS_PER_DAY);
}

/** Weeks start on Sunday (startofweek-function#1). */
function startOfWeek(ticks: bigint): bigint {
  const day = startOfDay(ticks);
  return day - BigInt(partsOf(day).weekday) * TICKS_PER_DAY;
}

/** .NET's AddMonths: the day is clamped to the length of the target month. */
function addMonths(ticks: bigint, months: number): bigint {
  const p = partsOf(ticks);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  return ticksOf(year, month, day, p.hour, p.minute, p.second) + BigInt(p.fraction);
}

function dayOfYear(p: Parts): number {
  return Number((ticksOf(p.year, p.month, p.day) - ticksOf(p.year, 1, 1)) / TICKS_PER_DAY) + 1;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeek(p: Parts): number {
  const mondayBased = (p.weekday + 6) % 7;
  const thursday = ticksOf(p.year, p.month, p.day) + BigInt(3 - mondayBased) * TICKS_PER_DAY;
  const thursdayParts = partsOf(thursday);
  return Math.floor((dayOfYear(thursdayParts) - 1) / 7) + 1;
}

// --- argument helpers -------------------------------------------------------------------------

/** A function whose null arguments give null. */
function strict(compute: (args: Value[]) => Value): Binder {
  return () => nullIfAnyNull(compute);
}

/** A datepart name (case-insensitive), read from a literal when there is one. */
function partArg(info: CallInfo, index: number, known: Set<string>): ((args: Value[]) => string) | { unsupported: string } {
  const check = (value: Value): string => {
    const part = String(value ?? '').toLowerCase();
    if (!known.has(part)) throw new NotSupportedLocally(`${info.name}() with the part ${JSON.stringify(value)}`);
    return part;
  };
  const constant = constantArg(info, index);
  if (constant === undefined) return (args) => check(args[index]);
  try {
    const part = check(constant);
    return () => part;
  } catch (error) {
    return { unsupported: (error as NotSupportedLocally).what };
  }
}

// --- bin --------------------------------------------------------------------------------------

/**
 * `bin(value, size)` / `floor(value, size)` and `bin_at(value, size, fixedPoint)`: the value
 * rounded down to a multiple of `size` (counted from `fixedPoint`, or from 0 — for datetimes from
 * 0001-01-01, as .NET ticks count). A size that is not positive gives null.
 */
function binFunction(withFixedPoint: boolean): Binder {
  return (info) => {
    const valueType = info.argTypes[0];
    const integral = info.resultType === 'int' || info.resultType === 'long';
    return (args) => {
      const [value, size, fixed] = args;
      if (value === null || size === null || (withFixedPoint && fixed === null)) return null;
      if (valueType === 'datetime' || valueType === 'timespan') {
        const step = timespanSize(size);
        if (step <= 0n) return null;
        return binTicks(value as bigint, step, valueType, withFixedPoint ? (fixed as bigint) : undefined);
      }
      const step = Number(size);
      if (!(step > 0)) return null;
      const origin = withFixedPoint ? Number(fixed) : 0;
      const binned = Math.floor((Number(value) - origin) / step) * step + origin;
      return integral ? Math.trunc(binned) : binned;
    };
  };
}

/**
 * A datetime or timespan rounded down to a multiple of a positive `step` counted from `fixed`,
 * or from 0 (for datetimes 0001-01-01, as .NET ticks count) as bin() does.
 */
export function binTicks(value: bigint, step: bigint, type: 'datetime' | 'timespan', fixed?: bigint): bigint {
  const origin = fixed ?? (type === 'datetime' ? -DOTNET_EPOCH_OFFSET : 0n);
  return floorTo(value - origin, step) + origin;
}

/** The bin size for a datetime or timespan value, which Kusto types as a timespan. */
function timespanSize(size: Value): bigint {
  if (typeof size === 'bigint') return size;
  throw new NotSupportedLocally('bin() of a datetime or timespan by a size that is not a timespan');
}

// --- start/end of periods ---------------------------------------------------------------------

type PeriodStart = (ticks: bigint, offset: number) => bigint;

const PERIOD_STARTS: Record<'day' | 'week' | 'month' | 'year', PeriodStart> = {
  day: (t, offset) => startOfDay(t) + BigInt(offset) * TICKS_PER_DAY,
  week: (t, offset) => startOfWeek(t) + BigInt(offset) * TICKS_PER_WEEK,
  month: (t, offset) => {
    const p = partsOf(t);
    return addMonths(ticksOf(p.year, p.month, 1), offset);
  },
  year: (t, offset) => ticksOf(partsOf(t).year + offset, 1, 1),
};

function startOf(period: keyof typeof PERIOD_STARTS): Binder {
  return strict(([t, offset]) => PERIOD_STARTS[period](t as bigint, offset === undefined ? 0 : Number(offset)));
}

/** The last tick of the period: the next period's start minus one tick (endofday#1 …). */
function endOf(period: keyof typeof PERIOD_STARTS): Binder {
  return strict(([t, offset]) => PERIOD_STARTS[period](t as bigint, (offset === undefined ? 0 : Number(offset)) + 1) - 1n);
}

// --- parts, add, diff -------------------------------------------------------------------------

const PART_NAMES = new Set(['year', 'quarter', 'month', 'week_of_year', 'week', 'day', 'dayofyear', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond']);

function datePart(part: string, ticks: bigint): number {
  const p = partsOf(ticks);
  switch (part) {
    case 'year':
      return p.year;
    case 'quarter':
      return Math.floor((p.month - 1) / 3) + 1;
    case 'month':
      return p.month;
    case 'week_of_year':
    case 'week':
      return isoWeek(p);
    case 'day':
      return p.day;
    case 'dayofyear':
      return dayOfYear(p);
    case 'hour':
      return p.hour;
    case 'minute':
      return p.minute;
    case 'second':
      return p.second;
    case 'millisecond':
      return Math.floor(p.fraction / 10_000);
    case 'microsecond':
      return Math.floor(p.fraction / 10);
    default:
      return p.fraction * 100; // nanosecond
  }
}

const datetimePart: Binder = (info) => {
  const part = partArg(info, 0, PART_NAMES);
  if (typeof part !== 'function') return part;
  return (args) => (args[1] === null ? null : datePart(part(args), args[1] as bigint));
};

const FIXED_UNITS: Record<string, bigint> = {
  week: TICKS_PER_WEEK,
  day: TICKS_PER_DAY,
  hour: TICKS_PER_HOUR,
  minute: TICKS_PER_MINUTE,
  second: TICKS_PER_SECOND,
  millisecond: TICKS_PER_MILLISECOND,
  microsecond: TICKS_PER_MICROSECOND,
};

const ADD_PARTS = new Set(['year', 'quarter', 'month', ...Object.keys(FIXED_UNITS), 'nanosecond']);

/** `datetime_add(part, amount, datetime)`; months, quarters and years clamp the day like .NET. */
const datetimeAdd: Binder = (info) => {
  const part = partArg(info, 0, ADD_PARTS);
  if (typeof part !== 'function') return part;
  return (args) => {
    const [, amount, t] = args;
    if (amount == null || t == null) return null;
    const n = Math.trunc(Number(amount));
    const ticks = t as bigint;
    switch (part(args)) {
      case 'year':
        return addMonths(ticks, 12 * n);
      case 'quarter':
        return addMonths(ticks, 3 * n);
      case 'month':
        return addMonths(ticks, n);
      case 'nanosecond':
        return ticks + BigInt(Math.trunc(n / 100));
      default:
        return ticks + BigInt(n) * FIXED_UNITS[part(args)];
    }
  };
};

/**
 * `datetime_diff(part, a, b)`: how many `part` boundaries lie between b and a (positive when a is
 * later) — calendar fields for years/quarters/months, week starts (Sunday) for weeks, and floored
 * units below (datetime-diff-function#1).
 */
const datetimeDiff: Binder = (info) => {
  const part = partArg(info, 0, ADD_PARTS);
  if (typeof part !== 'function') return part;
  return (args) => {
    const [, a, b] = args;
    if (a == null || b == null) return null;
    const t1 = a as bigint;
    const t2 = b as bigint;
    const p1 = partsOf(t1);
    const p2 = partsOf(t2);
    switch (part(args)) {
      case 'year':
        return p1.year - p2.year;
      case 'quarter':
        return p1.year * 4 + Math.floor((p1.month - 1) / 3) - (p2.year * 4 + Math.floor((p2.month - 1) / 3));
      case 'month':
        return p1.year * 12 + p1.month - (p2.year * 12 + p2.month);
      case 'week':
        return Number((startOfWeek(t1) - startOfWeek(t2)) / TICKS_PER_WEEK);
      case 'nanosecond':
        return Number((t1 - t2) * 100n);
      default: {
        const unit = FIXED_UNITS[part(args)];
        return Number((floorTo(t1, unit) - floorTo(t2, unit)) / unit);
      }
    }
  };
};

// --- construction -----------------------------------------------------------------------------

/** `make_datetime(year, month, day [, hour, minute, second])`; second may be fractional; invalid dates give null. */
const makeDatetime: Binder = () => (args) => {
  if (args.some((a) => a === null)) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = args.map(Number);
  if (![year, month, day, hour, minute].every(Number.isInteger)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second >= 60) return null;
  return ticksOf(year, month, day, hour, minute) + secondsToTicks(second);
};

/** `make_timespan(hour, minute)`, `(hour, minute, second)` or `(day, hour, minute, second)`. */
const makeTimespan: Binder = () => (args) => {
  if (args.some((a) => a === null)) return null;
  const n = args.map(Number);
  const [day, hour, minute, second] = n.length === 4 ? n : [0, n[0], n[1], n[2] ?? 0];
  return BigInt(Math.trunc(day)) * TICKS_PER_DAY + BigInt(Math.trunc(hour)) * TICKS_PER_HOUR + BigInt(Math.trunc(minute)) * TICKS_PER_MINUTE + secondsToTicks(second);
};

function secondsToTicks(seconds: number): bigint {
  // Scaled in decimal text so that 55.123 gives exactly 551230000 ticks, not 551229999.
  const [whole, fraction = ''] = String(seconds).split('.');
  if (whole.includes('e')) return BigInt(Math.round(seconds * 1e7));
  return BigInt(whole) * TICKS_PER_SECOND + (whole.startsWith('-') ? -1n : 1n) * BigInt((fraction + '0000000').slice(0, 7));
}

/** unixtime_*_todatetime: a count of units since 1970-01-01; fractions round to the nearest tick. */
function fromUnixTime(ticksPerUnit: number): Binder {
  return strict(([v]) => {
    const n = Number(v);
    if (!Number.isFinite(n)) return null;
    if (Number.isInteger(n) && ticksPerUnit >= 1) return BigInt(n) * BigInt(ticksPerUnit);
    if (Number.isInteger(n)) return BigInt(n) / BigInt(Math.round(1 / ticksPerUnit));
    return BigInt(Math.round(n * ticksPerUnit));
  });
}

export const datetimeFunctions: FunctionTable = {
  bin: binFunction(false),
  floor: binFunction(false),
  bin_at: binFunction(true),
  startofday: startOf('day'),
  startofweek: startOf('week'),
  startofmonth: startOf('month'),
  startofyear: startOf('year'),
  endofday: endOf('day'),
  endofweek: endOf('week'),
  endofmonth: endOf('month'),
  endofyear: endOf('year'),
  dayofweek: strict(([t]) => BigInt(partsOf(t as bigint).weekday) * TICKS_PER_DAY),
  dayofmonth: strict(([t]) => partsOf(t as bigint).day),
  dayofyear: strict(([t]) => dayOfYear(partsOf(t as bigint))),
  hourofday: strict(([t]) => partsOf(t as bigint).hour),
  getyear: strict(([t]) => partsOf(t as bigint).year),
  getmonth: strict(([t]) => partsOf(t as bigint).month),
  monthofyear: strict(([t]) => partsOf(t as bigint).month),
  weekofyear: strict(([t]) => isoWeek(partsOf(t as bigint))),
  week_of_year: strict(([t]) => isoWeek(partsOf(t as bigint))),
  datetime_part: datetimePart,
  datetime_add: datetimeAdd,
  datetime_diff: datetimeDiff,
  make_datetime: makeDatetime,
  make_timespan: makeTimespan,
  unixtime_seconds_todatetime: fromUnixTime(1e7),
  unixtime_milliseconds_todatetime: fromUnixTime(1e4),
  unixtime_microseconds_todatetime: fromUnixTime(10),
  unixtime_nanoseconds_todatetime: fromUnixTime(0.01),
};
