// The RMM catalog as a typed, queryable object: which families a binary belongs to, which binaries
// a family has, and the closest known name for a misspelt one. Pure: it takes parsed JSON (the
// generated catalog plus a user's extra catalog) and never reads files itself.

import generated from './rmm-catalog.json';
import { LruCache } from './lru';
import { isRecord } from '../text/json';

export type FamilyCategory = 'rmm' | 'rat' | 'tunnel' | 'file-transfer' | 'remote-shell' | 'os-builtin' | (string & {});

export interface CatalogFamily {
  /** Stable id, e.g. `anydesk`, `screenconnect`. */
  id: string;
  /** Display name, e.g. `AnyDesk`. */
  name: string;
  category: FamilyCategory;
  /** Binaries named by PE metadata, installation paths, disk or event-log artifacts (lowercase). */
  binaries: string[];
  /** Binaries named only by code-signing or hash data: too unreliable to ask a detection for. */
  weakBinaries: string[];
  /** Wildcard names such as `screenconnect*.exe` (lowercase). */
  patterns: string[];
  installPaths: string[];
  signers: string[];
  domains: string[];
  /** 1 = most common; absent for families without a known prevalence. */
  rank?: number;
}

/** Which families a detection is meant to cover. */
export interface CatalogScope {
  /** When non-empty, exactly these family ids are in scope (categories are then ignored). */
  families?: string[];
  /** Categories in scope when `families` is empty. Default: `rmm` and `rat`. */
  includeCategories?: string[];
}

export const DEFAULT_CATEGORIES: readonly string[] = ['rmm', 'rat'];

export interface CatalogProblem {
  message: string;
}

/** The family a name refers to by its vendor name; `exact` when the stem is just that name. */
export interface FamilyNamed {
  family: CatalogFamily;
  exact: boolean;
}

export interface Suggestion {
  binary: string;
  family: CatalogFamily;
  distance: number;
}

/** Distinct names each lookup remembers: far more than the list entries of any open documents. */
const LOOKUP_CACHE_SIZE = 4096;

export class Catalog {
  readonly families: readonly CatalogFamily[];
  private readonly byId = new Map<string, CatalogFamily>();
  private readonly byBinary = new Map<string, CatalogFamily[]>();
  private readonly patterns: { regex: RegExp; family: CatalogFamily }[] = [];
  /** Every strong binary with its punctuation-free form, in family order (the order ties are broken in). */
  private readonly strongBinaries: { binary: string; bare: string; family: CatalogFamily }[] = [];
  // The catalog never changes, so each answer can be kept per (lowercased) name: an edit to a
  // detection asks again about the same list entries.
  private readonly matchingCache = new LruCache<string, readonly CatalogFamily[]>(LOOKUP_CACHE_SIZE);
  private readonly closestCache = new LruCache<string, Suggestion | undefined>(LOOKUP_CACHE_SIZE);
  private readonly namedByCache = new LruCache<string, FamilyNamed | undefined>(LOOKUP_CACHE_SIZE);

  constructor(families: CatalogFamily[]) {
    this.families = [...families].sort((a, b) => a.id.localeCompare(b.id));
    for (const family of this.families) {
      this.byId.set(family.id, family);
      for (const binary of [...family.binaries, ...family.weakBinaries]) {
        const owners = this.byBinary.get(binary) ?? [];
        if (!owners.includes(family)) owners.push(family);
        this.byBinary.set(binary, owners);
      }
      for (const pattern of family.patterns) this.patterns.push({ regex: wildcardRegex(pattern), family });
      for (const binary of family.binaries) this.strongBinaries.push({ binary, bare: squash(binary), family });
    }
  }

  family(id: string): CatalogFamily | undefined {
    return this.byId.get(id);
  }

  /** Families that name `binary` exactly (strong or weak), case-insensitively. */
  familiesOf(binary: string): CatalogFamily[] {
    return this.byBinary.get(binary.toLowerCase()) ?? [];
  }

  /** Families that name `binary` exactly or match it with one of their wildcard patterns. */
  familiesMatching(binary: string): readonly CatalogFamily[] {
    return this.matchingCache.get(binary.toLowerCase(), (name) => {
      const found = [...this.familiesOf(name)];
      for (const { regex, family } of this.patterns) {
        if (regex.test(name) && !found.includes(family)) found.push(family);
      }
      return found;
    });
  }

  /** True when the catalog knows `binary` by name or pattern. */
  knows(binary: string): boolean {
    return this.familiesMatching(binary).length > 0;
  }

  /** The strong binaries of family `id` (empty for an unknown id). */
  binariesOf(id: string): string[] {
    return this.byId.get(id)?.binaries ?? [];
  }

  /** Families in `scope`, most common first, then by name. */
  inScope(scope: CatalogScope = {}): CatalogFamily[] {
    return this.families.filter((f) => isInScope(f, scope)).sort(byPrevalence);
  }

  /**
   * The strong catalog binary closest to `name` by edit distance, ignoring case and punctuation,
   * when it is close enough to be a plausible misspelling (one edit per eight characters).
   */
  closest(name: string): Suggestion | undefined {
    return this.closestCache.get(name.toLowerCase(), (target) => this.searchClosest(target));
  }

  private searchClosest(target: string): Suggestion | undefined {
    const bare = squash(target);
    const limit = Math.max(1, Math.floor(target.length / 8));
    let best: Suggestion | undefined;
    for (const candidate of this.strongBinaries) {
      if (candidate.binary === target) continue;
      // Only a candidate no farther than the best so far can still win (a tie goes to the more
      // common family), and a length difference alone is a lower bound of the edit distance.
      const bound = best ? best.distance : limit;
      if (Math.abs(candidate.binary.length - target.length) > bound && Math.abs(candidate.bare.length - bare.length) + 0.5 > bound) continue;
      const distance = Math.min(editDistance(target, candidate.binary, bound), editDistance(bare, candidate.bare, bound - 0.5) + 0.5);
      if (distance > bound) continue;
      if (!best || distance < best.distance || byPrevalence(candidate.family, best.family) < 0) best = { binary: candidate.binary, family: candidate.family, distance };
    }
    return best;
  }

  /**
   * The family an invented or unlisted name refers to by its vendor name: `splashtopremote.exe` →
   * Splashtop, `chrome_remote_desktop.exe` → Chrome Remote Desktop. `exact` when the stem is just
   * the family's name. The longest matching family name wins.
   */
  familyNamedBy(name: string): FamilyNamed | undefined {
    return this.namedByCache.get(name.toLowerCase(), (lowered) => this.searchFamilyNamedBy(lowered));
  }

  private searchFamilyNamedBy(name: string): FamilyNamed | undefined {
    const stem = squash(name.replace(/\.[a-z0-9]+$/, ''));
    let best: { family: CatalogFamily; exact: boolean; length: number } | undefined;
    for (const family of this.families) {
      for (const alias of new Set([squash(family.name.toLowerCase()), squash(family.id)])) {
        const exact = alias === stem;
        if (!(exact ? alias.length >= 3 : alias.length >= 5 && stem.startsWith(alias))) continue;
        if (!best || alias.length > best.length) best = { family, exact, length: alias.length };
      }
    }
    return best && { family: best.family, exact: best.exact };
  }
}

export function isInScope(family: CatalogFamily, scope: CatalogScope): boolean {
  if (scope.families && scope.families.length > 0) return scope.families.includes(family.id);
  return (scope.includeCategories ?? DEFAULT_CATEGORIES).includes(family.category);
}

export function byPrevalence(a: CatalogFamily, b: CatalogFamily): number {
  return (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name);
}

/** The catalog generated from LOLRMM, built once. */
let bundled: Catalog | undefined;
export function bundledCatalog(): Catalog {
  bundled ??= new Catalog(generated.families as CatalogFamily[]);
  return bundled;
}

/**
 * The bundled catalog with a user's extra catalog merged in. `extra` is parsed JSON of the shape
 * `{ "families": [{ "id", "name"?, "category"?, "binaries"?, "patterns"?, … }] }`: a family with a
 * known id gains the listed entries (and takes the given name and category), a new id adds a family.
 * Malformed parts are skipped and reported, never thrown.
 */
export function catalogWith(extra: unknown): { catalog: Catalog; problems: CatalogProblem[] } {
  if (extra === undefined || extra === null) return { catalog: bundledCatalog(), problems: [] };
  const problems: CatalogProblem[] = [];
  const families = new Map(bundledCatalog().families.map((f) => [f.id, f]));
  const entries = isRecord(extra) && Array.isArray(extra.families) ? extra.families : undefined;
  if (!entries) return { catalog: bundledCatalog(), problems: [{ message: 'The extra catalog must be an object with a "families" array.' }] };
  entries.forEach((entry, index) => {
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id.trim() === '') {
      problems.push({ message: `families[${index}]: a family needs a string "id".` });
      return;
    }
    const id = entry.id.trim().toLowerCase();
    const base = families.get(id);
    const merged: CatalogFamily = {
      id,
      name: typeof entry.name === 'string' ? entry.name : (base?.name ?? entry.id),
      category: typeof entry.category === 'string' ? entry.category.toLowerCase() : (base?.category ?? 'rmm'),
      binaries: union(base?.binaries, names(entry.binaries, `families[${index}].binaries`, problems)),
      weakBinaries: base?.weakBinaries ?? [],
      patterns: union(base?.patterns, names(entry.patterns, `families[${index}].patterns`, problems)),
      installPaths: union(base?.installPaths, strings(entry.installPaths)),
      signers: union(base?.signers, strings(entry.signers)),
      domains: union(base?.domains, strings(entry.domains).map((d) => d.toLowerCase())),
    };
    const rank = typeof entry.rank === 'number' ? entry.rank : base?.rank;
    if (rank !== undefined) merged.rank = rank;
    merged.weakBinaries = merged.weakBinaries.filter((b) => !merged.binaries.includes(b));
    families.set(id, merged);
  });
  return { catalog: new Catalog([...families.values()]), problems };
}

function names(value: unknown, where: string, problems: CatalogProblem[]): string[] {
  if (value !== undefined && !Array.isArray(value)) problems.push({ message: `${where} must be an array of strings.` });
  return strings(value).map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function union(base: string[] | undefined, added: string[]): string[] {
  return [...new Set([...(base ?? []), ...added])].sort();
}


function wildcardRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function squash(name: string): string {
  return name.replace(/[^a-z0-9]/g, '');
}

/** Levenshtein distance, or any number above `limit` as soon as it must exceed it. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}
