// join (every flavour) and lookup: hash the right side on its keys, probe with the left.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import { nameText } from '../scalar/nodes';
import { valueKey as importedValueKey } from '../functions/compare';
import type { RowTrace } from '../trace';
import { concatDropped, mergeTraces, outputColumns } from '../relations';
import { POLL_INTERVAL, Rel, unsupported } from '../runtime';
import type { ColumnSchema } from '../table';
import { emptyValue, type Value } from '../values';
import { namedParameters, need, type Operator, type OperatorContext } from './context';

// Module-local copies of functions called per row: under the CommonJS transform every use of an
// imported binding is a property read through the module object.
const valueKey = importedValueKey;

/** Module-local: reading an imported binding per row costs a property lookup. */
const POLL_MASK = POLL_INTERVAL - 1;

type Flavour = 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter' | 'leftanti' | 'rightanti' | 'leftsemi' | 'rightsemi';

const FLAVOURS = new Set<string>(['innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi']);

/** The join doc's alternative names for flavours. */
const FLAVOUR_ALIASES: Record<string, Flavour> = { anti: 'leftanti', leftantisemi: 'leftanti', rightantisemi: 'rightanti' };

interface KeyPair {
  left: string;
  right: string;
}

/**
 * Working model, not settled by the docs: a null key never matches (as in SQL). Strings are
 * never null, so an empty string key does match another empty string.
 */
export const NULL_KEYS_MATCH = false;

/** `on a, $left.b == $right.c`. */
function joinKeys(clause: SyntaxNode, text: string): KeyPair[] {
  if (clause.kind !== 'JoinOnClause') throw unsupported(clause, 'join … where');
  return listElements(child(clause, 'Expressions')).map((item) => {
    if (item.kind === 'NameReference') {
      const name = item.symbol?.name ?? nameText(item, text);
      return { left: name, right: name };
    }
    if (item.kind === 'EqualExpression') {
      const sides = [need(item, 'Left'), need(item, 'Right')].map((side) => {
        if (side.kind !== 'PathExpression') throw unsupported(side, 'a join condition other than $left.x == $right.y');
        const which = nameText(need(side, 'Expression'), text).toLowerCase();
        const column = need(side, 'Selector');
        return { which, name: column.symbol?.name ?? nameText(column, text) };
      });
      const left = sides.find((s) => s.which === '$left');
      const right = sides.find((s) => s.which === '$right');
      if (!left || !right) throw unsupported(item, 'a join condition other than $left.x == $right.y');
      return { left: left.name, right: right.name };
    }
    throw unsupported(item, 'this join condition');
  });
}

/** A grouping key for the key columns of one row; null when any key is null (it matches nothing). */
function rowKeys(rel: Rel, names: string[], node: SyntaxNode): (string | number | boolean | bigint | null)[] {
  const columns = names.map((name) => {
    const index = rel.indexOf(name);
    if (index < 0) throw unsupported(node, `the join key ${name}`);
    return { values: rel.column(index), type: rel.columns[index].type };
  });
  const keys = new Array<string | number | boolean | bigint | null>(rel.rowCount);
  for (let row = 0; row < rel.rowCount; row++) {
    if (columns.length === 1) {
      const v = columns[0].values[row];
      keys[row] = v === null && !NULL_KEYS_MATCH ? null : valueKey(v, columns[0].type);
      continue;
    }
    const parts: string[] = [];
    let hasNull = false;
    for (const { values, type } of columns) {
      const v = values[row];
      if (v === null) hasNull = true;
      const k = valueKey(v, type);
      parts.push(`${typeof k}:${String(k)}`);
    }
    keys[row] = hasNull && !NULL_KEYS_MATCH ? null : JSON.stringify(parts);
  }
  return keys;
}

/** The matched row pairs of a join; -1 stands for "no row" on that side. */
function matchRows(left: Rel, right: Rel, keys: KeyPair[], flavour: Flavour, ctx: OperatorContext, node: SyntaxNode): { left: number[]; right: number[] } {
  const leftKeys = rowKeys(left, keys.map((k) => k.left), node);
  const rightKeys = rowKeys(right, keys.map((k) => k.right), node);
  const index = new Map<unknown, number[]>();
  rightKeys.forEach((key, row) => {
    if (key === null) return;
    const rows = index.get(key);
    if (rows) rows.push(row);
    else index.set(key, [row]);
  });
  const outLeft: number[] = [];
  const outRight: number[] = [];
  const rightMatched = new Uint8Array(right.rowCount);
  const seenLeft = new Set<unknown>();
  for (let row = 0; row < left.rowCount; row++) {
    if ((row & POLL_MASK) === 0) ctx.state.poll(node);
    const key = leftKeys[row];
    // innerunique: one left row per key (the first), as Kusto keeps an arbitrary one.
    if (flavour === 'innerunique') {
      if (key === null || seenLeft.has(key)) continue;
      seenLeft.add(key);
    }
    const matches = key === null ? undefined : index.get(key);
    if (flavour === 'leftsemi' || flavour === 'leftanti') {
      if ((matches !== undefined) === (flavour === 'leftsemi')) {
        outLeft.push(row);
        outRight.push(-1);
      }
      continue;
    }
    if (matches) {
      for (const r of matches) {
        rightMatched[r] = 1;
        if (flavour !== 'rightsemi' && flavour !== 'rightanti') {
          outLeft.push(row);
          outRight.push(r);
        }
      }
      ctx.state.checkRows(outLeft.length, node, 'join');
    } else if (flavour === 'leftouter' || flavour === 'fullouter') {
      outLeft.push(row);
      outRight.push(-1);
    }
  }
  if (flavour === 'rightouter' || flavour === 'fullouter' || flavour === 'rightsemi' || flavour === 'rightanti') {
    const wantMatched = flavour === 'rightsemi';
    for (let r = 0; r < right.rowCount; r++) {
      if (flavour === 'rightouter' || flavour === 'fullouter' ? rightMatched[r] === 0 : (rightMatched[r] === 1) === wantMatched) {
        outLeft.push(-1);
        outRight.push(r);
      }
    }
  }
  return { left: outLeft, right: outRight };
}

/** Output columns taken from the left then the right row of each pair (absent side: empty values). */
function buildPairs(
  output: ColumnSchema[],
  sources: { rel: Rel; index: number; side: 'left' | 'right' }[],
  pairs: { left: number[]; right: number[] },
  left: Rel,
  right: Rel,
): Rel {
  const count = pairs.left.length;
  const data = output.map((column, i) => () => {
    const { rel, index, side } = sources[i];
    const rows = side === 'left' ? pairs.left : pairs.right;
    const values = rel.column(index);
    const empty = emptyValue(column.type);
    const out = new Array<Value>(count);
    for (let k = 0; k < count; k++) out[k] = rows[k] < 0 ? empty : values[rows[k]];
    return out;
  });
  let trace: RowTrace[] | undefined;
  if (left.trace && right.trace) {
    trace = pairs.left.map((l, k) => {
      const r = pairs.right[k];
      return mergeTraces([...(l >= 0 ? [left.trace![l]] : []), ...(r >= 0 ? [right.trace![r]] : [])]);
    });
  }
  return new Rel(output, data, count, trace, concatDropped(left.dropped, right.dropped));
}

export function compileJoin(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const written = (namedParameters(node, text).get('kind') ?? 'innerunique').toLowerCase();
  const flavour = FLAVOUR_ALIASES[written] ?? written;
  if (!FLAVOURS.has(flavour)) throw unsupported(node, `join kind=${written}`);
  const rightNode = need(node, 'Expression');
  const produceRight = ctx.compileTabular(rightNode, ctx.scope);
  const keys = joinKeys(need(node, 'ConditionClause'), text);
  const output = outputColumns(node);
  return (left) => {
    const right = produceRight();
    const pairs = matchRows(left, right, keys, flavour as Flavour, ctx, node);
    const leftOnly = flavour === 'leftsemi' || flavour === 'leftanti';
    const rightOnly = flavour === 'rightsemi' || flavour === 'rightanti';
    const expected = (rightOnly ? 0 : left.columns.length) + (leftOnly ? 0 : right.columns.length);
    if (output.length !== expected) throw unsupported(node, 'a join whose output columns differ from its inputs');
    const sources = output.map((_, i) => {
      if (rightOnly) return { rel: right, index: i, side: 'right' as const };
      return i < left.columns.length ? { rel: left, index: i, side: 'left' as const } : { rel: right, index: i - left.columns.length, side: 'right' as const };
    });
    return buildPairs(output, sources, pairs, left, right);
  };
}

/** `lookup [kind=leftouter|inner] (dimension) on keys`: like a join, with the key columns once. */
export function compileLookup(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const flavour = (namedParameters(node, text).get('kind') ?? 'leftouter').toLowerCase();
  if (flavour !== 'leftouter' && flavour !== 'inner') throw unsupported(node, `lookup kind=${flavour}`);
  const produceRight = ctx.compileTabular(need(node, 'Expression'), ctx.scope);
  const keys = joinKeys(need(node, 'LookupClause'), text);
  const output = outputColumns(node);
  return (left) => {
    const right = produceRight();
    const pairs = matchRows(left, right, keys, flavour, ctx, node);
    const rightKeyNames = new Set(keys.map((k) => k.right));
    const rightKept = right.columns.map((c, i) => ({ c, i })).filter(({ c }) => !rightKeyNames.has(c.name));
    if (output.length !== left.columns.length + rightKept.length) throw unsupported(node, 'a lookup whose output columns differ from its inputs');
    const sources = output.map((_, i) =>
      i < left.columns.length ? { rel: left, index: i, side: 'left' as const } : { rel: right, index: rightKept[i - left.columns.length].i, side: 'right' as const },
    );
    return buildPairs(output, sources, pairs, left, right);
  };
}
