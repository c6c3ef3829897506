// The only place that loads the Bridge.NET build of Kusto.Language. Everything in this folder
// reaches the library through `kusto()`; nothing outside `server/src/kusto/` may.

/* eslint-disable @typescript-eslint/no-explicit-any -- the Bridge.NET API is untyped at this boundary */
export type KustoNamespace = any;

let loaded: KustoNamespace | undefined;

/** Loads Kusto.Language once per process (about 0.2 s) and returns its `Kusto.Language` namespace. */
export function kusto(): KustoNamespace {
  if (!loaded) {
    // Order matters: bridge.min.js defines `Bridge` and `System`, which the language build needs.
    // Loaded lazily with require(): they are scripts that define globals, not modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@kusto/language-service-next/bridge.min.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
    loaded = (globalThis as any).Kusto.Language;
  }
  return loaded;
}

/** Converts a .NET `IReadOnlyList<T>` into a JavaScript array. */
export function toArray<T = any>(list: any): T[] {
  const result: T[] = [];
  if (!list) return result;
  const count: number = list.Count;
  for (let i = 0; i < count; i++) result.push(list.getItem(i));
  return result;
}

/** Reverse map of a Bridge.NET enum object: value → name. */
function enumNames(enumObject: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(enumObject)) {
    if (typeof value === 'number') names[value] = name;
  }
  return names;
}

let syntaxKindNames: string[] | undefined;

/** The name of a `SyntaxKind` enum value, e.g. `FilterOperator`. */
export function syntaxKindName(kind: number): string {
  syntaxKindNames ??= enumNames(kusto().Syntax.SyntaxKind);
  return syntaxKindNames[kind] ?? `Kind${kind}`;
}

let symbolKindNames: string[] | undefined;

/** The name of a `SymbolKind` enum value, e.g. `Column`. */
export function symbolKindName(kind: number): string {
  symbolKindNames ??= enumNames(kusto().Symbols.SymbolKind);
  return symbolKindNames[kind] ?? `Kind${kind}`;
}
