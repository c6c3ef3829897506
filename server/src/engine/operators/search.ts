// search: the rows of the searched tables (the `in (…)` list, or every bound table) that satisfy
// a search predicate, with `$table` naming each row's table.

import { child, listElements, walk, type SyntaxNode } from '../../kusto/syntax';
import { compileStringOperator, type StringOperator } from '../functions/strings';
import { toKustoString } from '../functions/convert';
import { outputColumns, selectRows } from '../relations';
import { POLL_INTERVAL, Rel, unsupported } from '../runtime';
import type { Compiled } from '../scalar/compiled';
import { nameText } from '../scalar/nodes';
import type { RowTrace } from '../trace';
import type { ColumnSchema } from '../table';
import { emptyValue, type Value } from '../values';
import { namedParameters, type OperatorContext } from './context';

const POLL_MASK = POLL_INTERVAL - 1;
const TABLE_COLUMN = '$table';

interface Leg {
  label: string;
  produce: () => Rel;
}

/** Which string operator a search term stands for: `"a"` has, `"a*"` hasprefix, `"*a"` hassuffix, `"*a*"` contains. */
function termOperator(term: string, caseSensitive: boolean, node: SyntaxNode): { op: StringOperator; needle: string } {
  const leading = term.startsWith('*');
  const trailing = term.length > 1 && term.endsWith('*');
  const needle = term.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (needle.includes('*')) throw unsupported(node, 'a search term with a wildcard inside it');
  const base = leading && trailing ? 'contains' : leading ? 'hassuffix' : trailing ? 'hasprefix' : 'has';
  return { op: (caseSensitive ? `${base}_cs` : base) as StringOperator, needle };
}

/** The searched text of a cell: strings as they are, dynamic values as their JSON text. */
function searchable(type: ColumnSchema['type']): boolean {
  return type === 'string' || type === 'dynamic';
}

export function compileSearch(node: SyntaxNode, ctx: OperatorContext, text: string, hasInput: boolean): (input: Rel) => Rel {
  const output = outputColumns(node);
  const parameters = namedParameters(node, text);
  const caseSensitive = (parameters.get('kind') ?? 'default').toLowerCase() === 'case_sensitive';
  const inClause = child(node, 'InClause');
  const legs: Leg[] = [];
  if (inClause) {
    for (const expression of listElements(child(inClause, 'Expressions'))) {
      const wildcard = child(expression, 'Name');
      if (expression.symbol?.kind === 'Group' && wildcard?.kind === 'WildcardedName') {
        for (const table of ctx.boundTablesMatching(text.slice(wildcard.start, wildcard.end))) legs.push({ label: table.name, produce: table.produce });
      } else {
        if (expression.kind !== 'NameReference') throw unsupported(expression, 'a search over a table expression');
        legs.push({ label: expression.symbol?.name ?? nameText(expression, text), produce: ctx.compileTabular(expression, ctx.scope) });
      }
    }
  } else if (!hasInput) {
    // Working model, as for union *: the database is the bound tables.
    for (const table of ctx.boundTablesMatching('*')) legs.push({ label: table.name, produce: table.produce });
  }
  const condition = child(node, 'Condition');
  const predicate = condition ? compilePredicate(condition, ctx, output, caseSensitive) : undefined;
  return (input) => {
    const rels = hasInput && !inClause ? [input] : legs.map((leg) => leg.produce());
    const labels = hasInput && !inClause ? [''] : legs.map((leg) => leg.label);
    const combined = combine(node, output, rels, labels);
    if (!predicate) return combined;
    const test = predicate.bind({ rel: combined, branch: 0 });
    const kept: number[] = [];
    for (let row = 0; row < combined.rowCount; row++) {
      if ((row & POLL_MASK) === 0) ctx.state.poll(node);
      if (test(row) === true) kept.push(row);
    }
    return selectRows(combined, kept);
  };
}

/** The legs' rows under Kusto's output columns, matched by name; `$table` is the leg's table. */
function combine(node: SyntaxNode, output: ColumnSchema[], rels: Rel[], labels: string[]): Rel {
  const total = rels.reduce((n, rel) => n + rel.rowCount, 0);
  const data = output.map((column) => {
    const indexes = rels.map((rel) => {
      const index = rel.indexOf(column.name);
      return index >= 0 && rel.columns[index].type === column.type ? index : -1;
    });
    if (column.name !== TABLE_COLUMN && rels.length > 0 && indexes.every((i) => i < 0) && rels.some((rel) => rel.rowCount > 0)) {
      throw unsupported(node, `the search output column ${column.name} (a name Kusto gives clashing column types)`);
    }
    return () => {
      const out: Value[] = [];
      rels.forEach((rel, leg) => {
        if (column.name === TABLE_COLUMN) {
          for (let row = 0; row < rel.rowCount; row++) out.push(labels[leg]);
          return;
        }
        if (indexes[leg] < 0) {
          for (let row = 0; row < rel.rowCount; row++) out.push(emptyValue(column.type));
          return;
        }
        const values = rel.column(indexes[leg]);
        for (let row = 0; row < rel.rowCount; row++) out.push(values[row]);
      });
      return out;
    };
  });
  const traced = rels.length > 0 && rels.every((rel) => rel.trace);
  const trace: RowTrace[] | undefined = traced ? rels.flatMap((rel) => rel.trace!) : undefined;
  return new Rel(output, data, total, trace, traced ? rels.flatMap((rel) => rel.dropped ?? []) : undefined);
}

/**
 * The search predicate: bare terms (`"err"`, `"err*"`) match any searchable column, `Col:"err"`
 * that column; everything else (`and`, `or`, `not()`, comparisons) is an ordinary expression.
 */
function compilePredicate(condition: SyntaxNode, ctx: OperatorContext, output: ColumnSchema[], caseSensitive: boolean): Compiled {
  const substitutions = new Map<SyntaxNode, Compiled>();
  walk(condition, (n) => {
    if (n.kind === 'StarExpression') {
      substitutions.set(n, { type: 'bool', bind: () => () => true });
      return false;
    }
    if (n.kind === 'StringLiteralExpression' && n.type?.kind === 'scalar' && n.type.name === 'bool') {
      const term = ctx.scalar.evaluateConstant(ctx.scalar.compile(n, ctx.scope));
      const columns = output.filter((c) => c.name !== TABLE_COLUMN && searchable(c.type)).map((c) => c.name);
      substitutions.set(n, termMatcher(String(term), columns, caseSensitive, n));
      return false;
    }
    if (n.kind === 'SearchExpression') {
      const left = child(n, 'Left');
      const right = child(n, 'Right');
      if (left?.kind !== 'NameReference' || left.symbol?.kind !== 'Column' || right?.kind !== 'StringLiteralExpression') throw unsupported(n, 'this search term');
      const term = ctx.scalar.evaluateConstant(ctx.scalar.compile(right, ctx.scope));
      substitutions.set(n, termMatcher(String(term), [left.symbol.name], caseSensitive, n));
      return false;
    }
    return true;
  });
  return ctx.scalar.compileSubstituting(condition, ctx.scope, substitutions);
}

function termMatcher(term: string, columns: string[], caseSensitive: boolean, node: SyntaxNode): Compiled {
  const { op, needle } = termOperator(term, caseSensitive, node);
  const matches = compileStringOperator(op, needle);
  return {
    type: 'bool',
    bind: (frame) => {
      const cells = columns.map((name) => {
        const index = frame.rel.indexOf(name);
        return index < 0 ? undefined : { values: frame.rel.column(index), type: frame.rel.columns[index].type };
      }).filter((c) => c !== undefined);
      return (row) => cells.some((c) => matches(c.type === 'string' ? (c.values[row] as string) : toKustoString(c.values[row], c.type)));
    },
  };
}
