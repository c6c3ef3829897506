// union: rows of every leg, columns matched by name (Kusto's outer union by default).

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import { nameText } from '../scalar/nodes';
import type { RowTrace } from '../trace';
import { concatDropped, outputColumns } from '../relations';
import { Rel, unsupported } from '../runtime';
import { emptyValue, type Value } from '../values';
import { namedParameters, type Operator, type OperatorContext } from './context';

interface Leg {
  produce: () => Rel;
  /** What `withsource` reports for this leg. */
  label: string | undefined;
}

export function compileUnion(node: SyntaxNode, ctx: OperatorContext, text: string, hasInput: boolean): Operator {
  const parameters = namedParameters(node, text);
  const sourceColumn = parameters.get('withsource') ?? parameters.get('source');
  const kind = (parameters.get('kind') ?? 'outer').toLowerCase();
  if (kind !== 'outer' && kind !== 'inner') throw unsupported(node, `union kind=${kind}`);
  // isfuzzy=true only tolerates legs that fail to resolve; here every leg must run anyway.
  const legs: Leg[] = listElements(child(node, 'Expressions')).flatMap((expression): Leg[] => {
    const wildcard = child(expression, 'Name');
    if (expression.symbol?.kind === 'Group' && wildcard?.kind === 'WildcardedName') {
      // Working model: the database is the bound tables; a wildcard leg reads those it matches.
      return ctx.boundTablesMatching(text.slice(wildcard.start, wildcard.end)).map((table) => ({ produce: table.produce, label: table.name }));
    }
    if (expression.type?.kind !== 'table') throw unsupported(expression, 'this union leg');
    const label = expression.kind === 'NameReference' ? (expression.symbol?.name ?? nameText(expression, text)) : undefined;
    return [{ produce: ctx.compileTabular(expression, ctx.scope), label }];
  });
  if (sourceColumn !== undefined && (hasInput || legs.some((l) => l.label === undefined))) {
    throw unsupported(node, 'withsource on a union leg that is not a table name');
  }
  const output = outputColumns(node);
  return (input) => {
    const rels = [...(hasInput ? [input] : []), ...legs.map((leg) => leg.produce())];
    const labels = [...(hasInput ? [undefined] : []), ...legs.map((leg) => leg.label)];
    const total = rels.reduce((n, rel) => n + rel.rowCount, 0);
    ctx.state.checkRows(total, node, 'union');
    // A name clash between types gives Kusto's `name_type` columns. When such a name is also a
    // real column of another leg, which column Kusto suffixes is not settled: report it.
    const sourceIndexes = output.map((column) => {
      const exact = rels.map((rel) => rel.indexOf(column.name));
      const renamed = rels.map((rel) => rel.columns.findIndex((c) => `${c.name}_${c.type}` === column.name));
      if (exact.some((i) => i >= 0) && renamed.some((i, leg) => i >= 0 && exact[leg] < 0)) {
        throw unsupported(node, `union columns whose type-suffixed name ${column.name} is also a column name`);
      }
      return exact.map((i, leg) => (i >= 0 ? i : renamed[leg]));
    });
    const data = output.map((column, c) => () => {
      const out: Value[] = [];
      rels.forEach((rel, legIndex) => {
        if (column.name === sourceColumn) {
          for (let row = 0; row < rel.rowCount; row++) out.push(labels[legIndex] ?? '');
          return;
        }
        let index = sourceIndexes[c][legIndex];
        if (index >= 0 && rel.columns[index].type !== column.type && column.type !== 'dynamic') index = -1;
        if (index < 0) {
          for (let row = 0; row < rel.rowCount; row++) out.push(emptyValue(column.type));
          return;
        }
        const values = rel.column(index);
        for (let row = 0; row < rel.rowCount; row++) out.push(values[row]);
      });
      return out;
    });
    const traced = rels.every((rel) => rel.trace);
    const trace: RowTrace[] | undefined = traced ? rels.flatMap((rel) => rel.trace!) : undefined;
    return new Rel(output, data, total, trace, concatDropped(...rels.map((rel) => rel.dropped)));
  };
}
