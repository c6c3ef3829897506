// Parse and analyse a document with Kusto.Language, block by block, and report plain data.

import { scriptRanges } from './blocks';
import { globalStateFor, type Environment } from './globals';
import { kusto, symbolKindName, toArray } from './load';
import { convertTree, scalarTypeName, type SyntaxNode } from './syntax';

/* eslint-disable @typescript-eslint/no-explicit-any -- Bridge.NET objects are untyped at this boundary */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface KqlDiagnostic {
  start: number;
  end: number;
  severity: Severity;
  message: string;
  /** Kusto's diagnostic code, e.g. `KS142`. */
  code: string;
}

/**
 * One range of the script (see `blocks.ts` for what a block is), analysed on its own as Kusto
 * Explorer does, so one block's error does not poison the next. Offsets are into the whole document.
 */
export class BlockAnalysis {
  private tree: SyntaxNode | undefined;
  private diagnosticsCache: KqlDiagnostic[] | undefined;
  private serviceCache: any;

  constructor(
    readonly start: number,
    readonly text: string,
    /** Kusto.Language's analysed `KustoCode`; only code under `server/src/kusto/` may use it. */
    readonly code: any,
  ) {}

  get end(): number {
    return this.start + this.text.length;
  }

  /** Syntax and semantic diagnostics, with cascades on the same span collapsed to their cause. */
  get diagnostics(): KqlDiagnostic[] {
    if (!this.diagnosticsCache) {
      const raw = toArray(this.code.GetDiagnostics()).map((d: any) => toDiagnostic(d, this.start));
      this.diagnosticsCache = collapseCascades(raw);
    }
    return this.diagnosticsCache;
  }

  /** The analysed syntax tree as plain nodes (converted on first use). */
  get syntax(): SyntaxNode {
    if (!this.tree) this.tree = convertTree(this.code.Syntax, this.start);
    return this.tree;
  }

  /** Kusto's code service over this block, in block-local offsets; for the editor features. */
  get service(): any {
    if (!this.serviceCache) this.serviceCache = new (kusto().Editor.KustoCodeService.ctor)(this.code);
    return this.serviceCache;
  }

  /**
   * The columns of the block's result as Kusto.Language computes them (the output schema of a
   * rule's query), or undefined when the result is not a table or its type is not known.
   */
  get outputColumns(): { name: string; type: string }[] | undefined {
    const type = this.code.ResultType;
    if (!type || symbolKindName(type.Kind) !== 'Table') return undefined;
    return toArray(type.Columns).map((c: any) => ({ name: String(c.Name), type: scalarTypeName(c.Type) }));
  }

  /** True when the block holds nothing but whitespace and comments. */
  get isEmpty(): boolean {
    return this.syntax.children.every((c) => c.start === c.end);
  }
}

export interface DocumentAnalysis {
  text: string;
  blocks: BlockAnalysis[];
  diagnostics: KqlDiagnostic[];
}

/**
 * Analyses `text` against `environment`. Never throws on user input. A document is split into
 * blocks at blank lines; `asOneQuery` analyses it whole, as Sentinel and Defender run a rule's
 * query (blank lines inside it are common there).
 */
export function analyzeDocument(text: string, environment: Environment, asOneQuery = false): DocumentAnalysis {
  const K = kusto();
  const globals = globalStateFor(environment);
  const blocks: BlockAnalysis[] = [];
  for (const { start, end } of asOneQuery ? [{ start: 0, end: text.length }] : scriptRanges(text)) {
    const blockText = text.slice(start, end);
    blocks.push(new BlockAnalysis(start, blockText, K.KustoCode.ParseAndAnalyze(blockText, globals)));
  }
  return {
    text,
    blocks,
    get diagnostics() {
      return blocks.flatMap((b) => b.diagnostics);
    },
  };
}

/** Analyses `text` as one query, without splitting at blank lines (the engine's view). */
export function analyzeQuery(text: string, environment: Environment): BlockAnalysis {
  return new BlockAnalysis(0, text, kusto().KustoCode.ParseAndAnalyze(text, globalStateFor(environment)));
}

/**
 * Parses `text` as one query without analysing it, and returns the syntax diagnostics exactly as
 * `KustoCode.Parse` reports them (no cascade collapsing): for parity checks with the parser.
 */
export function parseQuery(text: string): KqlDiagnostic[] {
  return toArray(kusto().KustoCode.Parse(text, null).GetDiagnostics()).map((d: any) => toDiagnostic(d, 0));
}

function toDiagnostic(d: any, offset: number): KqlDiagnostic {
  const start = (d.HasLocation ? d.Start : 0) + offset;
  return {
    start,
    end: start + (d.HasLocation ? d.Length : 0),
    severity: severityOf(String(d.Severity)),
    message: String(d.Message),
    code: String(d.Code),
  };
}

function severityOf(severity: string): Severity {
  switch (severity) {
    case 'Error':
      return 'error';
    case 'Warning':
      return 'warning';
    case 'Suggestion':
      return 'hint';
    default:
      return 'information';
  }
}

/** Kusto's code for "The name 'x' does not refer to any known column, table, variable or function." */
const UNKNOWN_NAME = 'KS142';

/**
 * An unresolved name also yields type errors on the very same span ("A value of type string
 * expected"). Those are consequences, not causes: keep only the unknown-name error there.
 */
function collapseCascades(diagnostics: KqlDiagnostic[]): KqlDiagnostic[] {
  const unknownAt = new Set(diagnostics.filter((d) => d.code === UNKNOWN_NAME).map((d) => `${d.start}:${d.end}`));
  if (unknownAt.size === 0) return diagnostics;
  return diagnostics.filter((d) => d.code === UNKNOWN_NAME || d.severity !== 'error' || !unknownAt.has(`${d.start}:${d.end}`));
}
