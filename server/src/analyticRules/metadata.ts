// An analytic rule's metadata checked as Azure-Sentinel's CI checks it (its template schema
// validation), each problem placed on the field that has it.

import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { AGGREGATION_KINDS, ENTITY_IDENTIFIERS, KINDS, SEVERITIES, TACTICS, tacticsOfTechnique, TRIGGER_OPERATORS } from './vocabulary';

export interface MetadataProblem {
  start: number;
  end: number;
  message: string;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DURATION = /^(\d+)([mhd])$/;
const VERSION = /^\d+\.\d+\.\d+$/;
const CUSTOM_DETAIL_KEY = /^[a-zA-Z]+\w*$/;
const COLUMN_NAME = /^[a-zA-Z_]+\w*$/;
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;
const MINUTE = 1;
const MIN_PERIOD = 5 * MINUTE;
const MAX_PERIOD = 14 * 24 * 60 * MINUTE;
const LONG_PERIOD = 2 * 24 * 60 * MINUTE;
const HOUR = 60 * MINUTE;

/** Minutes in a `<n>m|h|d` duration, or undefined when it is not one. */
export function durationMinutes(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * { m: 1, h: 60, d: 24 * 60 }[match[2] as 'm' | 'h' | 'd'];
}

export function checkMetadata(document: Document.Parsed, text: string): MetadataProblem[] {
  const root = document.contents;
  if (!isMap(root)) return [];
  const problems: MetadataProblem[] = [];
  const report = (node: Node | null | undefined, message: string) => problems.push({ ...rangeOf(node, text), message });
  const pair = (map: YAMLMap, key: string) => map.items.find((p): p is Pair<Node, Node> => isScalar(p.key) && p.key.value === key);
  const value = (key: string) => pair(root, key)?.value ?? undefined;
  const missing = (key: string) => report(undefined, `The rule has no \`${key}\`; Sentinel requires it.`);
  const stringOf = (key: string, required: boolean): { node: Node; value: string } | undefined => {
    const node = value(key);
    if (node === undefined || (isScalar(node) && node.value === null)) {
      if (required) missing(key);
      return undefined;
    }
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
      report(node, `\`${key}\` must be a single value.`);
      return undefined;
    }
    return { node, value: String(node.value) };
  };
  const oneOf = (key: string, allowed: readonly string[], required: boolean) => {
    const found = stringOf(key, required);
    if (found && !allowed.includes(found.value)) report(found.node, `\`${key}\` is '${found.value}'; it must be one of ${allowed.join(', ')}.`);
    return found;
  };
  const maxLength = (key: string, limit: number, required: boolean) => {
    const found = stringOf(key, required);
    if (found && found.value.length > limit) report(found.node, `\`${key}\` has ${found.value.length} characters; at most ${limit} are allowed.`);
    if (found && found.value.trim() === '') report(found.node, `\`${key}\` is empty.`);
  };

  const id = stringOf('id', true);
  if (id && !GUID.test(id.value)) report(id.node, `\`id\` is '${id.value}'; it must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
  maxLength('name', 256, true);
  maxLength('description', 5000, true);
  oneOf('severity', SEVERITIES, true);
  const kind = oneOf('kind', KINDS, true);
  const scheduled = kind?.value !== 'NRT';

  const query = stringOf('query', true);
  if (query && (query.value.length < 1 || query.value.length > 10000)) report(query.node, `\`query\` has ${query.value.length} characters; it must have 1 to 10,000.`);

  const tactics = value('tactics');
  const listedTactics = new Set<string>();
  if (tactics !== undefined && !(isScalar(tactics) && tactics.value === null)) {
    if (!isSeq(tactics)) report(tactics, '`tactics` must be a list.');
    else
      for (const item of tactics.items as Node[]) {
        const tactic = isScalar(item) ? String(item.value) : '';
        if (!(TACTICS as readonly string[]).includes(tactic)) report(item, `'${tactic}' is not a Sentinel tactic; the tactics are ${TACTICS.join(', ')}.`);
        else listedTactics.add(tactic);
      }
  }
  const techniques = value('relevantTechniques');
  if (techniques !== undefined && !(isScalar(techniques) && techniques.value === null)) {
    if (!isSeq(techniques)) report(techniques, '`relevantTechniques` must be a list.');
    else
      for (const item of techniques.items as Node[]) {
        const technique = isScalar(item) ? String(item.value) : '';
        if (!TECHNIQUE.test(technique)) {
          report(item, `'${technique}' is not an ATT&CK technique id (T#### or T####.###).`);
          continue;
        }
        const needed = tacticsOfTechnique(technique)?.filter((t) => !listedTactics.has(t));
        if (needed && needed.length > 0) report(item, `Technique ${technique} belongs to the tactic${needed.length > 1 ? 's' : ''} ${needed.join(', ')}, which \`tactics\` does not list.`);
      }
  }

  if (scheduled) {
    const frequency = stringOf('queryFrequency', true);
    const period = stringOf('queryPeriod', true);
    const frequencyMinutes = frequency && checkDuration(frequency, 'queryFrequency', report);
    const periodMinutes = period && checkDuration(period, 'queryPeriod', report);
    if (frequencyMinutes !== undefined && periodMinutes !== undefined && period && frequency) {
      if (periodMinutes < frequencyMinutes) report(period.node, `\`queryPeriod\` (${period.value}) is shorter than \`queryFrequency\` (${frequency.value}); it must be at least as long.`);
      if (periodMinutes >= LONG_PERIOD && frequencyMinutes < HOUR) report(frequency.node, `With a \`queryPeriod\` of 2 days or more (${period.value}), \`queryFrequency\` must be at least 1h, not ${frequency.value}.`);
    }
    oneOf('triggerOperator', TRIGGER_OPERATORS, true);
    const threshold = value('triggerThreshold');
    if (threshold === undefined) missing('triggerThreshold');
    else if (!isScalar(threshold) || typeof threshold.value !== 'number' || !Number.isInteger(threshold.value) || threshold.value < 0 || threshold.value > 10000)
      report(threshold, `\`triggerThreshold\` must be a whole number from 0 to 10,000.`);
    if (value('requiredDataConnectors') === undefined) missing('requiredDataConnectors');
  }

  const grouping = value('eventGroupingSettings');
  if (isMap(grouping)) {
    const aggregation = pair(grouping, 'aggregationKind')?.value;
    if (aggregation && (!isScalar(aggregation) || !(AGGREGATION_KINDS as readonly string[]).includes(String(aggregation.value))))
      report(aggregation, `\`aggregationKind\` must be one of ${AGGREGATION_KINDS.join(', ')}.`);
  }

  checkEntityMappings(value('entityMappings'), report, pair);
  checkCustomDetails(value('customDetails'), report);
  const override = value('alertDetailsOverride');
  if (isMap(override)) {
    for (const [key, limit] of [['alertDisplayNameFormat', 256], ['alertDescriptionFormat', 5000]] as const) {
      const node = pair(override, key)?.value;
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const placeholders = node.value.match(PLACEHOLDER)?.length ?? 0;
      if (placeholders > 3) report(node, `\`${key}\` has ${placeholders} {{placeholders}}; at most 3 are allowed.`);
      if (node.value.length > limit) report(node, `\`${key}\` has ${node.value.length} characters; at most ${limit} are allowed.`);
    }
  }
  const version = stringOf('version', false);
  if (version && !VERSION.test(version.value)) report(version.node, `\`version\` is '${version.value}'; it must be three numbers, like 1.0.0.`);

  for (const problem of nonAscii(text)) problems.push(problem);
  return problems;
}

type Report = (node: Node | null | undefined, message: string) => void;

function checkDuration(found: { node: Node; value: string }, key: string, report: Report): number | undefined {
  const minutes = durationMinutes(found.value);
  if (minutes === undefined) {
    report(found.node, `\`${key}\` is '${found.value}'; it must be a number of minutes, hours or days, like 5m, 1h or 14d.`);
    return undefined;
  }
  if (minutes < MIN_PERIOD || minutes > MAX_PERIOD) report(found.node, `\`${key}\` is ${found.value}; it must lie between 5m and 14d.`);
  return minutes;
}

function checkEntityMappings(mappings: Node | undefined, report: Report, pair: (map: YAMLMap, key: string) => Pair<Node, Node> | undefined): void {
  if (mappings === undefined || (isScalar(mappings) && mappings.value === null)) return;
  if (!isSeq(mappings)) {
    report(mappings, '`entityMappings` must be a list.');
    return;
  }
  if (mappings.items.length < 1 || mappings.items.length > 10) report(mappings, `\`entityMappings\` has ${mappings.items.length} entries; it must have 1 to 10.`);
  for (const mapping of mappings.items as Node[]) {
    if (!isMap(mapping)) {
      report(mapping, 'An entity mapping needs `entityType` and `fieldMappings`.');
      continue;
    }
    const typeNode = pair(mapping, 'entityType')?.value;
    const entityType = isScalar(typeNode) ? String(typeNode.value) : undefined;
    const known = entityType !== undefined ? ENTITY_IDENTIFIERS[entityType] : undefined;
    if (!known) report(typeNode ?? mapping, `'${entityType ?? ''}' is not an entity type; the types are ${Object.keys(ENTITY_IDENTIFIERS).join(', ')}.`);
    const fields = pair(mapping, 'fieldMappings')?.value;
    if (!isSeq(fields)) {
      report(fields ?? mapping, '`fieldMappings` must be a list of `identifier` and `columnName`.');
      continue;
    }
    if (fields.items.length < 1 || fields.items.length > 3) report(fields, `\`fieldMappings\` has ${fields.items.length} entries; it must have 1 to 3.`);
    const used = new Set<string>();
    for (const field of fields.items as Node[]) {
      if (!isMap(field)) continue;
      const identifierNode = pair(field, 'identifier')?.value;
      const identifier = isScalar(identifierNode) ? String(identifierNode.value) : '';
      if (known && !known.identifiers.includes(identifier)) report(identifierNode ?? field, `'${identifier}' is not an identifier of ${entityType}; its identifiers are ${known.identifiers.join(', ')}.`);
      else if (used.has(identifier)) report(identifierNode, `Identifier '${identifier}' is mapped twice in this entity.`);
      used.add(identifier);
      const columnNode = pair(field, 'columnName')?.value;
      const column = isScalar(columnNode) ? String(columnNode.value) : '';
      if (!COLUMN_NAME.test(column) || column.length > 500) report(columnNode ?? field, `'${column}' is not a column name (a letter or _ first, then letters, digits or _).`);
    }
    if (known && !known.required.some((combination) => combination.every((i) => used.has(i))))
      report(fields, `${entityType} needs one of these identifier sets mapped: ${known.required.map((c) => c.join(' + ')).join('; ')}.`);
  }
}

function checkCustomDetails(details: Node | undefined, report: Report): void {
  if (details === undefined || (isScalar(details) && details.value === null)) return;
  if (!isMap(details)) {
    report(details, '`customDetails` must map detail names to column names.');
    return;
  }
  if (details.items.length > 20) report(details, `\`customDetails\` has ${details.items.length} entries; at most 20 are allowed.`);
  for (const item of details.items as Pair<Node, Node>[]) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    if (!CUSTOM_DETAIL_KEY.test(key) || key.length > 20) report(item.key, `Custom detail name '${key}' must start with a letter, hold only letters, digits and _, and have at most 20 characters.`);
    const column = isScalar(item.value) ? String(item.value.value) : '';
    if (!COLUMN_NAME.test(column) || column.length > 500) report(item.value ?? item.key, `'${column}' is not a column name (a letter or _ first, then letters, digits or _).`);
  }
}

/** Sentinel rejects templates with characters outside ASCII: one problem per line that has them. */
function nonAscii(text: string): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  for (const match of text.matchAll(/[^\x00-\x7f]+/g)) {
    if (match.index === 0 && match[0] === '\ufeff') continue; // a byte-order mark is not text
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    if (problems.length > 0 && problems[problems.length - 1]!.start >= lineStart) continue;
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    problems.push({ start: match.index, end: match.index + match[0].length, message: `Non-ASCII character U+${code}: Sentinel accepts only ASCII text in a rule.` });
  }
  return problems;
}

/** A node's value range; a missing field is reported on the first line. */
function rangeOf(node: Node | null | undefined, text: string): { start: number; end: number } {
  if (node?.range) return { start: node.range[0], end: Math.max(node.range[0], trimEnd(text, node.range[0], node.range[1])) };
  const firstLine = text.indexOf('\n');
  return { start: 0, end: firstLine < 0 ? text.length : firstLine };
}

/** A block value's range ends after its trailing line breaks: keep the squiggle on the text. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}
