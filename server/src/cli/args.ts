// Argument parsing on top of Node's util.parseArgs, turning its exceptions into usage errors.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDateTime } from '../engine/values';
import { UsageError } from './exit';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<T extends Options>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see kql-detect ${command} --help)`);
  }
}

/** The value of an option that must be one of `choices`. */
export function choice<C extends string>(value: string | undefined, choices: readonly C[], fallback: C, name: string): C {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not '${value}'`);
  return value as C;
}

export function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number ≥ 0, not '${value}'`);
  return Number(value);
}

/** The ticks of a datetime option such as `--now`, or undefined when it is absent. */
export function dateTimeOption(value: string | undefined, name: string): bigint | undefined {
  if (value === undefined) return undefined;
  const parsed = parseDateTime(value);
  if (parsed === null) throw new UsageError(`--${name} must be an ISO 8601 datetime such as 2024-05-01T12:00:00Z, not '${value}'`);
  return parsed;
}
