// A `where` right after a join that tests only columns of the join's left side: it could run
// before the join, so the join builds rows that are then thrown away.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import { columnsOf, filtersAfter, moveBefore, type FilterAfter } from '../cost/moveFilter';
import { namedParameter } from '../cost/tabular';
import type { Rule, RuleFinding } from '../rule';

/** Join kinds where filtering left-side columns before or after gives the same rows. */
const LEFT_PRESERVING = new Set(['inner', 'leftouter', 'leftsemi', 'leftanti', 'leftantisemi']);

const columnNames = (node: SyntaxNode | undefined): Set<string> => new Set(node?.type?.kind === 'table' ? node.type.columns.map((c) => c.name) : []);

/** `on A, B` keys (the same name on both sides). */
function sharedKeys(join: SyntaxNode): Set<string> {
  const keys = new Set<string>();
  for (const key of listElements(child(child(join, 'ConditionClause') ?? join, 'Expressions'))) {
    if (key.kind === 'NameReference' && key.symbol) keys.add(key.symbol.name);
  }
  return keys;
}

function movable(site: FilterAfter): boolean {
  const columns = columnsOf(site.filter);
  if (columns.length === 0) return false;
  const left = columnNames(site.input);
  if (!columns.every((c) => left.has(c))) return false;
  const kind = (namedParameter(site.operator, 'kind') ?? 'innerunique').toLowerCase();
  // innerunique keeps one left row per key before joining, so only a test on the keys commutes.
  if (kind === 'innerunique') {
    const keys = sharedKeys(site.operator);
    return columns.every((c) => keys.has(c));
  }
  return LEFT_PRESERVING.has(kind);
}

function sites(root: SyntaxNode): FilterAfter[] {
  return filtersAfter(root, 'JoinOperator').filter(movable);
}

export const rule: Rule = {
  id: 'filter-after-join',
  defaultSeverity: 'information',
  summary: "A where after a join that tests only the left side's columns and could run before the join.",
  costWeight: 2,
  check(context) {
    return sites(context.root).map((site): RuleFinding => {
      const keyword = child(site.filter, 'Keyword') ?? site.filter;
      return {
        messageId: 'filterAfterJoin',
        start: keyword.start,
        end: keyword.end,
        message: `This where tests only columns of the join's left side (${columnsOf(site.filter).join(', ')}); run it before the join, so the join does not build rows it then drops.`,
        data: { at: site.filter.start },
      };
    });
  },
  fixes(context, data) {
    const site = sites(context.root).find((s) => s.filter.start === data.at);
    return site ? [{ title: 'Move the where before the join', edits: moveBefore(context.text, site), isPreferred: true }] : [];
  },
};
