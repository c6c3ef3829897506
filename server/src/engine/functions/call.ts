// What the engine core tells a function binder about one call site, and what it gets back.
// Re-exported by registry.ts, the module the core imports.

import type { ScalarType, Value } from '../values';

/** Marks an argument whose value is known only per row. */
export const NOT_CONSTANT: unique symbol = Symbol('not constant');

export interface CallInfo {
  /** The function's name as written, e.g. `tolower`. */
  name: string;
  /** Each argument's type, as Kusto.Language resolved it. */
  argTypes: ScalarType[];
  /** The call's result type, as Kusto.Language resolved it. */
  resultType: ScalarType;
  /** Arguments known when the query is compiled (literals), for regexes, formats and units. */
  constants: (Value | typeof NOT_CONSTANT)[];
  /** The query's pinned `now()`, in ticks. */
  now: bigint;
}

/** Computes a call's value from its argument values for one row. */
export type Evaluator = (args: Value[]) => Value;

/** An evaluator, or why this call cannot be evaluated locally (never a guess). */
export type Binding = Evaluator | { unsupported: string };

/** Binds one function name's calls. */
export type Binder = (info: CallInfo) => Binding;

/** A family's functions by name. */
export type FunctionTable = Readonly<Record<string, Binder>>;

/** The constant value of argument `i`, or undefined when it varies per row. */
export function constantArg(info: CallInfo, i: number): Value | undefined {
  const c = info.constants[i];
  return c === NOT_CONSTANT ? undefined : c;
}

/**
 * Thrown by an evaluator for an input it cannot evaluate faithfully (an undocumented corner). The
 * engine core catches it and reports `not-supported-locally` with the call's span instead of a
 * value: never a guess.
 */
export class NotSupportedLocally extends Error {
  constructor(readonly what: string) {
    super(`not supported locally: ${what}`);
  }
}

/** `error` as a NotSupportedLocally about a call of `name` (as it is, if it already is one). */
export function asNotSupported(name: string, error: unknown): NotSupportedLocally {
  if (error instanceof NotSupportedLocally) return error;
  return new NotSupportedLocally(`${name}() on this input (${error instanceof Error ? error.message : String(error)})`);
}

/** An evaluator that gives null when any argument is null (most functions' documented rule). */
export function nullIfAnyNull(evaluate: Evaluator): Evaluator {
  return (args) => {
    for (const arg of args) if (arg === null) return null;
    return evaluate(args);
  };
}
