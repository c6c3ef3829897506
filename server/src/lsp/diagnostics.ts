// Publishes diagnostics from the shared pipeline (`lintDocument`), debounced while the user types.

import type { Connection } from 'vscode-languageserver';
import { toDiagnostic } from './convert';
import type { DocumentStore } from './documents';

/** Long enough to skip the analyses of a burst of keystrokes, short enough to feel immediate. */
const TYPING_DELAY_MS = 80;

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents checked at least once: a newly opened one is checked at once, edits after a pause. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly packageRoot: string,
  ) {}

  /** Schedules a check of `uri`: at once when opened, after a short pause while typing. */
  schedule(uri: string): void {
    const immediately = !this.seen.has(uri);
    this.seen.add(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(
        () => {
          this.timers.delete(uri);
          void this.publish(uri);
        },
        immediately ? 0 : TYPING_DELAY_MS,
      ),
    );
  }

  /** Clears a closed document's diagnostics. */
  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.seen.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async publish(uri: string): Promise<void> {
    try {
      const analysed = await this.store.analyse(uri);
      if (!analysed) return; // superseded: the newer version has its own check scheduled
      const { document, result } = analysed;
      const diagnostics = result.findings.map((finding) => toDiagnostic(document, finding, this.packageRoot));
      await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    } catch (error) {
      this.connection.console.error(`Diagnostics for ${uri} failed: ${(error as Error).stack ?? error}`);
    }
  }
}
