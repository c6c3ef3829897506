// Hover text from Kusto's quick info, plus our own documentation for operators and functions.

import type { BlockAnalysis } from '../analyze';
import { kusto, toArray } from '../load';
import { documentationFor } from './documentation';

/* eslint-disable @typescript-eslint/no-explicit-any -- Bridge.NET objects are untyped at this boundary */

export interface QuickInfo {
  /** The element the information is about, in document offsets. */
  start: number;
  end: number;
  /** Kusto's one-line descriptions: signatures, types, diagnostics at the position. */
  lines: string[];
  /** Markdown documentation of the operator or function, where we have some. */
  documentation?: string;
}

/** Quick info at `offset` (a document offset inside `block`), or undefined where there is none. */
export function quickInfoAt(block: BlockAnalysis, offset: number): QuickInfo | undefined {
  const local = offset - block.start;
  const info = block.service.GetQuickInfo(local, kusto().Editor.QuickInfoOptions.Default);
  const lines = info ? toArray(info.Items).map((item: any) => String(item.Text)).filter((text) => text.length > 0) : [];
  const token = block.code.Syntax.GetTokenAt(local);
  const element = token && token.TextStart <= local && local <= token.End ? token : undefined;
  // Two-word operators are one token (`matches regex`): normalise its inner spacing.
  const documentation = element ? documentationFor(String(element.Text).replace(/\s+/g, ' ')) : undefined;
  if (lines.length === 0 && !documentation) return undefined;
  const start = block.start + (element ? element.TextStart : local);
  const end = block.start + (element ? element.End : local);
  return documentation ? { start, end, lines, documentation } : { start, end, lines };
}
