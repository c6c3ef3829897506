// How a comparison operator matches one value against one needle, with the engine's own string
// semantics (so `has` is term matching exactly as the local engine evaluates it).

import * as strings from '../../engine/functions/strings';

export const hasTerm = strings.has;
export const hasTermPrefix = strings.hasPrefix;

/** `value <operator> needle` for the operators lists and classifiers use (negations excluded). */
export function matchesNeedle(operator: string, value: string, needle: string): boolean {
  switch (operator) {
    case 'has':
    case 'has_any':
      return strings.has(value, needle);
    case 'has_cs':
      return strings.hasCs(value, needle);
    case 'hasprefix':
      return strings.hasPrefix(value, needle);
    case 'in':
    case '==':
      return value === needle;
    case 'in~':
    case '=~':
      return strings.equalsIgnoreCase(value, needle);
    case 'contains':
      return strings.contains(value, needle);
    case 'contains_cs':
      return strings.containsCs(value, needle);
    case 'startswith':
      return strings.startsWith(value, needle);
    case 'endswith':
      return strings.endsWith(value, needle);
    default:
      return false;
  }
}
