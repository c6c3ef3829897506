// Open documents and their analysis, cached by (uri, version). A request for a version that has
// already been superseded, or that the client cancelled, gets no analysis and does no work.

import type { CancellationToken, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Environment } from '../kusto/globals';
import { lintDocument, type LintOptions, type LintResult } from '../rules/lint';

export interface Analysed {
  document: TextDocument;
  result: LintResult;
  /** What the document was analysed against (fixes are computed against the same). */
  setup: AnalysisSetup;
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
}

export class DocumentStore {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    readonly documents: TextDocuments<TextDocument>,
    private readonly setupOf: (uri: string) => Promise<AnalysisSetup>,
  ) {}

  /** The current document's analysis, or undefined when it is closed, superseded or cancelled. */
  async analyse(uri: string, token?: CancellationToken): Promise<Analysed | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const setup = await this.setupOf(uri);
    // Settings may have taken a round trip: the user may have typed on, or given up on the request.
    if (token?.isCancellationRequested || this.documents.get(uri)?.version !== document.version) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === document.version && sameSetup(cached.setup, setup)) return { document, result: cached.result, setup };
    const result = lintDocument(document.getText(), setup.environment, setup.options);
    this.cache.set(uri, { version: document.version, setup, result });
    return { document, result, setup };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

function sameSetup(a: AnalysisSetup, b: AnalysisSetup): boolean {
  return a.environment === b.environment && a.options === b.options;
}
