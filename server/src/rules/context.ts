// What every rule sees of one query block: the text, the tree, the detection read from it, the
// catalog and the families in scope. Derived facts (which lists are RMM lists, which families they
// cover, how the classifier labels values) are computed once per block and shared by the rules.

import { byPrevalence, type Catalog, type CatalogFamily, type CatalogScope } from '../catalog/catalog';
import { LruCache } from '../catalog/lru';
import type { SyntaxNode } from '../kusto/syntax';
import { classifyValues } from './detection/classify';
import type { Classifier, Detection, Literal, StringList } from './detection/model';
import { matchesNeedle } from './detection/terms';
import { understandDetection } from './detection/understand';

/** A list is an RMM list when at least this many of its entries are catalog binaries… */
const MIN_KNOWN_ENTRIES = 2;
/** …and they make up at least this share of it. */
const MIN_KNOWN_SHARE = 0.4;

/**
 * Whether a list lets a value through depends only on its operators and entries, and the rules ask
 * it for every in-scope catalog binary: the answers are kept per list content, so an edit elsewhere
 * in the detection does not ask again.
 */
const listAnswers = new LruCache<string, LruCache<string, boolean>>(32);
/** More than the catalog's binaries plus the entries of any list. */
const VALUES_PER_LIST = 4096;

export class BlockContext {
  readonly detection: Detection;
  private rmmListsCache: StringList[] | undefined;
  private readonly coverageCache = new Map<StringList, Map<CatalogFamily, Literal[]>>();
  private readonly classifyCache = new Map<string, readonly (number | 'default')[] | undefined>();
  private readonly listAnswersCache = new Map<StringList, LruCache<string, boolean>>();
  private readonly routedCache = new Map<string, Map<CatalogFamily, number>>();

  constructor(
    /** The whole document. */
    readonly text: string,
    readonly root: SyntaxNode,
    readonly catalog: Catalog,
    readonly scope: CatalogScope,
  ) {
    this.detection = understandDetection(root);
  }

  /** Lists a filter uses against a process-name column whose entries are mostly catalog binaries. */
  get rmmLists(): StringList[] {
    this.rmmListsCache ??= this.detection.lists.filter((list) => {
      if (!list.uses.some((use) => !this.insideClassifier(use.start))) return false;
      const known = list.entries.filter((e) => this.catalog.knows(e.value)).length;
      return known >= MIN_KNOWN_ENTRIES && known >= MIN_KNOWN_SHARE * list.entries.length;
    });
    return this.rmmListsCache;
  }

  insideClassifier(offset: number): boolean {
    return this.detection.classifiers.some((c) => c.start <= offset && offset < c.end);
  }

  /**
   * The families a list covers, each with the entries that name it. An entry several families
   * share (`vncviewer.exe`) goes to the family with the most entries in the list; an entry the
   * catalog does not know counts for the family its name refers to (`splashtopremote.exe`).
   */
  coverage(list: StringList): Map<CatalogFamily, Literal[]> {
    let coverage = this.coverageCache.get(list);
    if (coverage) return coverage;
    const candidates = list.entries.map((entry) => {
      const known = this.catalog.familiesMatching(entry.value);
      const named = known.length === 0 ? this.catalog.familyNamedBy(entry.value)?.family : undefined;
      return { entry, families: named ? [named] : known };
    });
    const support = new Map<CatalogFamily, number>();
    for (const { families } of candidates) for (const f of families) support.set(f, (support.get(f) ?? 0) + 1);
    coverage = new Map();
    for (const { entry, families } of candidates) {
      if (families.length === 0) continue;
      const best = [...families].sort((a, b) => support.get(b)! - support.get(a)! || byPrevalence(a, b))[0];
      coverage.set(best, [...(coverage.get(best) ?? []), entry]);
    }
    this.coverageCache.set(list, coverage);
    return coverage;
  }

  /** True when a value passes one of the list's uses (`has_any`, `in~`, …). */
  listMatches(list: StringList, value: string): boolean {
    let answers = this.listAnswersCache.get(list);
    if (!answers) {
      const content = JSON.stringify([list.uses.map((use) => use.operator), list.entries.map((e) => e.value)]);
      answers = listAnswers.get(content, () => new LruCache(VALUES_PER_LIST));
      this.listAnswersCache.set(list, answers);
    }
    return answers.get(value, () => list.uses.some((use) => list.entries.some((e) => matchesNeedle(use.operator, value, e.value))));
  }

  /** The classifier that labels what `list` lets through: one over a column the list is used on. */
  classifierFor(list: StringList): Classifier | undefined {
    const columns = new Set(list.uses.map((u) => u.column.toLowerCase()));
    return this.detection.classifiers.find((c) => c.start > list.start && c.columns.some((col) => columns.has(col.toLowerCase())));
  }

  /** Branch index (or `'default'`) per value, by the engine; `undefined` when it cannot tell. */
  classify(classifier: Classifier, values: string[]): readonly (number | 'default')[] | undefined {
    const key = `${classifier.start}\u0000${values.join('\u0000')}`;
    if (!this.classifyCache.has(key)) {
      const column = classifier.columns[0];
      this.classifyCache.set(key, column ? classifyValues(this.text, this.root, classifier, column, values) : undefined);
    }
    return this.classifyCache.get(key);
  }

  /**
   * The branch a family's binaries belong in: the branch most of the family's list entries reach,
   * else the one whose label names the family (`VNC` for TightVNC, `AmmyyAdmin` for Ammyy Admin).
   */
  branchFor(classifier: Classifier, family: CatalogFamily | undefined, entry: string, routed?: ReadonlyMap<CatalogFamily, number>): number | undefined {
    if (family && routed?.has(family)) return routed.get(family);
    const wanted = [family?.name, family?.id, entry.replace(/\.[a-z0-9]+$/i, '')].filter((s): s is string => !!s).map(squash);
    let best: { index: number; length: number } | undefined;
    classifier.branches.forEach((branch, index) => {
      const label = squash(branch.label.value);
      if (label.length < 3) return;
      if (wanted.some((w) => w.includes(label) || label.includes(w)) && (!best || label.length > best.length)) best = { index, length: label.length };
    });
    return best?.index;
  }

  /** For each covered family, the branch its list entries reach (when the engine can tell). */
  routedFamilies(list: StringList, classifier: Classifier): ReadonlyMap<CatalogFamily, number> {
    const key = `${list.start}:${classifier.start}`;
    let routed = this.routedCache.get(key);
    if (routed) return routed;
    routed = new Map();
    this.routedCache.set(key, routed);
    const coverage = this.coverage(list);
    const entries = [...coverage.values()].flat();
    const answers = this.classify(classifier, entries.map((e) => e.value));
    if (!answers) return routed;
    for (const [family, familyEntries] of coverage) {
      const counts = new Map<number, number>();
      for (const entry of familyEntries) {
        const answer = answers[entries.indexOf(entry)];
        if (typeof answer === 'number') counts.set(answer, (counts.get(answer) ?? 0) + 1);
      }
      const top = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      if (top) routed.set(family, top[0]);
    }
    return routed;
  }

  /** Finds a list again by its key in this (possibly changed) text. */
  listByKey(key: unknown): StringList | undefined {
    return this.detection.lists.find((l) => l.key === key);
  }
}

export function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
