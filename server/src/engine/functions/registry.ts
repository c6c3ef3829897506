// The scalar functions the engine can evaluate, by name. Each family lives in its own module;
// this file only puts their tables together and is the core's one entry point.

import { bitFunctions } from './bitFunctions';
import { asNotSupported, type Binder, type Binding, type CallInfo, type Evaluator, type FunctionTable } from './call';
import { conversionFunctions } from './conversionFunctions';
import { datetimeFunctions } from './datetimeFunctions';
import { dynamicFunctions } from './dynamicFunctions';
import { encodingFunctions } from './encodingFunctions';
import { formatFunctions } from './formatFunctions';
import { hashFunctions } from './hashFunctions';
import { ipFunctions } from './ipFunctions';
import { ipv6Functions } from './ipv6Functions';
import { mathFunctions } from './mathFunctions';
import { nondeterministicFunctions } from './nondeterministicFunctions';
import { nullFunctions } from './nullFunctions';
import { parseFunctions } from './parseFunctions';
import { regexFunctions } from './regexFunctions';
import { stringFunctions } from './stringFunctions';
import { timezoneFunctions } from './timezoneFunctions';
import { xmlFunctions } from './xmlFunctions';

export { NOT_CONSTANT, NotSupportedLocally } from './call';
export type { Binding, CallInfo, Evaluator } from './call';

const FAMILIES: FunctionTable[] = [
  stringFunctions,
  regexFunctions,
  conversionFunctions,
  datetimeFunctions,
  timezoneFunctions,
  formatFunctions,
  dynamicFunctions,
  mathFunctions,
  nullFunctions,
  hashFunctions,
  ipFunctions,
  ipv6Functions,
  parseFunctions,
  bitFunctions,
  encodingFunctions,
  nondeterministicFunctions,
  xmlFunctions,
];

const BINDERS = new Map<string, Binder>();
for (const [name, binder] of FAMILIES.flatMap((table) => Object.entries(table))) {
  if (BINDERS.has(name)) throw new Error(`scalar function ${name} is defined by two families`);
  BINDERS.set(name, binder);
}

/** How to evaluate a call of `info.name`, or undefined when the name is not a known function. */
export function bindScalarFunction(info: CallInfo): Binding | undefined {
  const binder = BINDERS.get(info.name);
  if (!binder) return undefined;
  let binding: Binding;
  try {
    binding = binder(info);
  } catch (error) {
    return { unsupported: asNotSupported(info.name, error).what };
  }
  return typeof binding === 'function' ? guarded(info.name, binding) : binding;
}

/**
 * The library's promise to the core: evaluation throws nothing but NotSupportedLocally. Input
 * that Kusto's analysis accepts should never trip a JavaScript error; if some input still does,
 * the call is reported as not supported locally rather than failing the run or yielding a guess.
 */
function guarded(name: string, evaluate: Evaluator): Evaluator {
  return (args) => {
    try {
      return evaluate(args);
    } catch (error) {
      throw asNotSupported(name, error);
    }
  };
}


/** Every function name the registry knows (for tests and diagnostics). */
export function scalarFunctionNames(): string[] {
  return [...BINDERS.keys()].sort();
}
