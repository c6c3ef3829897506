// Rule configuration, as the language server reads it from settings and the CLI from flags:
//   kqlDetect.rules                    { "<rule-id>": "off" | "error" | "warning" | "information" | "hint" }
//   kqlDetect.catalog.families         family ids in scope (when set, categories are ignored)
//   kqlDetect.catalog.includeCategories categories in scope, default ["rmm", "rat"]
//   kqlDetect.catalog.extraFile        a JSON catalog the shell reads and passes here parsed

import { catalogWith, type Catalog, type CatalogProblem, type CatalogScope } from '../catalog/catalog';
import type { Severity } from '../kusto/analyze';

export type RuleSetting = 'off' | Severity;

export interface LintOptions {
  rules?: Record<string, RuleSetting>;
  catalog?: CatalogScope & {
    /** The parsed content of `kqlDetect.catalog.extraFile` (the core never reads files). */
    extra?: unknown;
  };
}

const catalogs = new WeakMap<object, { catalog: Catalog; problems: CatalogProblem[] }>();

/** The catalog for `options`, built once per extra-catalog object. */
export function catalogFor(options: LintOptions): { catalog: Catalog; problems: CatalogProblem[] } {
  const extra = options.catalog?.extra;
  if (typeof extra !== 'object' || extra === null) return catalogWith(extra);
  let built = catalogs.get(extra);
  if (!built) {
    built = catalogWith(extra);
    catalogs.set(extra, built);
  }
  return built;
}

export function scopeOf(options: LintOptions): CatalogScope {
  const scope: CatalogScope = {};
  if (options.catalog?.families) scope.families = options.catalog.families;
  if (options.catalog?.includeCategories) scope.includeCategories = options.catalog.includeCategories;
  return scope;
}
