// datetime_utc_to_local() and datetime_local_to_utc(), on the IANA time zone data that Node's
// Intl carries.

import { TICKS_PER_HOUR, TICKS_PER_MILLISECOND, type Value } from '../values';
import { NotSupportedLocally, type Binder, type FunctionTable } from './call';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      throw new NotSupportedLocally(`the time zone ${JSON.stringify(zone)}`);
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at the instant `utcTicks`, in ticks. */
function offsetAt(utcTicks: bigint, zone: string): bigint {
  const ms = Number(utcTicks / TICKS_PER_MILLISECOND);
  const wholeSecondMs = Math.floor(ms / 1000) * 1000;
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(wholeSecondMs)).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return BigInt(local - wholeSecondMs) * TICKS_PER_MILLISECOND;
}

function zoneArg(v: Value): string {
  if (typeof v !== 'string' || v === '') throw new NotSupportedLocally('a time zone that is not given as text');
  return v;
}

/**
 * Local time → UTC. A local time that exists once has one answer. One skipped by a
 * daylight-saving jump maps with the offset after the jump, as datetime-local-to-utc#2 shows
 * (02:00 in Brussels on 2022-03-27 is 00:00 UTC). One that occurs twice is not guessed.
 */
function localToUtc(local: bigint, zone: string): bigint {
  const before = offsetAt(local - 26n * TICKS_PER_HOUR, zone);
  const after = offsetAt(local + 26n * TICKS_PER_HOUR, zone);
  const solutions = [...new Set([before, after])].map((offset) => local - offset).filter((utc) => utc + offsetAt(utc, zone) === local);
  if (solutions.length === 1) return solutions[0];
  if (solutions.length === 0) return local - after;
  throw new NotSupportedLocally('datetime_local_to_utc() of a local time that occurs twice');
}

const utcToLocal: Binder = () => (args) => {
  if (args[0] == null) return null;
  const utc = args[0] as bigint;
  return utc + offsetAt(utc, zoneArg(args[1]));
};

export const timezoneFunctions: FunctionTable = {
  datetime_utc_to_local: utcToLocal,
  datetime_local_to_utc: () => (args) => (args[0] == null ? null : localToUtc(args[0] as bigint, zoneArg(args[1]))),
};

