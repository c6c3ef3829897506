// sort / order by and top: Kusto's default is descending; nulls first ascending, last descending.

import { child, listElements, walk, type SyntaxNode } from '../../kusto/syntax';
import type { Compiled } from '../scalar/compiled';
import { compareValues as importedCompareValues } from '../functions/compare';
import { selectRows } from '../relations';
import { POLL_INTERVAL, unsupported, type Rel } from '../runtime';
import type { Value } from '../values';
import { need, type Operator, type OperatorContext } from './context';
import { takeRows } from './rowwise';

// Module-local copies of functions called per row: under the CommonJS transform every use of an
// imported binding is a property read through the module object.
const compareValues = importedCompareValues;

/** Module-local: reading an imported binding per row costs a property lookup. */
const POLL_MASK = POLL_INTERVAL - 1;

interface SortKey {
  compiled: Compiled;
  descending: boolean;
  nullsFirst: boolean;
}

/** The direction and null placement of one `by` expression. */
function sortKey(item: SyntaxNode, ctx: OperatorContext): SortKey {
  const expression = item.kind === 'OrderedExpression' ? need(item, 'Expression') : item;
  const ordering = item.kind === 'OrderedExpression' ? child(item, 'Ordering') : undefined;
  let descending = true;
  let nulls: 'first' | 'last' | undefined;
  if (ordering) {
    walk(ordering, (n) => {
      if (!n.isToken) return;
      const word = n.text?.toLowerCase();
      if (word === 'asc') descending = false;
      else if (word === 'desc') descending = true;
      else if (word === 'first' || word === 'last') nulls = word;
    });
  }
  return { compiled: ctx.scalar.compile(expression, ctx.scope), descending, nullsFirst: nulls ? nulls === 'first' : !descending };
}

/** Stable sort of `input` by `keys`. */
function sortRel(input: Rel, keys: SortKey[], ctx: OperatorContext, node: SyntaxNode): Rel {
  const count = input.rowCount;
  const frame = { rel: input, branch: 0 };
  const columns: Value[][] = keys.map((key) => {
    const fn = key.compiled.bind(frame);
    const values = new Array<Value>(count);
    for (let row = 0; row < count; row++) {
      if ((row & POLL_MASK) === 0) ctx.state.poll(node);
      values[row] = fn(row);
    }
    return values;
  });
  const indices = Array.from({ length: count }, (_, i) => i);
  indices.sort((i, j) => {
    for (let k = 0; k < keys.length; k++) {
      const a = columns[k][i];
      const b = columns[k][j];
      const key = keys[k];
      const aNull = a === null;
      const bNull = b === null;
      // compareValues puts NaN below -inf, giving Kusto's `null, NaN, -inf, …` ascending.
      if (aNull || bNull) {
        if (aNull && bNull) continue;
        return aNull === key.nullsFirst ? -1 : 1;
      }
      const c = compareValues(a, b, key.compiled.type);
      if (c !== 0) return key.descending ? -c : c;
    }
    return i - j;
  });
  return selectRows(input, indices);
}

export function compileSort(node: SyntaxNode, ctx: OperatorContext): Operator {
  const keys = listElements(child(node, 'Expressions')).map((item) => sortKey(item, ctx));
  if (keys.length === 0) throw unsupported(node, 'sort without keys');
  return (input) => sortRel(input, keys, ctx, node);
}

/** `top n by e` ≡ `sort by e | take n`. */
export function compileTop(node: SyntaxNode, ctx: OperatorContext): Operator {
  const countNode = need(node, 'Expression');
  const limit = ctx.scalar.evaluateConstant(ctx.scalar.requireConstant(countNode, ctx.scope, 'top count'));
  if (typeof limit !== 'number' || limit < 0) throw unsupported(countNode, 'this top count');
  const key = sortKey(need(node, 'ByExpression'), ctx);
  return (input) => takeRows(sortRel(input, [key], ctx, node), limit);
}
