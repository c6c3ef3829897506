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

/** The detection file a command names first, and the positionals after it. */
export function detectionArgument(positionals: string[], command: string): { detection: string; rest: string[] } {
  const [detection, ...rest] = positionals;
  if (!detection) throw new UsageError(`${command} needs a detection file (see kql-detect ${command} --help)`);
  return { detection, rest };
}

/** The detection file and the event files it runs on: `--events` and the positionals after it. */
export function detectionAndEvents(positionals: string[], events: string[] | undefined, command: string): { detection: string; eventArgs: string[] } {
  const { detection, rest } = detectionArgument(positionals, command);
  const eventArgs = [...(events ?? []), ...rest];
  if (eventArgs.length === 0) throw new UsageError(`${command} needs event files: --events FILE… (see kql-detect ${command} --help)`);
  return { detection, eventArgs };
}
