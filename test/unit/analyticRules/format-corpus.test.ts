// `kql-detect fmt` on real published Sentinel analytic rules (data/sentinel-rules, from
// Azure/Azure-Sentinel, MIT): formatting a rule file in place is idempotent, the file reads back
// with the same rule fields and the formatted query, and every byte outside the query is kept.
// A sample runs by default (every 4th rule); KQL_DETECT_FULL_CORPUS=1 runs all of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
import type { Environment } from '../../../server/src/kusto/globals';
import { formatText } from '../../../server/src/kusto/service/formatting';
import { readRuleFile } from '../../../server/src/sources/ruleFile';
import { rewriteRuleFileQueries } from '../../../server/src/sources/rewriteQueries';
import { SENTINEL_RULES_ROOT, sentinelRuleFiles } from './sentinelRules';

const NO_TABLES: Environment = { tables: [], openTables: [], functions: [] };
const formatted = new Map<string, string>();
function format(query: string): string {
  let result = formatted.get(query);
  if (result === undefined) {
    result = formatText(query, NO_TABLES, { indentSize: 4 });
    formatted.set(query, result);
  }
  return result;
}

/** The rule's fields as data, without the query. */
function fieldsOf(path: string, text: string): unknown {
  const file = readRuleFile(path, text);
  assert.ok(file?.yaml, `${path} reads as an analytic rule`);
  const fields = file.yaml.document.toJS() as Record<string, unknown>;
  delete fields.query;
  return fields;
}

test('formatting rule files in place: idempotent, same fields, formatted query, the rest byte for byte', () => {
  const stride = process.env.KQL_DETECT_FULL_CORPUS === '1' ? 1 : 4;
  const paths = sentinelRuleFiles().filter((_, i) => i % stride === 0);
  let changed = 0;
  for (const path of paths) {
    const name = relative(SENTINEL_RULES_ROOT, path);
    const text = readFileSync(path, 'utf8');
    const query = readRuleFile(path, text)!.queries[0]!;
    const once = rewriteRuleFileQueries(path, text, format)!;
    assert.deepEqual(once.skipped, [], name);
    if (once.text !== text) changed++;
    assert.equal(rewriteRuleFileQueries(path, once.text, format)!.text, once.text, `${name}: formatting twice changed the file`);

    const reread = readRuleFile(path, once.text)!;
    assert.deepEqual(fieldsOf(path, once.text), fieldsOf(path, text), `${name}: the rule's fields changed`);
    assert.equal(reread.queries[0]!.text, format(query.text), `${name}: the query is not the formatted query`);

    // Outside the query's text (its leading and trailing whitespace included) nothing moves.
    const lead = query.text.length - query.text.trimStart().length;
    const trail = query.text.length - query.text.trimEnd().length;
    const before = query.map.toHost(lead);
    const after = text.length - query.map.toHostEnd(query.text.length - trail);
    assert.equal(once.text.slice(0, before), text.slice(0, before), `${name}: text before the query changed`);
    assert.equal(once.text.slice(once.text.length - after), text.slice(text.length - after), `${name}: text after the query changed`);
  }
  // The properties are only worth something if many files changed.
  assert.ok(changed > paths.length / 2, `only ${changed} of ${paths.length} rule files changed`);
});
