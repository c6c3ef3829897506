// `in`, `!in`, `in~`, `!in~`, and the right-hand lists they and `has_any`/`has_all` take.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import { valueKey as importedValueKey } from '../functions/compare';
import { foldString as importedFoldString } from '../functions/strings';
import { unsupported } from '../runtime';
import type { Dynamic, ScalarType, Value } from '../values';
import type { Compiled, ExpressionCompiler, Scope } from './compiled';
import { coerceForIn, flattenInto } from './coercion';
import { isTabular } from './nodes';

// Module-local copies of functions called per row: under the CommonJS transform every use of an
// imported binding is a property read through the module object.
const valueKey = importedValueKey;
const foldString = importedFoldString;

export const MEMBERSHIP_KINDS = new Set(['InExpression', 'NotInExpression', 'InCsExpression', 'NotInCsExpression']);

/** The right-hand list of `in`/`has_any`: scalars, dynamic arrays (flattened) and tables (first column). */
export function constantList(c: ExpressionCompiler, list: SyntaxNode, scope: Scope, operator: string): { values: Value[]; type: ScalarType } {
  const values: Value[] = [];
  let type: ScalarType = 'dynamic';
  for (const element of listElements(child(list, 'Expressions'))) {
    if (isTabular(element)) {
      const rel = c.tabular.compileTabular(element, scope)();
      if (rel.columns.length > 0) {
        const column = rel.column(0);
        type = rel.columns[0].type;
        for (let i = 0; i < rel.rowCount; i++) values.push(column[i]);
      }
      continue;
    }
    const compiled = c.compile(element, scope);
    if (!compiled.constant) throw unsupported(element, `a per-row value on the right of ${operator}`);
    const value = compiled.constant.value;
    if (compiled.type === 'dynamic') flattenInto(value as Dynamic, values);
    else {
      values.push(value);
      type = compiled.type;
    }
  }
  return { values, type };
}

export function compileIn(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const left = c.compile(c.need(node, 'Left'), scope);
  const negate = node.kind === 'NotInExpression' || node.kind === 'NotInCsExpression';
  // Decided by the operator's text: Kusto.Language's node names do not follow `in` / `in~`.
  const caseInsensitive = node.children.some((n) => n.field === 'Operator' && (n.text ?? '').includes('~'));
  const type = left.type;
  const fold = caseInsensitive && (type === 'string' || type === 'guid');
  // Kusto's `in` is an OR of `==`: a null value never matches.
  const keyOf = (value: Value): unknown => {
    if (value === null) return undefined;
    const coerced = coerceForIn(value, type);
    if (coerced === undefined) return undefined;
    return fold && typeof coerced === 'string' ? foldString(coerced) : valueKey(coerced, type);
  };
  const right = c.need(node, 'Right');
  const elements = listElements(child(right, 'Expressions'));
  if (elements.some((e) => !isTabular(e) && !c.compile(e, scope).constant)) return compileInPerRow(c, left, elements, scope, negate, keyOf);
  const keys = new Set<unknown>();
  for (const value of constantList(c, right, scope, 'in').values) {
    const key = keyOf(value);
    if (key !== undefined) keys.add(key);
  }
  return {
    type: 'bool',
    bind: (frame) => {
      const v = left.bind(frame);
      return (row) => {
        const x = v(row);
        if (x === null) return negate;
        const key = fold ? foldString(x as string) : valueKey(x, type);
        return keys.has(key) !== negate;
      };
    },
  };
}

/** `x in (a, b)` with per-row values on the right: the list is evaluated for each row. */
function compileInPerRow(c: ExpressionCompiler, left: Compiled, elements: SyntaxNode[], scope: Scope, negate: boolean, keyOf: (v: Value) => unknown): Compiled {
  const items = elements.map((e) => {
    if (isTabular(e)) throw unsupported(e, 'a table beside per-row values on the right of in');
    return c.compile(e, scope);
  });
  return {
    type: 'bool',
    bind: (frame) => {
      const v = left.bind(frame);
      const fns = items.map((item) => item.bind(frame));
      const dynamicItems = items.map((item) => item.type === 'dynamic');
      return (row) => {
        const x = v(row);
        if (x === null) return negate;
        const key = keyOf(x);
        for (let i = 0; i < fns.length; i++) {
          const value = fns[i](row);
          const candidates: Value[] = [];
          if (dynamicItems[i]) flattenInto(value as Dynamic, candidates);
          else candidates.push(value);
          for (const candidate of candidates) if (keyOf(candidate) === key) return !negate;
        }
        return negate;
      };
    },
  };
}
