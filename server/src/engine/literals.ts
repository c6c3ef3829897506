// Literal values of the analysed tree: `1`, `long(null)`, `datetime(2020-01-01)`, `1h`, `dynamic([…])`.

import { child, listElements, type SyntaxNode } from '../kusto/syntax';
import { formatDateTime, formatTimespan, parseDateTime, parseGuid, parseTimespan, type Dynamic, type Value } from './values';

/** The value of a literal node, or undefined when the literal is not one we can read exactly. */
export function literalValue(node: SyntaxNode, text: string): Value | undefined {
  const source = text.slice(node.start, node.end).trim();
  switch (node.kind) {
    case 'StringLiteralExpression':
    case 'CompoundStringLiteralExpression':
      return node.literal;
    case 'NullLiteralExpression':
      return null;
    case 'BooleanLiteralExpression': {
      const inner = unwrap(source, 'bool', 'boolean').toLowerCase();
      if (inner === 'null') return null;
      return inner === 'true' ? true : inner === 'false' ? false : undefined;
    }
    case 'IntLiteralExpression':
    case 'LongLiteralExpression':
    case 'RealLiteralExpression':
    case 'DecimalLiteralExpression':
      return numberLiteral(unwrap(source, 'int', 'long', 'real', 'double', 'decimal'));
    case 'DateTimeLiteralExpression': {
      const inner = unquote(unwrap(source, 'datetime', 'date'));
      if (inner.toLowerCase() === 'null') return null;
      return parseDateTime(inner) ?? parseDateTime(inner.replace(/^(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})/, '$1-$2-$3')) ?? undefined;
    }
    case 'TimespanLiteralExpression': {
      const inner = unwrap(source, 'timespan', 'time');
      if (inner.toLowerCase() === 'null') return null;
      return parseTimespan(inner) ?? undefined;
    }
    case 'GuidLiteralExpression': {
      const inner = unwrap(source, 'guid', 'uuid', 'uniqueid');
      if (inner.toLowerCase() === 'null') return null;
      return parseGuid(inner) ?? undefined;
    }
    case 'DynamicExpression': {
      const inner = child(node, 'Expression');
      return inner ? jsonValue(inner, text) : undefined;
    }
    default:
      return undefined;
  }
}

/** `long(5)` → `5`; a literal without a type wrapper is returned as is. */
function unwrap(source: string, ...names: string[]): string {
  const m = /^([a-z]+)\s*\(([\s\S]*)\)$/i.exec(source);
  if (m && names.includes(m[1].toLowerCase())) return m[2].trim();
  return source;
}

/** `datetime("2015-01-01")`: Kusto also accepts the value quoted. */
function unquote(text: string): string {
  const m = /^(["'])(.*)\1$/.exec(text);
  return m ? m[2] : text;
}

function numberLiteral(text: string): number | null | undefined {
  const lower = text.toLowerCase();
  if (lower === 'null') return null;
  if (lower === 'nan') return NaN;
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text, 16);
  const n = Number(text);
  return Number.isNaN(n) ? undefined : n;
}

/** The JSON value inside `dynamic(…)`; datetimes and timespans become their Kusto text. */
function jsonValue(node: SyntaxNode, text: string): Dynamic | undefined {
  switch (node.kind) {
    case 'JsonArrayExpression': {
      const values: Dynamic[] = [];
      for (const element of listElements(child(node, 'Values'))) {
        const v = jsonValue(element, text);
        if (v === undefined) return undefined;
        values.push(v);
      }
      return values;
    }
    case 'JsonObjectExpression': {
      const bag: { [key: string]: Dynamic } = {};
      for (const pair of listElements(child(node, 'Pairs'))) {
        const name = child(pair, 'Name');
        const value = child(pair, 'Value');
        if (!name || !value) return undefined;
        const v = jsonValue(value, text);
        if (v === undefined) return undefined;
        bag[name.value ?? JSON.parse(name.text ?? '""')] = v;
      }
      return bag;
    }
    case 'UnaryMinusExpression': {
      const operand = child(node, 'Expression');
      const v = operand ? jsonValue(operand, text) : undefined;
      return typeof v === 'number' ? -v : undefined;
    }
    default: {
      const v = literalValue(node, text);
      if (typeof v === 'bigint') return node.kind === 'TimespanLiteralExpression' ? formatTimespan(v) : formatDateTime(v);
      return v as Dynamic | undefined;
    }
  }
}
