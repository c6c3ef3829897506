// Reads YAML nodes into plain values while collecting located problems, so a spec loader can
// check shapes without ever throwing and can tell the user exactly where a value went wrong.

import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { Position } from './spec';
import type { FileProblem } from '../text/problem';

export type YamlNode = Node | null | undefined;

export class YamlReader {
  readonly problems: FileProblem[] = [];

  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Where `node` starts; the document start if it has no range (an empty value). */
  at(node: YamlNode, fallback?: Position): Position {
    const range = this.resolve(node)?.range ?? (node ? node.range : undefined);
    if (!range) return fallback ?? { line: 1, column: 1 };
    const { line, col } = this.lines.linePos(range[0]);
    return { line, column: col };
  }

  report(at: Position, message: string, into: FileProblem[] = this.problems): void {
    into.push({ file: this.file, line: at.line, column: at.column, message });
  }

  /** An alias stands for the node it names. */
  resolve(node: YamlNode): Node | undefined {
    if (!node) return undefined;
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? undefined;
    return node;
  }

  /** The pairs of a mapping keyed by plain string keys, or undefined (reported) if not a mapping. */
  mapping(node: YamlNode, what: string, into?: FileProblem[], at?: Position): Map<string, { key: Pair; value: YamlNode }> | undefined {
    const resolved = this.resolve(node);
    if (!isMap(resolved)) {
      this.report(at ?? this.at(node), `${what} must be a mapping`, into);
      return undefined;
    }
    const entries = new Map<string, { key: Pair; value: YamlNode }>();
    for (const pair of resolved.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) {
        this.report(this.at(pair.key as YamlNode), `${what}: keys must be plain names`, into);
        continue;
      }
      entries.set(key, { key: pair, value: pair.value as YamlNode });
    }
    return entries;
  }

  /** Reports keys of `entries` that are not in `allowed`, naming the allowed ones. */
  onlyKeys(entries: Map<string, { key: Pair }>, allowed: readonly string[], what: string, into?: FileProblem[]): void {
    for (const [key, { key: pair }] of entries) {
      if (!allowed.includes(key)) {
        this.report(this.at(pair.key as YamlNode), `unknown key '${key}' in ${what} (expected one of: ${allowed.join(', ')})`, into);
      }
    }
  }

  sequence(node: YamlNode, what: string, into?: FileProblem[]): YamlNode[] | undefined {
    const resolved = this.resolve(node);
    if (!isSeq(resolved)) {
      this.report(this.at(node), `${what} must be a list`, into);
      return undefined;
    }
    return resolved.items as YamlNode[];
  }

  string(node: YamlNode, what: string, into?: FileProblem[]): string | undefined {
    const resolved = this.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === 'string' && resolved.value.trim() !== '') return resolved.value;
    this.report(this.at(node), `${what} must be a non-empty string`, into);
    return undefined;
  }

  count(node: YamlNode, what: string, into?: FileProblem[]): number | undefined {
    const resolved = this.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === 'number' && Number.isInteger(resolved.value) && resolved.value >= 0) return resolved.value;
    this.report(this.at(node), `${what} must be a whole number ≥ 0`, into);
    return undefined;
  }

  boolean(node: YamlNode, what: string, into?: FileProblem[]): boolean | undefined {
    const resolved = this.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === 'boolean') return resolved.value;
    this.report(this.at(node), `${what} must be true or false`, into);
    return undefined;
  }

  /** One string or a list of strings. */
  strings(node: YamlNode, what: string, into?: FileProblem[]): string[] | undefined {
    const resolved = this.resolve(node);
    if (isScalar(resolved)) {
      const one = this.string(resolved, what, into);
      return one === undefined ? undefined : [one];
    }
    const items = this.sequence(resolved, what, into);
    if (!items) return undefined;
    const values = items.map((item) => this.string(item, `each entry of ${what}`, into));
    return values.every((v) => v !== undefined) ? (values as string[]) : undefined;
  }

  /** The plain JavaScript value of a node (mappings become objects), for cells. */
  plain(node: YamlNode): unknown {
    const resolved = this.resolve(node);
    return resolved ? resolved.toJS(this.doc) : null;
  }
}
