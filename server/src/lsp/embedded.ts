// Rule files in the editor: each embedded query gets a virtual KQL document, every KQL feature runs
// on it unchanged, and positions move between the virtual document and the rule file through the
// query's offset map. Replacement text is written back in the host string's syntax (the block's
// indentation, JSON escapes); a result whose edit the host string cannot hold is dropped.

import type { Position, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EmbeddedQuery } from '../sources/embeddedQuery';
import type { Analysed } from './documents';

export interface EmbeddedDocument {
  query: EmbeddedQuery;
  /** The virtual document and its analysis: what the KQL features see. */
  analysed: Analysed;
}

export function virtualDocument(uri: string, version: number, query: EmbeddedQuery): TextDocument {
  return TextDocument.create(uri, 'kql', version, query.text);
}

/** The embedded query at a host position, with the position in its virtual document. */
export function embeddedAt(host: TextDocument, embedded: EmbeddedDocument[], position: Position): { embedded: EmbeddedDocument; position: Position } | undefined {
  const offset = host.offsetAt(position);
  for (const e of embedded) {
    const q = e.query.map.toQuery(offset);
    if (q !== undefined) return { embedded: e, position: e.analysed.document.positionAt(q) };
  }
  return undefined;
}

/** A host range in the virtual document of `embedded` (clamped to the query). */
export function toVirtualRange(host: TextDocument, embedded: EmbeddedDocument, range: Range): Range {
  const { map } = embedded.query;
  const at = (p: Position) => {
    const offset = Math.min(Math.max(host.offsetAt(p), map.toHost(0)), map.hostEnd);
    return embedded.analysed.document.positionAt(map.toQuery(offset) ?? 0);
  };
  return { start: at(range.start), end: at(range.end) };
}

class Unencodable extends Error {}

/**
 * `value` (a feature's result on the virtual document) with every range, text edit and folding
 * line moved into the host file; undefined when one of its edits cannot be written there.
 */
export function toHost<T>(host: TextDocument, embedded: EmbeddedDocument, value: T): T | undefined {
  try {
    return mapValue(host, embedded, value) as T;
  } catch (error) {
    if (error instanceof Unencodable) return undefined;
    throw error;
  }
}

/** Each item of a list result moved into the host; items whose edits cannot be written are dropped. */
export function listToHost<T>(host: TextDocument, embedded: EmbeddedDocument, items: readonly T[]): T[] {
  return items.flatMap((item) => {
    const mapped = toHost(host, embedded, item);
    return mapped === undefined ? [] : [mapped];
  });
}

function mapValue(host: TextDocument, embedded: EmbeddedDocument, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapValue(host, embedded, v));
  if (typeof value !== 'object' || value === null) return value;
  if (isRange(value)) return mapRange(host, embedded, value);
  const record = value as Record<string, unknown>;
  const mapped: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) mapped[key] = mapValue(host, embedded, v);
  if (typeof record.newText === 'string' && (isRange(record.range) || isRange(record.insert))) {
    const encoded = embedded.query.encode(record.newText);
    if (encoded === undefined) throw new Unencodable();
    mapped.newText = encoded;
  }
  if (typeof record.startLine === 'number' && typeof record.endLine === 'number' && !('range' in record)) {
    mapped.startLine = hostLine(host, embedded, record.startLine);
    mapped.endLine = hostLine(host, embedded, record.endLine);
    delete mapped.startCharacter;
    delete mapped.endCharacter;
  }
  return mapped;
}

function mapRange(host: TextDocument, embedded: EmbeddedDocument, range: Range): Range {
  const virtual = embedded.analysed.document;
  const start = virtual.offsetAt(range.start);
  const end = virtual.offsetAt(range.end);
  const span = embedded.query.map.spanToHost(start, end);
  return { start: host.positionAt(span.start), end: host.positionAt(span.end) };
}

function hostLine(host: TextDocument, embedded: EmbeddedDocument, line: number): number {
  const offset = embedded.analysed.document.offsetAt({ line, character: 0 });
  return host.positionAt(embedded.query.map.toHost(offset)).line;
}

function isRange(value: unknown): value is Range {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return isPosition(r.start) && isPosition(r.end) && Object.keys(r).length === 2;
}

function isPosition(value: unknown): value is Position {
  return typeof value === 'object' && value !== null && typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number';
}
