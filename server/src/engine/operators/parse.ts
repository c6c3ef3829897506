// parse and parse-where (kind simple, regex, relaxed): the pattern becomes one RE2 regex.

import { child, type SyntaxNode } from '../../kusto/syntax';
import { asString } from '../scalar/coercion';
import { nameText } from '../scalar/nodes';
import { compileRegex } from '../functions/regex';
import { outputColumns, selectRows } from '../relations';
import { POLL_INTERVAL, Rel, unsupported } from '../runtime';
import type { ColumnSchema } from '../table';
import { convertValue } from '../functions/convert';
import { emptyValue, type ScalarType, type Value } from '../values';
import { namedParameters, need, type Operator, type OperatorContext } from './context';

/** Module-local: reading an imported binding per row costs a property lookup. */
const POLL_MASK = POLL_INTERVAL - 1;

/** The shape of a number column's text. */
function typedCapture(type: ScalarType): string | undefined {
  switch (type) {
    case 'long':
    case 'int':
      return '-?\\d+';
    case 'real':
      return '-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?';
    default:
      return undefined;
  }
}

/** A captured text as the column's type; undefined when it does not convert. */
function convert(text: string, type: ScalarType): Value | undefined {
  if (type === 'string') return text;
  if (text.trim() === '') return undefined;
  const value = convertValue(text, 'string', type);
  return value === null ? undefined : value;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

interface ParsePlan {
  regex: string;
  columns: ColumnSchema[];
}

/**
 * What one column captures. Working model fitted to every parse doc example (parse-operator #3–#8,
 * parse-where #3–#5): numbers match their shape (in relaxed mode, anything else as a fallback that
 * then converts to null); other columns are lazy in simple and relaxed mode (the last one takes the
 * rest) and greedy in regex mode (the doc's `flags=U` example turns them lazy).
 */
function columnCapture(kind: string, type: ScalarType, last: boolean): string {
  const rest = last ? '.*' : '.*?';
  const number = typedCapture(type);
  if (number) return kind === 'relaxed' ? `${number}|${rest}` : number;
  return kind === 'regex' ? '.*' : rest;
}

/** The regex and the columns it captures, each in a named group (regex mode may add its own groups). */
function plan(node: SyntaxNode, patterns: SyntaxNode[], kind: string, output: ColumnSchema[], text: string): ParsePlan {
  const columns: ColumnSchema[] = [];
  let regex = '^';
  patterns.forEach((element, i) => {
    const last = i === patterns.length - 1;
    if (element.kind === 'StarExpression') {
      regex += last ? '.*' : '.*?';
    } else if (element.kind === 'StringLiteralExpression' || element.kind === 'CompoundStringLiteralExpression') {
      const literal = element.literal ?? '';
      regex += kind === 'regex' ? literal : escapeRegex(literal);
    } else if (element.kind === 'NameDeclaration' || element.kind === 'NameAndTypeDeclaration') {
      const nameNode = element.kind === 'NameDeclaration' ? element : need(element, 'Name');
      const name = nameText(nameNode, text);
      const column = output.find((c) => c.name === name);
      if (!column) throw unsupported(element, `the parse column ${name}`);
      regex += `(?P<c${columns.length}>${columnCapture(kind, column.type, last)})`;
      columns.push(column);
    } else {
      throw unsupported(element, 'this parse pattern element');
    }
  });
  if (columns.length === 0) throw unsupported(node, 'parse without columns');
  return { regex, columns };
}

export function compileParse(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const parameters = namedParameters(node, text);
  const kind = (parameters.get('kind') ?? 'simple').toLowerCase();
  if (kind !== 'simple' && kind !== 'regex' && kind !== 'relaxed') throw unsupported(node, `parse kind=${kind}`);
  const flags = parameters.get('flags') ?? '';
  const isWhere = node.kind === 'ParseWhereOperator';
  if (isWhere && kind === 'relaxed') throw unsupported(node, 'parse-where kind=relaxed');
  const output = outputColumns(node);
  const patterns = child(node, 'Patterns')?.children.filter((c) => !c.isToken) ?? [];
  const { regex, columns } = plan(node, patterns, kind, output, text);
  const compiled = compileRegex(regex, kind === 'regex' ? flags : 's');
  if ('error' in compiled) throw unsupported(node, `parse pattern (${compiled.error})`);
  const groupNumbers = columns.map((_, i) => compiled.regex.groupNames.get(`c${i}`) ?? -1);
  const source = asString(ctx.scalar.compile(need(node, 'Expression'), ctx.scope));
  return (input) => {
    const value = source.bind({ rel: input, branch: 0 });
    const extracted: Value[][] = columns.map(() => new Array<Value>(input.rowCount));
    const matched: number[] = [];
    for (let row = 0; row < input.rowCount; row++) {
      if ((row & POLL_MASK) === 0) ctx.state.poll(node);
      const match = compiled.regex.match(value(row) as string);
      const cells = columns.map((column, i) => {
        const group = match?.groups[groupNumbers[i]];
        return group === null || group === undefined ? undefined : convert(group, column.type);
      });
      // simple/regex: one failed conversion fails the whole row; relaxed keeps what converted.
      const ok = match !== null && (kind === 'relaxed' || cells.every((c) => c !== undefined));
      if (ok) matched.push(row);
      columns.forEach((column, i) => {
        extracted[i][row] = ok || kind === 'relaxed' ? (cells[i] ?? emptyValue(column.type)) : emptyValue(column.type);
      });
    }
    const names = new Map(columns.map((c, i) => [c.name, i]));
    const data = output.map((column) => {
      const i = names.get(column.name);
      if (i !== undefined) return extracted[i];
      const index = input.indexOf(column.name);
      if (index < 0) throw unsupported(node, `the parse output column ${column.name}`);
      return () => input.column(index);
    });
    const parsed = new Rel(output, data, input.rowCount, input.trace, input.dropped);
    return isWhere ? selectRows(parsed, matched) : parsed;
  };
}
