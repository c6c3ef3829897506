// Open documents and their analysis, cached by (uri, version). A request for a version that has
// already been superseded, or that the client cancelled, gets no analysis and does no work.

import type { CancellationToken, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { lintRuleFile, schemaOfRuleFile } from '../analyticRules/lint';
import type { SchemaKind } from '../kusto/environment';
import type { Environment } from '../kusto/globals';
import { lintDocument, type LintOptions, type LintResult } from '../rules/lint';
import { mayBeRuleFile, readRuleFile } from '../sources/ruleFile';
import { virtualDocument, type EmbeddedDocument } from './embedded';

export interface Analysed {
  document: TextDocument;
  result: LintResult;
  /** What the document was analysed against (fixes are computed against the same). */
  setup: AnalysisSetup;
  /**
   * Rule files (analytic-rule YAML, ARM, Graph JSON): their embedded queries. `result` then holds
   * the file's findings in its own offsets, and the KQL features run on these instead.
   */
  embedded?: EmbeddedDocument[];
  /** True for a rule file's virtual query document: analysed as one query, not split into blocks. */
  asOneQuery?: boolean;
}

/** What a document is analysed against, from its settings. Compared by identity for caching. */
export interface AnalysisSetup {
  environment: Environment;
  options: LintOptions;
}

interface CacheEntry {
  version: number;
  setup: AnalysisSetup;
  result: LintResult;
  embedded?: EmbeddedDocument[];
}

export class DocumentStore {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    readonly documents: TextDocuments<TextDocument>,
    /** `schema`: a rule file's product, in place of the document's schema setting. */
    private readonly setupOf: (uri: string, schema?: SchemaKind) => Promise<AnalysisSetup>,
  ) {}

  /** The current document's analysis, or undefined when it is closed, superseded or cancelled. */
  async analyse(uri: string, token?: CancellationToken): Promise<Analysed | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const fileName = pathOfUri(uri);
    const ruleFile = readRuleFile(fileName, document.getText());
    const setup = await this.setupOf(uri, ruleFile && schemaOfRuleFile(ruleFile.kind));
    // Settings may have taken a round trip: the user may have typed on, or given up on the request.
    if (token?.isCancellationRequested || this.documents.get(uri)?.version !== document.version) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === document.version && sameSetup(cached.setup, setup)) return { document, result: cached.result, setup, embedded: cached.embedded };
    if (!ruleFile && mayBeRuleFile(fileName)) {
      // YAML or JSON without a detection: nothing to say about it, and no KQL features in it.
      const result: LintResult = { analysis: { text: document.getText(), blocks: [], diagnostics: [] }, findings: [], catalogProblems: [] };
      this.cache.set(uri, { version: document.version, setup, result, embedded: [] });
      return { document, result, setup, embedded: [] };
    }
    if (ruleFile) {
      const lint = lintRuleFile(ruleFile, document.getText(), setup.options, setup.environment);
      const embedded = lint.queries.map(({ query, result }) => ({
        query,
        analysed: { document: virtualDocument(uri, document.version, query), result, setup, asOneQuery: true },
      }));
      const result: LintResult = { analysis: { text: document.getText(), blocks: [], diagnostics: [] }, findings: lint.findings, catalogProblems: [] };
      this.cache.set(uri, { version: document.version, setup, result, embedded });
      return { document, result, setup, embedded };
    }
    const result = lintDocument(document.getText(), setup.environment, setup.options);
    this.cache.set(uri, { version: document.version, setup, result });
    return { document, result, setup };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/** The path of a document's URI: a file's path, else the URI as text (an unsaved document). */
export function pathOfUri(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

function sameSetup(a: AnalysisSetup, b: AnalysisSetup): boolean {
  return a.environment === b.environment && a.options === b.options;
}
