// Kusto's classifications (what each span of text is: keyword, column, function…) in document offsets.

import type { BlockAnalysis } from '../analyze';
import { kusto, toArray } from '../load';

/* eslint-disable @typescript-eslint/no-explicit-any -- Bridge.NET objects are untyped at this boundary */

/** Kusto's ClassificationKind names, lower-cased first letter: `keyword`, `column`, `stringLiteral`, … */
export type ClassificationKind =
  | 'plainText'
  | 'comment'
  | 'punctuation'
  | 'directive'
  | 'literal'
  | 'stringLiteral'
  | 'type'
  | 'column'
  | 'table'
  | 'database'
  | 'function'
  | 'parameter'
  | 'variable'
  | 'identifier'
  | 'clientParameter'
  | 'queryParameter'
  | 'scalarOperator'
  | 'mathOperator'
  | 'queryOperator'
  | 'command'
  | 'keyword'
  | 'materializedView'
  | 'schemaMember'
  | 'signatureParameter'
  | 'option';

export interface Classification {
  start: number;
  end: number;
  kind: ClassificationKind;
}

/** Classified spans of `block`, in text order. */
export function classify(block: BlockAnalysis): Classification[] {
  const info = block.service.GetClassifications(0, block.text.length, false, true);
  if (!info) return [];
  return toArray(info.Classifications).map((c: any) => ({
    start: block.start + c.Start,
    end: block.start + c.Start + c.Length,
    kind: kindName(c.Kind),
  }));
}

let kindNames: ClassificationKind[] | undefined;

function kindName(kind: number): ClassificationKind {
  if (!kindNames) {
    kindNames = [];
    for (const [name, value] of Object.entries(kusto().Editor.ClassificationKind)) {
      if (typeof value === 'number') kindNames[value] = (name[0].toLowerCase() + name.slice(1)) as ClassificationKind;
    }
  }
  return kindNames[kind] ?? 'plainText';
}
