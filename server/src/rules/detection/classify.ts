// Evaluates a classifier with the local engine: which branch does each value reach? The answer
// comes from running the detection's own `case()`/`iff()` text, never from imitating it.

import { LruCache } from '../../catalog/lru';
import type { Environment } from '../../kusto/globals';
import { walk, type SyntaxNode } from '../../kusto/syntax';
import { runQuery } from '../../engine/index';
import type { Classifier } from './model';

const EMPTY_ENVIRONMENT: Environment = { tables: [], openTables: [], functions: [] };

/**
 * Answers by generated query. The query holds everything the answer depends on (the classifier's
 * text, the `let`s it reads and the values), so an edit elsewhere in the detection finds its answer
 * here instead of analysing and running the query again.
 */
const answersByQuery = new LruCache<string, readonly (number | 'default')[] | undefined>(64);
/** Functions whose value changes from run to run: a query calling one is never answered from memory. */
const VOLATILE_CALL = /\b(?:now|ago|rand|new_guid)\s*\(/i;

/**
 * For each value, the index of the branch the classifier sends it to, or `'default'`.
 * `undefined` when the engine cannot evaluate this classifier (unsupported construct, error):
 * callers then stay silent rather than guess.
 */
export function classifyValues(text: string, root: SyntaxNode, classifier: Classifier, column: string, values: string[]): readonly (number | 'default')[] | undefined {
  if (values.length === 0) return [];
  const query = classifierQuery(text, root, classifier, column, values);
  if (!query) return undefined;
  if (VOLATILE_CALL.test(query)) return evaluate(query, classifier, values.length);
  return answersByQuery.get(query, () => evaluate(query, classifier, values.length));
}

function evaluate(query: string, classifier: Classifier, count: number): (number | 'default')[] | undefined {
  const result = runQuery(query, EMPTY_ENVIRONMENT);
  const table = result.results[0];
  if (result.diagnostics.some((d) => d.severity === 'error') || !table || table.rows.length !== count) return undefined;
  const branchOfLabel = uniqueLabels(classifier);
  const fallback = classifier.fallback.label;
  if (fallback === undefined || branchOfLabel.has(fallback)) return undefined;
  const answers: (number | 'default')[] = [];
  for (const row of table.rows) {
    const label = row[0];
    if (label === fallback) answers.push('default');
    else if (typeof label === 'string' && branchOfLabel.get(label) !== undefined) answers.push(branchOfLabel.get(label)!);
    else return undefined;
  }
  return answers;
}

/** Label → branch index, for labels used by exactly one branch (the first match wins in case()). */
function uniqueLabels(classifier: Classifier): Map<string, number> {
  const map = new Map<string, number>();
  classifier.branches.forEach((branch, index) => {
    if (!map.has(branch.label.value)) map.set(branch.label.value, index);
  });
  return map;
}

/**
 * `let …; datatable(FileName:string, …)["a.exe", …] | project Label = <classifier>`, with the `let`
 * statements the classifier refers to and every other column it reads (as nulls of its type).
 */
function classifierQuery(text: string, root: SyntaxNode, classifier: Classifier, column: string, values: string[]): string | undefined {
  const columns = new Map<string, string>([[column, 'string']]);
  const referenced = new Set<number>();
  let ok = true;
  walk(root, (node) => {
    if (node.end <= classifier.start || node.start >= classifier.end) return false;
    if (node.kind !== 'NameReference' || !node.symbol) return;
    if (node.symbol.kind === 'Column' && !columns.has(node.symbol.name)) {
      const type = node.type?.kind === 'scalar' ? node.type.name : undefined;
      if (!type) ok = false;
      else columns.set(node.symbol.name, type);
    } else if (node.symbol.declaration && node.symbol.declaration.start < classifier.start) {
      referenced.add(node.symbol.declaration.start);
    }
  });
  if (!ok) return undefined;
  const lets: string[] = [];
  walk(root, (node) => {
    if (node.kind !== 'LetStatement') return;
    const name = node.children.find((c) => c.field === 'Name');
    if (name && referenced.has(name.start)) lets.push(text.slice(node.start, node.end) + ';\n');
    return false;
  });
  const schema = [...columns].map(([name, type]) => `['${name.replace(/'/g, "\\'")}']:${type}`).join(', ');
  const others = [...columns.values()].slice(1).map((type) => (type === 'string' ? '""' : `${type}(null)`));
  const rows = values.map((v) => [kqlString(v), ...others].join(', ')).join(',\n');
  return `${lets.join('')}datatable(${schema})[\n${rows}\n]\n| project Label = ${text.slice(classifier.start, classifier.end)}`;
}

function kqlString(value: string): string {
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}
