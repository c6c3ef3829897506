// A Sentinel analytic rule in YAML (Azure-Sentinel `Detections/`, `Solutions/*/Analytic Rules/`):
// recognised by a string `query` beside analytic-rule fields, parsed with node ranges kept.

import { isMap, isScalar, LineCounter, parseDocument, type Document, type Scalar } from 'yaml';
import type { EmbeddedQuery } from './embeddedQuery';
import { decodeScalar, type DecodedScalar } from './yamlScalar';

/** Fields of which at least one must sit beside `query` for a YAML file to be an analytic rule. */
const RULE_FIELDS = ['kind', 'queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold', 'tactics', 'relevantTechniques', 'requiredDataConnectors', 'entityMappings', 'severity'];

export interface AnalyticRuleYaml {
  document: Document.Parsed;
  /** Undefined when the query scalar could not be mapped exactly (reported in `problems`). */
  query: EmbeddedQuery | undefined;
  queryNode: Scalar;
  problems: { start: number; end: number; message: string }[];
}

/** True when `text` looks like an analytic rule; cheap, for deciding whether to parse at all. */
export function looksLikeAnalyticRule(text: string): boolean {
  return /^query\s*:/m.test(text) && RULE_FIELDS.some((field) => new RegExp(`^${field}\\s*:`, 'm').test(text));
}

export function parseAnalyticRuleYaml(text: string): AnalyticRuleYaml | undefined {
  if (!looksLikeAnalyticRule(text)) return undefined;
  const document = parseDocument(text, { keepSourceTokens: true, lineCounter: new LineCounter(), uniqueKeys: false });
  const root = document.contents;
  if (!isMap(root)) return undefined;
  const queryNode = root.get('query', true);
  if (!isScalar(queryNode) || typeof queryNode.value !== 'string') return undefined;
  if (!RULE_FIELDS.some((field) => root.has(field))) return undefined;
  const problems = document.errors.map((e) => ({ start: e.pos[0], end: e.pos[1], message: e.message }));
  const decoded = decodeScalar(queryNode);
  const [valueStart, valueEnd] = queryNode.range ?? [0, 0];
  if (!decoded) {
    problems.push({ start: valueStart, end: valueEnd, message: 'The query cannot be checked: its YAML scalar could not be mapped to exact positions.' });
    return { document, query: undefined, queryNode, problems };
  }
  return { document, query: yamlQuery(decoded, text, valueStart, valueEnd), queryNode, problems };
}

function yamlQuery(decoded: DecodedScalar, text: string, valueStart: number, valueEnd: number): EmbeddedQuery {
  const eol = text.slice(valueStart, valueEnd).includes('\r\n') ? '\r\n' : '\n';
  return { text: decoded.text.text, map: decoded.text, valueStart, valueEnd, encode: (newText) => encodeForScalar(decoded, newText, eol) };
}

function encodeForScalar(decoded: DecodedScalar, newText: string, eol: string): string | undefined {
  switch (decoded.style) {
    case 'literal': {
      // Every new line gets the block's indentation (blank lines inside the text stay blank); the
      // last one too, as the text after the edit continues it.
      const indent = ' '.repeat(decoded.indent ?? 0);
      const lines = newText.split('\n');
      return lines.map((line, i) => (i === 0 || (line === '' && i < lines.length - 1) ? line : indent + line)).join(eol);
    }
    case 'double-quoted':
      return JSON.stringify(newText).slice(1, -1);
    case 'single-quoted':
      return newText.includes('\n') ? undefined : newText.replace(/'/g, "''");
    case 'folded':
    case 'plain':
      return newText.includes('\n') || (decoded.style === 'plain' && /: | #|^\s|\s$/.test(newText)) ? undefined : newText;
  }
}
