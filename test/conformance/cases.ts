// The documented examples the engine is checked against: `data/kql-docs-cases`
// (Microsoft's KQL reference, MicrosoftDocs/dataexplorer-docs: doc text and tables CC BY 4.0,
// queries MIT, (c) Microsoft). See that folder's README for the format.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExpectedTable, RowOrder } from './compare';

export interface ConformanceCase {
  id: string;
  /** `cases.jsonl` or `inline-true-examples.jsonl`. */
  source: 'cases' | 'inline';
  query: string;
  expected: ExpectedTable;
  order: RowOrder;
  truncated: boolean;
  features: string[];
  notes: string[];
  parseIssues: string[];
  docPath: string;
  docLine: number;
  /** The doc page's subject, e.g. `function:case`, `operator:join`. */
  documents: string;
}

const REPO_ROOT = resolve(__dirname, '..', '..');
export const CASES_DIR = join(REPO_ROOT, 'data', 'kql-docs-cases');

/** Every case, documented examples first, each list in file order. */
export function loadCases(): ConformanceCase[] {
  return [...readLines('cases.jsonl').map((raw) => toCase(raw, 'cases')), ...readLines('inline-true-examples.jsonl').map((raw) => toCase(raw, 'inline'))];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON records from the data set
type RawCase = Record<string, any>;

function readLines(file: string): RawCase[] {
  return readFileSync(join(CASES_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RawCase);
}

function toCase(raw: RawCase, source: ConformanceCase['source']): ConformanceCase {
  return {
    id: raw.id,
    source,
    query: raw.query,
    expected: raw.expected,
    order: raw.order ?? 'input-order',
    truncated: raw.truncated ?? false,
    // An inline example exercises one string operator on literals.
    features: raw.features ?? [`binop:${raw.operator}`],
    notes: raw.notes ?? [],
    parseIssues: raw.parse_issues ?? [],
    docPath: raw.doc_path,
    docLine: raw.doc_line,
    documents: raw.documents ?? `operator:${raw.operator}`,
  };
}

/**
 * Why the doc's output cannot be reproduced exactly, or undefined. The data set flags these in
 * `notes`: random or clock-dependent functions, approximate aggregates (hll, tdigest, dcount
 * estimates), and `take`/`sample` without a sort (which rows come back is unspecified).
 */
export function nondeterminism(testCase: ConformanceCase): string | undefined {
  const flagged = testCase.notes.filter((note) => /nondeterministic|not deterministic/.test(note));
  return flagged.length > 0 ? flagged.join('; ') : undefined;
}

/**
 * The surface issue 3 promises (the detection subset). A case is in the surface when every one
 * of its features is.
 */
const SURFACE = new Set(
  [
    // statements, literals, dynamic access
    'stmt:let', 'udf', 'lit:timespan', 'lit:verbatim-string', 'lit:multiline-string', 'lit:obfuscated-string', 'dyn:dot-access', 'dyn:index-access',
    // tabular operators
    'op:where', 'op:extend', 'op:project', 'op:project-away', 'op:project-keep', 'op:project-rename', 'op:project-reorder', 'op:summarize', 'op:sort',
    'op:order', 'op:top', 'op:take', 'op:limit', 'op:distinct', 'op:count', 'op:serialize', 'op:join', 'op:lookup', 'op:mv-expand', 'op:mv-apply',
    'op:parse', 'op:parse-where', 'op:getschema', 'op:union', 'op:as',
    // string operators
    ...['==', '!=', '=~', '!~', 'has', '!has', 'has_cs', '!has_cs', 'has_any', 'has_all', 'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs',
      'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs', 'contains', '!contains', 'contains_cs', '!contains_cs', 'startswith', '!startswith',
      'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs', '!endswith_cs', 'in', '!in', 'in~', '!in~', 'matches regex',
      'between', '!between'].map((op) => `binop:${op}`),
    // aggregates
    'fn:count', 'fn:countif', 'fn:dcount', 'fn:dcountif', 'fn:sum', 'fn:sumif', 'fn:avg', 'fn:avgif', 'fn:min', 'fn:max', 'fn:arg_min', 'fn:arg_max',
    'fn:make_list', 'fn:make_set', 'fn:make_list_if', 'fn:make_set_if', 'fn:make_bag', 'fn:take_any', 'fn:percentile', 'fn:percentiles', 'fn:stdev',
    'fn:variance',
    // strings
    'fn:tolower', 'fn:toupper', 'fn:strlen', 'fn:substring', 'fn:strcat', 'fn:strcat_delim', 'fn:split', 'fn:replace_string', 'fn:replace_regex',
    'fn:extract', 'fn:extract_all', 'fn:trim', 'fn:trim_start', 'fn:trim_end', 'fn:indexof', 'fn:reverse', 'fn:countof', 'fn:parse_path',
    'fn:parse_url', 'fn:parse_command_line', 'fn:base64_decode_tostring', 'fn:url_decode',
    // conversions and literal constructors
    'fn:tostring', 'fn:toint', 'fn:tolong', 'fn:toreal', 'fn:todouble', 'fn:tobool', 'fn:todatetime', 'fn:totimespan', 'fn:toguid', 'fn:todynamic',
    'fn:parse_json', 'fn:datetime', 'fn:dynamic', 'fn:timespan', 'fn:time', 'fn:int', 'fn:long', 'fn:real', 'fn:double', 'fn:bool', 'fn:decimal',
    // datetime
    'fn:now', 'fn:ago', 'fn:bin', 'fn:floor', 'fn:startofday', 'fn:startofweek', 'fn:startofmonth', 'fn:startofyear', 'fn:endofday', 'fn:endofweek',
    'fn:endofmonth', 'fn:endofyear', 'fn:format_datetime', 'fn:datetime_diff', 'fn:datetime_add', 'fn:dayofweek', 'fn:hourofday', 'fn:getyear',
    'fn:getmonth',
    // dynamic
    'fn:array_length', 'fn:pack', 'fn:bag_pack', 'fn:pack_array', 'fn:set_has_element', 'fn:array_index_of', 'fn:bag_keys',
    // other
    'fn:iff', 'fn:iif', 'fn:case', 'fn:coalesce', 'fn:isempty', 'fn:isnotempty', 'fn:isnull', 'fn:isnotnull', 'fn:hash_sha256', 'fn:ipv4_is_private',
    'fn:ipv4_is_in_range', 'fn:ipv4_is_match', 'fn:parse_ipv4', 'fn:materialize', 'fn:toscalar', 'fn:row_number', 'fn:prev', 'fn:next',
  ],
);

export function inSurface(testCase: ConformanceCase): boolean {
  return testCase.features.every((feature) => SURFACE.has(feature));
}

/** What a case is filed under in the printed table: the doc page's subject, e.g. `function:case`. */
export function featureOf(testCase: ConformanceCase): string {
  return testCase.documents;
}
