// Settings, pulled per document with `workspace/configuration` and cached by URI. Each section of
// `kqlDetect.*` is read by one normaliser below, so adding a section is one field and one line.

import type { SchemaKind } from '../kusto/environment';
import type { RuleSetting } from '../rules/lint';
import { readConnections, type ReadConnections } from '../service/connections';
import { DEFAULT_TIMEOUT_SECONDS } from '../service/deadline';
import { isRecord } from '../text/json';

export interface Settings {
  schema: SchemaKind;
  /** Paths of custom table files (Sentinel CustomTables JSON), relative to the workspace folder. */
  customSchemaFiles: string[];
  /** `kqlDetect.rules`: severity or `off` per rule id. */
  rules: Record<string, RuleSetting>;
  /** `kqlDetect.catalog`: which tool families the rules consider, and an extra catalog file. */
  catalog: CatalogSettings;
  /** `kqlDetect.connections`, checked as the CLI checks its connections file. */
  connections: ReadConnections;
  /** `kqlDetect.service`: how long a query on a connection may take. */
  service: ServiceSettings;
}

export interface ServiceSettings {
  timeoutSeconds: number;
}

export interface CatalogSettings {
  families?: string[];
  includeCategories?: string[];
  /** Path of a JSON catalog extending the bundled one, relative to the workspace folder. */
  extraFile?: string;
}

export const DEFAULT_SETTINGS: Settings = { schema: 'defender', customSchemaFiles: [], rules: {}, catalog: {}, connections: { connections: [], problems: [] }, service: { timeoutSeconds: DEFAULT_TIMEOUT_SECONDS } };

const RULE_SETTINGS: ReadonlySet<string> = new Set<RuleSetting>(['off', 'error', 'warning', 'information', 'hint']);

/** Normalises the raw `kqlDetect` section: anything missing or malformed falls back to its default. */
export function readSettings(raw: unknown): Settings {
  const section = isRecord(raw) ? raw : {};
  return {
    schema: readSchema(section.schema),
    customSchemaFiles: readStrings(section.customSchemaFiles),
    rules: readRules(section.rules),
    catalog: readCatalog(section.catalog),
    connections: readConnections(section.connections),
    service: readService(section.service),
  };
}

function readService(value: unknown): ServiceSettings {
  const timeout = isRecord(value) ? value.timeoutSeconds : undefined;
  return { timeoutSeconds: typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS };
}

function readRules(value: unknown): Record<string, RuleSetting> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, RuleSetting] => typeof entry[1] === 'string' && RULE_SETTINGS.has(entry[1])));
}

function readCatalog(value: unknown): CatalogSettings {
  if (!isRecord(value)) return {};
  const catalog: CatalogSettings = {};
  if (Array.isArray(value.families)) catalog.families = readStrings(value.families);
  if (Array.isArray(value.includeCategories)) catalog.includeCategories = readStrings(value.includeCategories);
  if (typeof value.extraFile === 'string' && value.extraFile.length > 0) catalog.extraFile = value.extraFile;
  return catalog;
}

function readSchema(value: unknown): SchemaKind {
  return value === 'sentinel' || value === 'both' || value === 'defender' ? value : DEFAULT_SETTINGS.schema;
}

function readStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}


/** Settings by document URI; `fetch` asks the client (`workspace/configuration`) for the raw section. */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<Settings>>();

  constructor(private readonly fetch: ((uri: string) => Promise<unknown>) | undefined) {}

  get(uri: string): Promise<Settings> {
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.fetch ? this.fetch(uri).then(readSettings, () => DEFAULT_SETTINGS) : Promise.resolve(DEFAULT_SETTINGS);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}
