// Our own view of Kusto.Language's analysed syntax tree: plain data, no Bridge.NET objects.
// The engine and the rules work on these nodes; only `convertTree` knows the library's shape.

import { symbolKindName, syntaxKindName, toArray } from './load';

/* eslint-disable @typescript-eslint/no-explicit-any -- Bridge.NET objects are untyped at this boundary */

export interface ColumnInfo {
  name: string;
  /** A Kusto scalar type name: `string`, `long`, `datetime`, `dynamic`, … */
  type: string;
}

export type TypeInfo =
  | { kind: 'scalar'; name: string }
  | { kind: 'table'; columns: ColumnInfo[] }
  | { kind: 'error' }
  | { kind: 'other'; name: string };

/** A symbol a node refers to. One object per distinct symbol within one tree, so identity compares. */
export interface SymbolRef {
  name: string;
  /** Kusto's SymbolKind name: `Column`, `Variable`, `Function`, `Parameter`, `Table`, `Operator`, … */
  kind: string;
  type?: TypeInfo;
  /** Where the symbol is declared in this text (let names, extend columns, function parameters). */
  declaration?: { start: number; end: number };
}

export interface SyntaxNode {
  /** Kusto's SyntaxKind name, e.g. `FilterOperator`, `HasAnyExpression`, `StringLiteralToken`. */
  kind: string;
  /** Text span without trivia; offsets are into the analysed document. */
  start: number;
  end: number;
  /** The property name this node has in its parent (`Condition`, `Left`, …); lists have none. */
  field?: string;
  children: SyntaxNode[];
  isToken: boolean;
  /** Tokens: the source text. */
  text?: string;
  /** Tokens: the token's value text (a string literal's decoded value, a name without brackets). */
  value?: string;
  /** String literal expressions: the decoded value, with adjacent literals concatenated. */
  literal?: string;
  isMissing?: boolean;
  type?: TypeInfo;
  symbol?: SymbolRef;
  /** Calls of a `let` function returning a table: its body as Kusto analyses it for this call. */
  expansion?: FunctionExpansion;
}

/**
 * A function body analysed at one call site, with the call's argument types: a body over a
 * generic `(*)` table parameter has the argument's columns here. Spans are the declaration's.
 */
export interface FunctionExpansion {
  /** The `FunctionBody` node. */
  body: SyntaxNode;
  /** The symbols the body reads the call's arguments through, by parameter name. */
  arguments: Map<string, SymbolRef>;
}

/** The named child `field` of `node`, if present. */
export function child(node: SyntaxNode, field: string): SyntaxNode | undefined {
  return node.children.find((c) => c.field === field);
}

/** The elements of a `List` node, unwrapping `SeparatedElement`s and dropping separators. */
export function listElements(list: SyntaxNode | undefined): SyntaxNode[] {
  if (!list) return [];
  const result: SyntaxNode[] = [];
  for (const item of list.children) {
    if (item.kind === 'SeparatedElement') {
      const element = item.children.find((c) => c.field === 'Element') ?? item.children[0];
      if (element) result.push(element);
    } else if (!item.isToken) {
      result.push(item);
    }
  }
  return result;
}

/** Visits `node` and its descendants depth-first, in text order. Return `false` to skip a subtree. */
export function walk(node: SyntaxNode, visit: (node: SyntaxNode, parent: SyntaxNode | undefined) => boolean | void, parent?: SyntaxNode): void {
  if (visit(node, parent) === false) return;
  for (const c of node.children) walk(c, visit, node);
}

/** Maps every node below `root` to its parent. */
export function parentMap(root: SyntaxNode): Map<SyntaxNode, SyntaxNode> {
  const parents = new Map<SyntaxNode, SyntaxNode>();
  walk(root, (node, parent) => {
    if (parent) parents.set(node, parent);
  });
  return parents;
}

/** The innermost node whose span contains `offset` (end inclusive, so a caret after a name finds it). */
export function nodeAt(root: SyntaxNode, offset: number): SyntaxNode {
  let current = root;
  for (;;) {
    const next = current.children.find((c) => c.start <= offset && offset <= c.end && c.end > c.start);
    if (!next) return current;
    current = next;
  }
}

/** Converts Kusto.Language's tree into plain `SyntaxNode`s, with offsets shifted by `offset`. */
export function convertTree(root: any, offset: number): SyntaxNode {
  const symbols = new Map<any, SymbolRef>();
  const tables = new Map<any, TypeInfo>();

  function typeInfo(type: any): TypeInfo | undefined {
    if (!type) return undefined;
    const kind = symbolKindName(type.Kind);
    if (kind === 'Table') {
      let info = tables.get(type);
      if (!info) {
        const columns = toArray(type.Columns).map((c: any) => ({ name: c.Name as string, type: scalarTypeName(c.Type) }));
        info = { kind: 'table', columns };
        tables.set(type, info);
      }
      return info;
    }
    if (kind === 'Error') return { kind: 'error' };
    if (kind === 'Primitive' || kind === 'Array' || kind === 'Bag' || kind === 'Tuple') return { kind: 'scalar', name: scalarTypeName(type) };
    return { kind: 'other', name: String(type.Name) };
  }

  function symbolRef(symbol: any): SymbolRef {
    let ref = symbols.get(symbol);
    if (!ref) {
      ref = { name: String(symbol.Name), kind: symbolKindName(symbol.Kind) };
      const type = symbol.Type ?? symbol.ResultType;
      if (type && type !== symbol) ref.type = typeInfo(type);
      symbols.set(symbol, ref);
    }
    return ref;
  }

  function convert(element: any, field: string | undefined, shift: number): SyntaxNode {
    const node: SyntaxNode = {
      kind: syntaxKindName(element.Kind),
      start: element.TextStart + shift,
      end: element.End + shift,
      children: [],
      isToken: !!element.IsToken,
    };
    if (field) node.field = field;
    if (element.IsMissing) node.isMissing = true;
    if (element.IsToken) {
      node.text = element.Text;
      node.value = element.ValueText;
      return node;
    }
    const count: number = element.ChildCount;
    for (let i = 0; i < count; i++) {
      const c = element.GetChild(i);
      if (c) node.children.push(convert(c, element.GetName(i) || undefined, shift));
    }
    if (element.ResultType) node.type = typeInfo(element.ResultType);
    const symbol = element.ReferencedSymbol;
    if (symbol) {
      const ref = symbolRef(symbol);
      node.symbol = ref;
      if (node.kind === 'NameDeclaration' && !ref.declaration) ref.declaration = { start: node.start, end: node.end };
    }
    if (node.type?.kind === 'table' && (node.kind === 'FunctionCallExpression' || node.kind === 'NameReference')) {
      const expansion = convertExpansion(element, symbol);
      if (expansion) node.expansion = expansion;
    }
    if (node.kind === 'StringLiteralExpression' || node.kind === 'CompoundStringLiteralExpression') {
      const value = element.LiteralValue;
      if (typeof value === 'string') node.literal = value;
    }
    return node;
  }

  /** The call's expansion, when the called function is declared in this text (so its spans map here). */
  function convertExpansion(call: any, fn: any): FunctionExpansion | undefined {
    const root = call.GetExpansion();
    if (!root || !fn) return undefined;
    let shift = 0;
    let tree = root.Tree;
    while (tree?.Original) {
      shift += tree.OffsetInOriginal;
      tree = tree.Original;
    }
    if (tree !== rootTree) return undefined;
    const body = convert(root, undefined, shift + offset);
    const parameters = new Set<string>();
    for (const signature of toArray(fn.Signatures)) for (const p of toArray((signature as any).Parameters)) parameters.add(String((p as any).Name));
    return { body, arguments: argumentSymbols(body, parameters) };
  }

  const rootTree = root.Tree;
  return convert(root, undefined, offset);
}

/**
 * In an expansion, Kusto reads each argument through a variable named after its parameter that
 * the body does not declare (a body `let` of the same name is another symbol).
 */
function argumentSymbols(body: SyntaxNode, parameters: Set<string>): Map<string, SymbolRef> {
  const declared = new Set<SymbolRef>();
  const referenced: SymbolRef[] = [];
  walk(body, (node) => {
    if (!node.symbol || !parameters.has(node.symbol.name)) return;
    if (node.kind === 'NameDeclaration') declared.add(node.symbol);
    else if (node.kind === 'NameReference' && node.symbol.kind === 'Variable') referenced.push(node.symbol);
  });
  const found = new Map<string, SymbolRef>();
  for (const symbol of referenced) if (!declared.has(symbol)) found.set(symbol.name, symbol);
  return found;
}

/** Kusto scalar type name of a TypeSymbol: `string`, `long`, …; arrays and bags are `dynamic`. */
export function scalarTypeName(type: any): string {
  if (!type) return 'unknown';
  const kind = symbolKindName(type.Kind);
  if (kind === 'Array' || kind === 'Bag') return 'dynamic';
  return String(type.Name);
}
