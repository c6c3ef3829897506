// Runs a KQL feature inside a rule file: the request's position or range picks the embedded query
// and moves into its virtual document; document-wide features run on every query. Results move
// back into the rule file (`embedded.ts`).

import type { CodeActionContext, Position, Range } from 'vscode-languageserver';
import type { Analysed } from './documents';
import { embeddedAt, listToHost, toHost, toVirtualRange, type EmbeddedDocument } from './embedded';

interface Located {
  position?: Position;
  range?: Range;
  context?: CodeActionContext;
}

export function inEmbedded<P, R>(analysed: Analysed, embedded: EmbeddedDocument[], params: P, feature: (analysed: Analysed, params: P) => R, empty: R): R {
  const host = analysed.document;
  const located = params as Located;
  const anchor = located.position ?? located.range?.start;
  if (anchor) {
    const found = embeddedAt(host, embedded, anchor);
    if (!found) return empty;
    const virtualParams: Record<string, unknown> = { ...(params as object) };
    if (located.position) virtualParams.position = found.position;
    if (located.range) virtualParams.range = toVirtualRange(host, found.embedded, located.range);
    if (located.context) {
      // Only the diagnostics of this query travel: the rule's own (metadata) have no query position.
      const inside = located.context.diagnostics.filter((d) => found.embedded.query.map.containsHost(host.offsetAt(d.range.start)) && d.source !== 'analytic-rule');
      virtualParams.context = { ...located.context, diagnostics: inside.map((d) => ({ ...d, range: toVirtualRange(host, found.embedded, d.range) })) };
    }
    const result = feature(found.embedded.analysed, virtualParams as P);
    return mapResult(host, found.embedded, result, empty);
  }
  // Document-wide (symbols, folding, formatting): every query's results, in file order.
  const results: unknown[] = [];
  for (const e of embedded) {
    const result = feature(e.analysed, params);
    if (!Array.isArray(result)) return empty; // no list to merge (semantic tokens): the host's grammar colours the file
    results.push(...listToHost(host, e, result));
  }
  return results as R;
}

function mapResult<R>(host: Analysed['document'], embedded: EmbeddedDocument, result: R, empty: R): R {
  if (Array.isArray(result)) return listToHost(host, embedded, result) as R;
  if (result && typeof result === 'object' && Array.isArray((result as { items?: unknown }).items)) {
    const list = result as unknown as { items: unknown[] };
    return { ...list, items: listToHost(host, embedded, list.items) } as R;
  }
  return result === null || result === undefined ? result : (toHost(host, embedded, result) ?? empty);
}
