// A detection file as every feature sees it, whatever holds it: the query blocks of a `.kql`
// document, or the embedded queries of a rule file (analytic-rule YAML, ARM template, Graph
// detection rule). Each query carries the map from its own offsets to the host file's, so results
// are reported where the user wrote the code.

import { findNodeAtLocation } from 'jsonc-parser/lib/esm/main.js';
import { blockAt, queryBlocks } from '../kusto/blocks';
import type { SchemaKind } from '../kusto/environment';
import { schemaOfRuleFile } from '../analyticRules/lint';
import { readRuleFile, mayBeRuleFile, type RuleFile, type RuleFileKind } from '../sources/ruleFile';
import type { DetectionSpec } from '../testing/spec';
import type { Span } from '../text/span';

export type DetectionKind = 'kql' | RuleFileKind;

/** What is said of a YAML or JSON file that holds no detection, after its name. */
export const NO_DETECTION = 'holds no detection (neither a Sentinel analytic rule, an ARM template with alert rules, nor a Defender custom detection)';

/** One query of a detection file: what the engine runs, and where its characters are in the host. */
export interface DetectionQuery {
  /** 0-based position among the file's queries. */
  index: number;
  /** A `.kql` block's `// name:` comment, or a rule's name (`name`, `displayName`). */
  name?: string;
  text: string;
  /** Host offset of query offset `offset`, taken as the start of a span. */
  toHost(offset: number): number;
  /** A query span in host offsets. */
  spanToHost(start: number, end: number): Span;
  /** The host range the query covers. */
  host: Span;
}

export interface DetectionFile {
  file: string;
  /** The host file's text. */
  text: string;
  kind: DetectionKind;
  queries: DetectionQuery[];
  /** The product whose tables a rule file's queries run on; undefined for `.kql` (settings decide). */
  product?: SchemaKind;
  /** Problems reading a rule file, in host offsets. */
  problems: (Span & { message: string })[];
  rule?: RuleFile;
}

/** The detections of a file, or undefined for YAML or JSON that holds none. Never throws. */
export function readDetection(file: string, text: string): DetectionFile | undefined {
  if (!mayBeRuleFile(file)) return { file, text, kind: 'kql', queries: queryBlocks(text).map(blockQuery), problems: [] };
  const rule = readRuleFile(file, text);
  if (!rule) return undefined;
  const queries: DetectionQuery[] = [];
  rule.queries.forEach((query, i) => {
    if (!query) return;
    const map = query.map;
    queries.push({
      index: queries.length,
      name: ruleName(rule, i),
      text: query.text,
      toHost: (offset) => map.toHost(offset),
      spanToHost: (start, end) => map.spanToHost(start, end),
      host: { start: map.toHost(0), end: map.hostEnd },
    });
  });
  return { file, text, kind: rule.kind, queries, product: schemaOfRuleFile(rule.kind), problems: rule.problems, rule };
}

/** A `.kql` file as one query, all of it: `run` and inlining evaluate every statement it holds. */
export function wholeKqlFile(detection: DetectionFile): DetectionQuery {
  return { index: 0, text: detection.text, toHost: (offset) => offset, spanToHost: (start, end) => ({ start, end }), host: { start: 0, end: detection.text.length } };
}

function blockQuery(block: ReturnType<typeof queryBlocks>[number]): DetectionQuery {
  return {
    index: block.index,
    name: block.name,
    text: block.text,
    toHost: (offset) => block.start + offset,
    spanToHost: (start, end) => ({ start: block.start + start, end: block.start + end }),
    host: { start: block.start, end: block.end },
  };
}

function ruleName(rule: RuleFile, index: number): string | undefined {
  const value = rule.yaml ? rule.yaml.document.get('name') : rule.json && findNodeAtLocation(rule.json.rules[index]!.fields, ['displayName'])?.value;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The query at host offset `offset`: the `.kql` block it falls in (or the one above it), the rule
 * query that holds it; without an offset, or outside every rule query, the last query.
 */
export function queryAt(detection: DetectionFile, offset: number | undefined): DetectionQuery | undefined {
  if (offset === undefined) return detection.queries.at(-1);
  if (detection.kind === 'kql') return blockAt(detection.queries.map((q) => ({ ...q, start: q.host.start, end: q.host.end })), offset) ?? detection.queries.at(-1);
  return detection.queries.find((q) => offset >= q.host.start && offset <= q.host.end) ?? detection.queries.at(-1);
}

/** Which query a test or a run picks: its 1-based number, or its name. */
export type QueryChoice = { number: number } | { name: string };

/** Where a reason for picking no query belongs: on the spec's choice, its `detection:`, or the detection file. */
export type ChoiceProblemAt = 'choice' | 'detection' | 'file';

/** The query `choice` names, else the file's only query; or why none fits, and where to say it. */
export function chooseQuery(detection: DetectionFile, choice: QueryChoice | undefined): { query: DetectionQuery } | { message: string; at: ChoiceProblemAt } {
  const queries = detection.queries;
  const kql = detection.kind === 'kql';
  const what = kql ? 'query block' : 'rule';
  const count = `${queries.length} ${what}${queries.length === 1 ? '' : 's'}`;
  if (choice && 'number' in choice) {
    const query = queries[choice.number - 1];
    return query ? { query } : { message: `block ${choice.number}: the detection has ${count}`, at: 'choice' };
  }
  if (choice) {
    const query = queries.find((q) => q.name === choice.name);
    if (query) return { query };
    const names = queries.flatMap((q) => (q.name ? [`'${q.name}'`] : []));
    return { message: `no ${what} is named '${choice.name}'${kql ? " (by a '// name:' comment)" : ''}${names.length > 0 ? `; named ${kql ? 'blocks' : 'rules'}: ${names.join(', ')}` : ''}`, at: 'choice' };
  }
  if (queries.length === 1) return { query: queries[0]! };
  if (queries.length === 0) return { message: kql ? 'the detection has no query' : 'the rule file has no query that can be checked', at: 'file' };
  return { message: `the detection has ${count}: pick one with 'block:' (${kql ? "its number, or the name of its '// name:' comment" : "its number, or the rule's name"})`, at: 'detection' };
}

/**
 * The tables a detection runs against: the user's choice, else what its spec writes, else its
 * rule file's product (Sentinel for YAML and ARM, Defender for a custom detection), else Defender.
 */
export function detectionSchema(detection: DetectionFile, spec: Pick<DetectionSpec, 'schema' | 'schemaAt'> | undefined, chosen?: SchemaKind): SchemaKind {
  return chosen ?? (spec?.schemaAt ? spec.schema : undefined) ?? detection.product ?? spec?.schema ?? 'defender';
}
