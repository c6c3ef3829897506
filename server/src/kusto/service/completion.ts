// Completion from Kusto's code service, as plain items in document offsets.

import type { BlockAnalysis } from '../analyze';
import { kusto, toArray } from '../load';
import { documentationFor } from './documentation';

/* eslint-disable @typescript-eslint/no-explicit-any -- Bridge.NET objects are untyped at this boundary */

export type CompletionKind =
  | 'keyword'
  | 'syntax'
  | 'queryOperator'
  | 'scalarOperator'
  | 'column'
  | 'table'
  | 'function'
  | 'localFunction'
  | 'databaseFunction'
  | 'aggregate'
  | 'parameter'
  | 'variable'
  | 'database'
  | 'type'
  | 'option'
  | 'example'
  | 'other';

export interface Completion {
  /** What the list shows, e.g. `ago(timespan)`. */
  label: string;
  kind: CompletionKind;
  /** Text inserted before the caret and after it: `ago(` + `)` leaves the caret between the parentheses. */
  before: string;
  after: string;
  /** What the typed prefix is matched against, e.g. `ago`. */
  filterText: string;
  /** Kusto's ordering key: lower sorts first. */
  sortText: string;
  /** Markdown documentation, where we have some. */
  documentation?: string;
}

export interface CompletionList {
  /** The span the chosen item replaces (the partially typed word), in document offsets. */
  start: number;
  end: number;
  items: Completion[];
}

/** Completion items at `offset` (a document offset inside `block`). Never throws on user input. */
export function completionsAt(block: BlockAnalysis, offset: number): CompletionList {
  const local = offset - block.start;
  const info = block.service.GetCompletionItems(local, null);
  if (!info) return { start: offset, end: offset, items: [] };
  const items = toArray(info.Items).map(toCompletion);
  const start = block.start + (info.EditStart >= 0 ? info.EditStart : local);
  return { start, end: start + Math.max(0, info.EditLength), items };
}

function toCompletion(item: any): Completion {
  const kind = kindName(item.Kind);
  const label = String(item.DisplayText);
  const filterText = String(item.MatchText ?? label);
  const completion: Completion = {
    label,
    kind,
    before: String(item.BeforeText ?? label),
    after: String(item.AfterText ?? ''),
    filterText,
    sortText: String(item.OrderText ?? label),
  };
  const documentation = documentationFor(filterText);
  if (documentation && kind !== 'column' && kind !== 'table' && kind !== 'variable') completion.documentation = documentation;
  return completion;
}

let kindNames: Map<number, CompletionKind> | undefined;

function kindName(kind: number): CompletionKind {
  if (!kindNames) {
    const K = kusto().Editor.CompletionKind;
    kindNames = new Map<number, CompletionKind>([
      [K.Keyword, 'keyword'],
      [K.Punctuation, 'syntax'],
      [K.Syntax, 'syntax'],
      [K.Identifier, 'other'],
      [K.Example, 'example'],
      [K.ScalarPrefix, 'scalarOperator'],
      [K.ScalarInfix, 'scalarOperator'],
      [K.TabularPrefix, 'queryOperator'],
      [K.TabularSuffix, 'queryOperator'],
      [K.QueryPrefix, 'queryOperator'],
      [K.CommandPrefix, 'keyword'],
      [K.RenderChart, 'option'],
      [K.Column, 'column'],
      [K.Table, 'table'],
      [K.MaterialiedView, 'table'],
      [K.StoredQueryResult, 'table'],
      [K.Graph, 'table'],
      [K.EntityGroup, 'table'],
      [K.BuiltInFunction, 'function'],
      [K.LocalFunction, 'localFunction'],
      [K.DatabaseFunction, 'databaseFunction'],
      [K.AggregateFunction, 'aggregate'],
      [K.Parameter, 'parameter'],
      [K.Variable, 'variable'],
      [K.Database, 'database'],
      [K.Cluster, 'database'],
      [K.ScalarType, 'type'],
      [K.Option, 'option'],
    ]);
  }
  return kindNames.get(kind) ?? 'other';
}
