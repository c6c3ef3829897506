// The shape of a detection rule, and of what it reports and fixes: plain data in document offsets.

import type { Severity } from '../kusto/analyze';
import type { BlockContext } from './context';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix: text edits computed from the current text and a finding's `data` (stateless). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

export interface RuleFinding {
  /** Which of the rule's messages this is (`missing`, `misspelt`, …), for tests and tooling. */
  messageId: string;
  start: number;
  end: number;
  message: string;
  /** Everything the rule's fixes need to find their target again in the current text. */
  data: Record<string, unknown>;
  /** Query-cost rules only: the table whose size this finding's cost grows with (see `cost/tableSizes.ts`). */
  scannedTable?: string;
}

export interface Rule {
  /** Kebab-case id; the rule's file name and its doc's name (`docs/rules/<id>.md`). */
  id: string;
  defaultSeverity: Severity;
  /** One line for settings UIs and docs. */
  summary: string;
  /**
   * Query-cost rules only: the relative, unitless cost of one finding. A file's cost score is the
   * sum of its findings' weights (see `rules/cost/score.ts`).
   */
  costWeight?: number;
  check(context: BlockContext): RuleFinding[];
  fixes(context: BlockContext, data: Record<string, unknown>): Fix[];
}

export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
