// Loads a detection test spec from YAML text. Never throws: every problem comes back with the
// file, line and column it concerns. Problems inside one case stay with that case, so the
// other cases still run.

import { LineCounter, parseDocument } from 'yaml';
import type { SchemaKind } from '../kusto/environment';
import { parseDateTime } from '../engine/values';
import type { FileProblem } from '../text/problem';
import type { DetectionSpec, Expectation, TableBinding, TestCase, WrittenCell, WrittenRow } from './spec';
import { YamlReader, type YamlNode } from './yamlReader';

export interface LoadedSpec {
  /** Undefined when the spec as a whole is unusable (bad YAML, no detection, no cases…). */
  spec?: DetectionSpec;
  /** Problems that make the spec unusable; case-level problems live on their case. */
  problems: FileProblem[];
}

const SPEC_KEYS = ['detection', 'block', 'schema', 'now', 'tables', 'cases'] as const;
const CASE_KEYS = ['name', 'tags', 'events', 'expect', 'must_not_match', 'known_gap'] as const;
const BINDING_KEYS = ['files', 'rows', 'where'] as const;
const EXPECT_KEYS = ['count', 'min', 'max', 'rows', 'ordered'] as const;
const SCHEMAS: readonly SchemaKind[] = ['defender', 'sentinel', 'both'];

export function loadSpec(text: string, file: string): LoadedSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const reader = new YamlReader(file, doc, lines);
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = error.linePos?.[0];
      reader.report({ line: pos?.line ?? 1, column: pos?.col ?? 1 }, `invalid YAML: ${firstLine(error.message)}`);
    }
    return { problems: reader.problems };
  }
  const top = reader.mapping(doc.contents as YamlNode, 'a test spec');
  if (!top) return { problems: reader.problems };
  reader.onlyKeys(top, SPEC_KEYS, 'the spec');

  const detectionEntry = top.get('detection');
  const detection = detectionEntry ? reader.string(detectionEntry.value, "'detection' (the path of the detection file)") : undefined;
  if (!detectionEntry) reader.report({ line: 1, column: 1 }, "missing 'detection': the path of the detection this spec tests (a .kql file or a rule file)");

  let schema: SchemaKind = 'defender';
  let schemaAt: DetectionSpec['schemaAt'];
  const schemaEntry = top.get('schema');
  if (schemaEntry) {
    const value = reader.string(schemaEntry.value, "'schema'");
    if (value !== undefined && !SCHEMAS.includes(value as SchemaKind)) {
      reader.report(reader.at(schemaEntry.value), `'schema' must be one of ${SCHEMAS.join(', ')}`);
    } else if (value !== undefined) {
      schema = value as SchemaKind;
      schemaAt = reader.at(schemaEntry.value);
    }
  }

  let block: DetectionSpec['block'];
  const blockEntry = top.get('block');
  if (blockEntry) block = readBlock(reader, blockEntry.value);

  let now: bigint | undefined;
  const nowEntry = top.get('now');
  if (nowEntry) {
    const value = reader.string(nowEntry.value, "'now'");
    if (value !== undefined) {
      const ticks = parseDateTime(value);
      if (ticks === null) reader.report(reader.at(nowEntry.value), `'now' must be an ISO 8601 datetime such as 2024-05-01T12:00:00Z, not '${value}'`);
      else now = ticks;
    }
  }

  const tables = new Map<string, TableBinding>();
  const tablesEntry = top.get('tables');
  if (tablesEntry) readBindings(reader, tablesEntry.value, "'tables'", reader.problems, tables);

  const cases: TestCase[] = [];
  const casesEntry = top.get('cases');
  if (!casesEntry) reader.report({ line: 1, column: 1 }, "missing 'cases': a list of test cases");
  else {
    const items = reader.sequence(casesEntry.value, "'cases'");
    if (items && items.length === 0) reader.report(reader.at(casesEntry.value), "'cases' is empty");
    const seen = new Set<string>();
    for (const [index, item] of (items ?? []).entries()) {
      const testCase = readCase(reader, item, index);
      if (seen.has(testCase.name)) reader.report(testCase.at, `duplicate case name '${testCase.name}': case names must be unique in a spec`, testCase.problems);
      seen.add(testCase.name);
      cases.push(testCase);
    }
  }

  if (reader.problems.length > 0 || detection === undefined) return { problems: reader.problems };
  return {
    spec: { file, detection, detectionAt: reader.at(detectionEntry?.value), block, schema, schemaAt, now, tables, cases, warnings: nowEntry ? [] : [noNowWarning(file)] },
    problems: [],
  };
}

/** `block: 2` (the second query block) or `block: Suspicious RMM` (the block its `// name:` comment names). */
function readBlock(reader: YamlReader, node: YamlNode): DetectionSpec['block'] {
  const at = reader.at(node);
  const value = reader.plain(node);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return { number: value, at };
  if (typeof value === 'string' && value.trim() !== '') return { name: value.trim(), at };
  reader.report(at, "'block' must be a block number (1 for the first query block) or the name a '// name:' comment gives a block");
  return undefined;
}

function noNowWarning(file: string): FileProblem {
  return {
    file,
    line: 1,
    column: 1,
    message: "no 'now': now() and ago() are pinned to each case's latest event time (Timestamp or TimeGenerated), as in the preview; pin 'now' so the tests mean the same on every run",
  };
}

function readCase(reader: YamlReader, node: YamlNode, index: number): TestCase {
  const problems: FileProblem[] = [];
  const at = reader.at(node);
  const testCase: TestCase = { name: `case ${index + 1}`, at, tags: [], events: new Map(), expect: { ordered: false }, mustNotMatch: false, problems };
  const entries = reader.mapping(node, `case ${index + 1}`, problems);
  if (!entries) return testCase;
  reader.onlyKeys(entries, CASE_KEYS, `case ${index + 1}`, problems);

  const nameEntry = entries.get('name');
  const name = nameEntry ? reader.string(nameEntry.value, "a case's 'name'", problems) : undefined;
  if (!nameEntry) reader.report(at, `case ${index + 1} has no 'name'`, problems);
  if (name !== undefined) testCase.name = name;

  const tagsEntry = entries.get('tags');
  if (tagsEntry) testCase.tags = reader.strings(tagsEntry.value, "'tags'", problems) ?? [];

  const eventsEntry = entries.get('events');
  if (eventsEntry) readBindings(reader, eventsEntry.value, "'events'", problems, testCase.events);

  const gapEntry = entries.get('known_gap');
  if (gapEntry) testCase.knownGap = reader.string(gapEntry.value, "'known_gap' (the reason the detection misses this case)", problems);

  const benignEntry = entries.get('must_not_match');
  if (benignEntry) testCase.mustNotMatch = reader.boolean(benignEntry.value, "'must_not_match'", problems) ?? false;

  const expectEntry = entries.get('expect');
  if (expectEntry) {
    if (testCase.mustNotMatch) reader.report(reader.at(expectEntry.key.key as YamlNode), "a case has either 'expect' or 'must_not_match: true', not both", problems);
    testCase.expect = readExpectation(reader, expectEntry.value, problems);
  } else if (!testCase.mustNotMatch) {
    reader.report(at, `case '${testCase.name}' needs 'expect' or 'must_not_match: true'`, problems);
  }
  return testCase;
}

function readExpectation(reader: YamlReader, node: YamlNode, problems: FileProblem[]): Expectation {
  const expectation: Expectation = { ordered: false };
  const entries = reader.mapping(node, "'expect'", problems);
  if (!entries) return expectation;
  reader.onlyKeys(entries, EXPECT_KEYS, "'expect'", problems);
  for (const key of ['count', 'min', 'max'] as const) {
    const entry = entries.get(key);
    if (entry) expectation[key] = reader.count(entry.value, `'${key}'`, problems);
  }
  const orderedEntry = entries.get('ordered');
  if (orderedEntry) expectation.ordered = reader.boolean(orderedEntry.value, "'ordered'", problems) ?? false;
  const rowsEntry = entries.get('rows');
  if (rowsEntry) expectation.rows = readRows(reader, rowsEntry.value, "expected 'rows'", problems);

  const at = reader.at(node);
  if (expectation.count !== undefined && (expectation.min !== undefined || expectation.max !== undefined)) {
    reader.report(at, "'count' is exact: use it alone, or use 'min'/'max'", problems);
  }
  if (expectation.min !== undefined && expectation.max !== undefined && expectation.min > expectation.max) {
    reader.report(at, `'min' (${expectation.min}) is greater than 'max' (${expectation.max})`, problems);
  }
  if (expectation.count !== undefined && expectation.rows && expectation.count !== expectation.rows.length) {
    reader.report(at, `'count' is ${expectation.count} but ${expectation.rows.length} rows are listed`, problems);
  }
  if (expectation.count === undefined && expectation.min === undefined && expectation.max === undefined && !expectation.rows) {
    reader.report(at, "'expect' needs at least one of count, min, max, rows", problems);
  }
  return expectation;
}

function readBindings(reader: YamlReader, node: YamlNode, what: string, problems: FileProblem[], into: Map<string, TableBinding>): void {
  const entries = reader.mapping(node, `${what} (table name → files, rows or where)`, problems);
  for (const [table, { value }] of entries ?? []) {
    const at = reader.at(value);
    const binding: TableBinding = { at };
    const fields = reader.mapping(value, `the binding of ${table}`, problems, at);
    if (!fields) continue;
    reader.onlyKeys(fields, BINDING_KEYS, `the binding of ${table}`, problems);
    const files = fields.get('files');
    if (files) binding.files = reader.strings(files.value, `${table}: 'files'`, problems);
    const rows = fields.get('rows');
    if (rows) binding.rows = readRows(reader, rows.value, `${table}: 'rows'`, problems);
    const where = fields.get('where');
    if (where) {
      binding.where = reader.string(where.value, `${table}: 'where' (a KQL predicate)`, problems);
      binding.whereAt = reader.at(where.value);
    }
    if (binding.files && binding.rows) reader.report(at, `${table}: give either 'files' or 'rows', not both`, problems);
    if (!fields.has('files') && !fields.has('rows') && !fields.has('where')) reader.report(at, `${table}: a binding needs 'files', 'rows' or 'where'`, problems);
    into.set(table, binding);
  }
}

function readRows(reader: YamlReader, node: YamlNode, what: string, problems: FileProblem[]): WrittenRow[] | undefined {
  const items = reader.sequence(node, what, problems);
  if (!items) return undefined;
  const rows: WrittenRow[] = [];
  for (const item of items) {
    const entries = reader.mapping(item, `each entry of ${what} (column: value)`, problems);
    if (!entries) continue;
    const cells = new Map<string, WrittenCell>();
    for (const [column, { key, value }] of entries) {
      const keyAt = reader.at(key.key as YamlNode);
      cells.set(column, { value: reader.plain(value), at: reader.at(value, keyAt), keyAt });
    }
    rows.push({ cells, at: reader.at(item) });
  }
  return rows;
}

/** The parser's message without the position and excerpt it appends (we report those ourselves). */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

