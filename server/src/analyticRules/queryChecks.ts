// Checks that need both a rule's fields and its analysed query: the columns the fields name must
// be columns of the query's output, the look-back must fit the query period, and a Defender
// custom detection must return the columns Defender requires.

import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { BlockAnalysis } from '../kusto/analyze';
import { child, type SyntaxNode } from '../kusto/syntax';
import type { EmbeddedQuery } from '../sources/embeddedQuery';
import { decodeScalar } from '../sources/yamlScalar';
import { durationMinutes } from './metadata';

export interface QueryCheckProblem {
  start: number;
  end: number;
  message: string;
  code: 'rule-output-column' | 'rule-query-period' | 'rule-defender-columns';
  severity: 'error' | 'warning';
}

/** A field of the rule naming a column, with the host range of the name. */
interface ColumnReference {
  field: string;
  column: string;
  start: number;
  end: number;
}

/** The columns an analytic rule's fields name: entity mappings, custom details, alert overrides. */
export function columnReferences(document: Document.Parsed): ColumnReference[] {
  const root = document.contents;
  if (!isMap(root)) return [];
  const found: ColumnReference[] = [];
  const add = (field: string, node: Node | null | undefined, column?: string, at = 0) => {
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const decoded = decodeScalar(node);
    if (!decoded) return;
    const name = column ?? node.value;
    found.push({ field, column: name, ...decoded.text.spanToHost(at, at + name.length) });
  };
  const get = (map: YAMLMap, key: string) => map.items.find((p): p is Pair<Node, Node> => isScalar(p.key) && p.key.value === key)?.value;
  const mappings = get(root, 'entityMappings');
  if (isSeq(mappings)) {
    for (const mapping of mappings.items) {
      const fields = isMap(mapping) ? get(mapping, 'fieldMappings') : undefined;
      if (!isSeq(fields)) continue;
      for (const field of fields.items) if (isMap(field)) add('entityMappings columnName', get(field, 'columnName'));
    }
  }
  const details = get(root, 'customDetails');
  if (isMap(details)) for (const item of details.items as Pair<Node, Node>[]) add('customDetails', item.value);
  const override = get(root, 'alertDetailsOverride');
  if (isMap(override)) {
    for (const key of ['alertSeverityColumnName', 'alertTacticsColumnName']) add(`alertDetailsOverride ${key}`, get(override, key));
    for (const key of ['alertDisplayNameFormat', 'alertDescriptionFormat']) {
      const node = get(override, key);
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      for (const match of node.value.matchAll(/\{\{([^{}]*)\}\}/g)) {
        const name = match[1]!.trim();
        add(`alertDetailsOverride ${key}`, node, name, match.index + 2 + match[1]!.indexOf(name));
      }
    }
  }
  return found;
}

/** Each named column the query's output does not have. Nothing when the output is not known. */
export function checkOutputColumns(references: ColumnReference[], block: BlockAnalysis): QueryCheckProblem[] {
  if (block.diagnostics.some((d) => d.severity === 'error')) return [];
  const columns = block.outputColumns;
  if (!columns) return [];
  const names = new Set(columns.map((c) => c.name));
  return references
    .filter((r) => !names.has(r.column))
    .map((r) => ({
      start: r.start,
      end: r.end,
      code: 'rule-output-column' as const,
      severity: 'error' as const,
      message: `'${r.column}' (${r.field}) is not a column of the query's output. Its columns: ${listColumns(columns.map((c) => c.name))}.`,
    }));
}

function listColumns(names: string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')} and ${names.length - 12} more`;
}

/**
 * The query's longest `ago()` look-back in minutes, with where it is: `ago(14d)` or `ago(x)` with
 * `let x = 14d;`. Look-backs built from other expressions are not counted (not guessed).
 */
export function longestLookBack(root: SyntaxNode): { minutes: number; start: number; end: number; text: string } | undefined {
  const letValues = new Map<string, { minutes: number; text: string }>();
  const collectLets = (node: SyntaxNode) => {
    if (node.kind === 'LetStatement') {
      const name = child(node, 'Name');
      const value = onlyToken(child(node, 'Expression'));
      const timespan = value?.kind === 'TimespanLiteralToken' ? timespanOf(value.text ?? '') : undefined;
      const declared = name && tokensOf(name)[0]?.value;
      if (timespan && declared) letValues.set(declared, timespan);
    }
    for (const c of node.children) collectLets(c);
  };
  collectLets(root);
  let longest: { minutes: number; start: number; end: number; text: string } | undefined;
  const visit = (node: SyntaxNode) => {
    if (node.kind === 'FunctionCallExpression' && tokensOf(node)[0]?.value === 'ago') {
      // ago ( <one token> ): a timespan literal, or a name bound to one by `let`.
      const inner = tokensOf(node).slice(2, -1);
      const token = inner.length === 1 ? inner[0]! : undefined;
      const argument = token?.kind === 'TimespanLiteralToken' ? timespanOf(token.text ?? '') : token?.kind === 'IdentifierToken' ? letValues.get(token.value ?? '') : undefined;
      if (argument && (!longest || argument.minutes > longest.minutes)) longest = { ...argument, start: node.start, end: node.end };
    }
    for (const c of node.children) visit(c);
  };
  visit(root);
  return longest;
}

function tokensOf(node: SyntaxNode): SyntaxNode[] {
  const tokens: SyntaxNode[] = [];
  const collect = (n: SyntaxNode) => {
    if (n.isToken) tokens.push(n);
    for (const c of n.children) collect(c);
  };
  collect(node);
  return tokens;
}

function onlyToken(node: SyntaxNode | undefined): SyntaxNode | undefined {
  const tokens = node ? tokensOf(node) : [];
  return tokens.length === 1 ? tokens[0] : undefined;
}

/** Minutes in a KQL timespan literal such as `14d`, `1h`, `30m`, `90s`; undefined for other forms. */
function timespanOf(text: string): { minutes: number; text: string } | undefined {
  const match = /^(\d+(?:\.\d+)?)(d|h|m|min|s|sec)$/.exec(text.trim());
  if (!match) return undefined;
  const factor = { d: 1440, h: 60, m: 1, min: 1, s: 1 / 60, sec: 1 / 60 }[match[2] as 'd'];
  return { minutes: Number(match[1]) * factor, text: text.trim() };
}

export function checkLookBack(document: Document.Parsed, query: EmbeddedQuery, block: BlockAnalysis): QueryCheckProblem[] {
  const root = document.contents;
  if (!isMap(root)) return [];
  const periodNode = root.get('queryPeriod', true);
  if (!isScalar(periodNode) || typeof periodNode.value !== 'string' || !periodNode.range) return [];
  const period = durationMinutes(periodNode.value);
  const lookBack = longestLookBack(block.syntax);
  if (period === undefined || !lookBack || lookBack.minutes <= period) return [];
  const at = query.map.spanToHost(lookBack.start, lookBack.end);
  return [
    {
      start: periodNode.range[0],
      end: periodNode.range[1],
      code: 'rule-query-period',
      severity: 'warning',
      message: `The query looks back ${lookBack.text} (\`ago(${lookBack.text})\`), but \`queryPeriod\` is ${periodNode.value}: Sentinel gives the query only ${periodNode.value} of data, so the older rows never arrive.`,
    },
    {
      ...at,
      code: 'rule-query-period',
      severity: 'warning',
      message: `This look-back (${lookBack.text}) is longer than the rule's \`queryPeriod\` (${periodNode.value}); rows older than ${periodNode.value} are not in the data Sentinel passes to the query.`,
    },
  ];
}

/** Columns that identify the asset a Defender custom detection's alert is about. */
export const IMPACTED_ASSET_COLUMNS = [
  'DeviceId',
  'DeviceName',
  'RemoteDeviceName',
  'RecipientEmailAddress',
  'SenderFromAddress',
  'SenderMailFromAddress',
  'RecipientObjectId',
  'AccountObjectId',
  'AccountSid',
  'AccountUpn',
  'InitiatingProcessAccountSid',
  'InitiatingProcessAccountUpn',
  'InitiatingProcessAccountObjectId',
];

/** Defender runs a custom detection only when its output has Timestamp, ReportId and an impacted asset. */
export function checkDefenderColumns(query: EmbeddedQuery, block: BlockAnalysis): QueryCheckProblem[] {
  if (block.diagnostics.some((d) => d.severity === 'error')) return [];
  const columns = block.outputColumns;
  if (!columns) return [];
  const names = new Set(columns.map((c) => c.name));
  const missing = ['Timestamp', 'ReportId'].filter((c) => !names.has(c));
  const hasAsset = IMPACTED_ASSET_COLUMNS.some((c) => names.has(c));
  if (missing.length === 0 && hasAsset) return [];
  const needs = [...missing, ...(hasAsset ? [] : [`an impacted-asset column (${IMPACTED_ASSET_COLUMNS.slice(0, 4).join(', ')}, …)`])];
  return [
    {
      start: query.valueStart,
      end: query.valueStart + 1,
      code: 'rule-defender-columns',
      severity: 'error',
      message: `A Defender custom detection's query must return Timestamp, ReportId and an impacted-asset column; this one lacks ${needs.join(' and ')}.`,
    },
  ];
}
