// One detection written in another of the three formats a rule is kept in: a Sentinel analytic rule
// (YAML), an ARM template's `alertRules` resource, a Defender custom detection (Graph
// `detectionRule`). Every conversion goes through the YAML rule's fields, the richest of the three;
// what the target cannot hold is named in `notes`, never dropped silently.

import { createHash } from 'node:crypto';
import { getNodeValue, type Node } from 'jsonc-parser/lib/esm/main.js';
import { Document, isScalar } from 'yaml';
import type { RuleFile } from '../sources/ruleFile';

export type ExportFormat = 'yaml' | 'arm' | 'graph';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['yaml', 'arm', 'graph'];

/** A rule as the fields of a Sentinel analytic-rule YAML (`name`, `queryFrequency: 1h`, `triggerOperator: gt`, …). */
export type RuleFields = Record<string, unknown>;

export interface Exported {
  text: string;
  /** What the target format has no place for, or had to be derived. */
  notes: string[];
}

/** The API version of the ARM resources written; pinned so a template deploys the same way later. */
export const ARM_API_VERSION = '2024-03-01';
const ARM_TYPE = 'Microsoft.OperationalInsights/workspaces/providers/alertRules';
/** Where an exported template keeps, per rule id, the YAML fields an alert rule has no property for. */
const ARM_KEPT_FIELDS = 'analyticRuleFields';
const GRAPH_DEVICE = '#microsoft.graph.security.impactedDeviceAsset';
const GRAPH_USER = '#microsoft.graph.security.impactedUserAsset';

const TRIGGER_TO_ARM: Record<string, string> = { gt: 'GreaterThan', lt: 'LessThan', eq: 'Equal', ne: 'NotEqual' };
/** The periods a custom detection runs at (`0` is continuous), as Sentinel durations. */
const GRAPH_PERIODS: Record<string, string> = { '0': '0', '1H': '1h', '3H': '3h', '12H': '12h', '24H': '24h' };
/** Graph's impacted-user identifiers name query columns; the Sentinel Account identifier each fills. */
const USER_IDENTIFIER: [RegExp, string][] = [[/Sid$/, 'Sid'], [/Upn$/, 'FullName'], [/ObjectId$/, 'AadUserId'], [/Domain$/, 'NTDomain'], [/Name$/, 'Name']];
const DEVICE_IDENTIFIERS = ['deviceId', 'deviceName', 'remoteDeviceName', 'targetDeviceName', 'destinationDeviceName'];
const USER_IDENTIFIERS = ['accountObjectId', 'accountSid', 'accountUpn', 'accountName', 'accountDomain', 'accountId', 'requestAccountSid', 'requestAccountName', 'requestAccountDomain', 'recipientObjectId', 'processAccountObjectId', 'initiatingAccountSid', 'initiatingProcessAccountUpn', 'initiatingAccountName', 'initiatingAccountDomain', 'servicePrincipalId', 'servicePrincipalName', 'targetAccountUpn'];

/** Sentinel's field order, so an exported YAML reads like the rules of Azure-Sentinel. */
const YAML_ORDER = ['id', 'name', 'description', 'severity', 'requiredDataConnectors', 'queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold', 'tactics', 'relevantTechniques', 'query', 'entityMappings', 'customDetails', 'alertDetailsOverride', 'eventGroupingSettings', 'incidentConfiguration', 'version', 'kind'];
/** YAML fields written as ARM properties under the same name. */
const SAME_IN_ARM = ['description', 'severity', 'query', 'triggerThreshold', 'tactics', 'entityMappings', 'customDetails', 'alertDetailsOverride', 'eventGroupingSettings', 'incidentConfiguration'];
/** YAML fields with an ARM counterpart of another name or shape (the rest are kept in the template's metadata). */
const MAPPED_TO_ARM = new Set([...SAME_IN_ARM, 'id', 'name', 'queryFrequency', 'queryPeriod', 'triggerOperator', 'relevantTechniques', 'version', 'kind']);

/** The fields of rule `index` of a rule file, as an analytic-rule YAML writes them. */
export function ruleFields(file: RuleFile, index: number): RuleFields {
  if (file.yaml) return file.yaml.document.toJS() as RuleFields;
  const json = file.json!;
  const rule = json.rules[index]!;
  const value = plainValue(rule.fields);
  if (json.kind === 'graph-detection-rule') return fromGraph(value);
  const resource = rule.fields.parent?.parent;
  return fromArm(value, resource ? plainValue(resource) : {}, plainValue(json.root));
}

/** A JSON node's value as plain objects (the parser's have no prototype, which deep comparisons tell apart). */
function plainValue(node: Node): Record<string, unknown> {
  return JSON.parse(JSON.stringify(getNodeValue(node))) as Record<string, unknown>;
}

/** The rule in `format`; an error when the target cannot express it (a Graph period for an arbitrary frequency). */
export function exportRule(fields: RuleFields, format: ExportFormat): Exported | { error: string } {
  if (typeof fields.query !== 'string') return { error: 'the rule has no query' };
  if (format === 'yaml') return { text: toYaml(fields), notes: [] };
  if (format === 'arm') return toArm(fields);
  return toGraph(fields);
}

// --- YAML --------------------------------------------------------------------------------------

function toYaml(fields: RuleFields): string {
  const ordered: RuleFields = {};
  for (const key of [...YAML_ORDER, ...Object.keys(fields)]) if (fields[key] !== undefined && !(key in ordered)) ordered[key] = fields[key];
  const document = new Document(ordered);
  for (const key of ['query', 'description']) {
    const node = document.get(key, true);
    if (isScalar(node) && typeof node.value === 'string' && node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
  }
  return document.toString({ lineWidth: 0 });
}

// --- durations ---------------------------------------------------------------------------------

/** `5m`, `1h`, `2d` as ISO 8601 (`PT5M`, `PT1H`, `P2D`), keeping the unit so it reads back as written. */
export function isoDuration(duration: string): string | undefined {
  const match = /^(\d+)([mhd])$/.exec(duration);
  if (!match) return undefined;
  return match[2] === 'd' ? `P${match[1]}D` : `PT${match[1]}${match[2].toUpperCase()}`;
}

/** An ISO 8601 duration of days, hours and minutes as a Sentinel duration (`PT1H30M` as `90m`). */
export function sentinelDuration(iso: string): string | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) return undefined;
  const [days, hours, minutes] = [match[1], match[2], match[3]];
  const parts = [days && 'd', hours && 'h', minutes && 'm'].filter(Boolean);
  if (parts.length === 1) return `${days ?? hours ?? minutes}${parts[0]}`;
  const total = Number(days ?? 0) * 1440 + Number(hours ?? 0) * 60 + Number(minutes ?? 0);
  return `${total}m`;
}

// --- ARM ---------------------------------------------------------------------------------------

function toArm(fields: RuleFields): Exported {
  const notes: string[] = [];
  const id = typeof fields.id === 'string' ? fields.id : guidFor(String(fields.name ?? fields.query));
  if (typeof fields.id !== 'string') notes.push(`the rule has no id: the resource is named by a GUID derived from its name (${id})`);
  const properties: RuleFields = { displayName: fields.name, enabled: true };
  for (const key of SAME_IN_ARM.slice(0, 3)) if (fields[key] !== undefined) properties[key] = fields[key];
  for (const key of ['queryFrequency', 'queryPeriod']) {
    if (fields[key] === undefined) continue;
    const iso = isoDuration(String(fields[key]));
    if (iso) properties[key] = iso;
    else notes.push(`${key} '${String(fields[key])}' is not a <n>m|h|d duration and was left out`);
  }
  if (fields.triggerOperator !== undefined) properties.triggerOperator = TRIGGER_TO_ARM[String(fields.triggerOperator)] ?? fields.triggerOperator;
  // Sentinel requires the suppression pair on scheduled rules; the YAML has no such fields.
  if (fields.kind !== 'NRT') Object.assign(properties, { suppressionDuration: 'PT5H', suppressionEnabled: false });
  for (const key of SAME_IN_ARM.slice(3)) if (fields[key] !== undefined) properties[key] = fields[key];
  if (Array.isArray(fields.relevantTechniques)) {
    const techniques = fields.relevantTechniques.map(String);
    properties.techniques = [...new Set(techniques.map((t) => t.split('.')[0]))];
    const subTechniques = techniques.filter((t) => t.includes('.'));
    if (subTechniques.length > 0) properties.subTechniques = subTechniques;
  }
  if (fields.version !== undefined) properties.templateVersion = fields.version;
  const kept = Object.fromEntries(Object.entries(fields).filter(([key]) => !MAPPED_TO_ARM.has(key)));
  const template: RuleFields = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { workspace: { type: 'String' } },
    ...(Object.keys(kept).length > 0 ? { metadata: { [ARM_KEPT_FIELDS]: { [id]: kept } } } : {}),
    resources: [
      {
        type: ARM_TYPE,
        apiVersion: ARM_API_VERSION,
        // Three name segments for a type with three: workspace, provider, rule.
        name: `[concat(parameters('workspace'),'/Microsoft.SecurityInsights/${id}')]`,
        kind: fields.kind ?? 'Scheduled',
        properties,
      },
    ],
  };
  return { text: JSON.stringify(template, null, 2) + '\n', notes };
}

function fromArm(properties: Record<string, unknown>, resource: Record<string, unknown>, template: Record<string, unknown>): RuleFields {
  const id = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/.exec(String(resource.name ?? ''))?.[0];
  const fields: RuleFields = { id, name: properties.displayName };
  for (const key of SAME_IN_ARM.slice(0, 3)) fields[key] = properties[key];
  for (const key of ['queryFrequency', 'queryPeriod']) if (typeof properties[key] === 'string') fields[key] = sentinelDuration(properties[key]) ?? properties[key];
  const operator = Object.entries(TRIGGER_TO_ARM).find(([, arm]) => arm === properties.triggerOperator)?.[0];
  fields.triggerOperator = operator ?? properties.triggerOperator;
  for (const key of SAME_IN_ARM.slice(3)) fields[key] = properties[key];
  fields.relevantTechniques = relevantTechniques(properties.techniques, properties.subTechniques);
  fields.version = properties.templateVersion;
  fields.kind = resource.kind;
  const metadata = template.metadata as Record<string, Record<string, RuleFields>> | undefined;
  Object.assign(fields, (id && metadata?.[ARM_KEPT_FIELDS]?.[id]) ?? {});
  return withoutUndefined(fields);
}

/** ARM's techniques and sub-techniques as one list: each technique, or its sub-techniques where it has some. */
function relevantTechniques(techniques: unknown, subTechniques: unknown): string[] | undefined {
  const parents = Array.isArray(techniques) ? techniques.map(String) : [];
  const subs = Array.isArray(subTechniques) ? subTechniques.map(String) : [];
  const listed = parents.flatMap((t) => {
    const own = subs.filter((s) => s.startsWith(`${t}.`));
    return own.length > 0 ? own : [t];
  });
  const all = [...listed, ...subs.filter((s) => !listed.includes(s))];
  return all.length > 0 ? all : undefined;
}

// --- Graph -------------------------------------------------------------------------------------

function toGraph(fields: RuleFields): Exported | { error: string } {
  const notes: string[] = [];
  const frequency = fields.kind === 'NRT' ? '0' : String(fields.queryFrequency ?? '');
  const period = Object.entries(GRAPH_PERIODS).find(([, sentinel]) => sentinel === frequency || (sentinel === '24h' && frequency === '1d'))?.[0];
  if (!period) return { error: `a custom detection runs continuously or every 1, 3, 12 or 24 hours; queryFrequency '${frequency}' is none of them` };
  if (fields.queryPeriod !== undefined && period !== '0') notes.push(`queryPeriod ${String(fields.queryPeriod)} is not kept: a custom detection's look-back follows from its period`);
  const tactics = Array.isArray(fields.tactics) ? fields.tactics.map(String) : [];
  if (tactics.length > 1) notes.push(`a custom detection has one category: ${tactics[0]}; ${tactics.slice(1).join(', ')} not kept`);
  const { assets, unmapped } = impactedAssets(fields.entityMappings);
  for (const mapping of unmapped) notes.push(`entity mapping ${mapping} has no impacted-asset counterpart and is not kept`);
  // A custom detection alerts on every row, as `gt 0` does.
  const everyRow = (fields.triggerOperator ?? 'gt') === 'gt' && Number(fields.triggerThreshold ?? 0) === 0;
  const carried = ['id', 'name', 'description', 'severity', 'query', 'queryFrequency', 'queryPeriod', 'kind', 'tactics', 'relevantTechniques', 'entityMappings', ...(everyRow ? ['triggerOperator', 'triggerThreshold'] : [])];
  for (const key of Object.keys(fields).filter((k) => !carried.includes(k))) notes.push(`${key} has no place in a custom detection and is not kept`);
  const rule = {
    displayName: fields.name,
    isEnabled: true,
    queryCondition: { queryText: fields.query },
    schedule: { period },
    detectionAction: {
      alertTemplate: {
        title: fields.name,
        description: fields.description,
        severity: typeof fields.severity === 'string' ? fields.severity.toLowerCase() : undefined,
        category: tactics[0],
        recommendedActions: null,
        mitreTechniques: Array.isArray(fields.relevantTechniques) ? fields.relevantTechniques : [],
        impactedAssets: assets,
      },
      organizationalScope: null,
      responseActions: [],
    },
  };
  return { text: JSON.stringify(rule, null, 2) + '\n', notes };
}

/** Entity mappings as impacted assets: a Host or Account column whose name is one of Graph's identifiers. */
function impactedAssets(entityMappings: unknown): { assets: { '@odata.type': string; identifier: string }[]; unmapped: string[] } {
  const assets: { '@odata.type': string; identifier: string }[] = [];
  const unmapped: string[] = [];
  for (const mapping of Array.isArray(entityMappings) ? (entityMappings as { entityType?: string; fieldMappings?: { identifier?: string; columnName?: string }[] }[]) : []) {
    for (const field of mapping.fieldMappings ?? []) {
      const column = String(field.columnName ?? '');
      const identifier = column.charAt(0).toLowerCase() + column.slice(1);
      const type = mapping.entityType === 'Host' && DEVICE_IDENTIFIERS.includes(identifier) ? GRAPH_DEVICE : mapping.entityType === 'Account' && USER_IDENTIFIERS.includes(identifier) ? GRAPH_USER : undefined;
      if (type) assets.push({ '@odata.type': type, identifier });
      else unmapped.push(`${String(mapping.entityType)}.${String(field.identifier)} → ${column}`);
    }
  }
  return { assets, unmapped };
}

function fromGraph(rule: Record<string, unknown>): RuleFields {
  const template = ((rule.detectionAction as Record<string, unknown> | undefined)?.alertTemplate ?? {}) as Record<string, unknown>;
  const period = String((rule.schedule as Record<string, unknown> | undefined)?.period ?? '');
  const frequency = GRAPH_PERIODS[period.toUpperCase()];
  const severity = typeof template.severity === 'string' ? template.severity.charAt(0).toUpperCase() + template.severity.slice(1) : undefined;
  const name = rule.displayName ?? template.title;
  const fields: RuleFields = {
    id: guidFor(String(name ?? '')),
    name,
    description: template.description,
    severity,
    ...(frequency && frequency !== '0' ? { queryFrequency: frequency, queryPeriod: frequency } : {}),
    triggerOperator: frequency === '0' ? undefined : 'gt',
    triggerThreshold: frequency === '0' ? undefined : 0,
    tactics: typeof template.category === 'string' ? [template.category] : undefined,
    relevantTechniques: Array.isArray(template.mitreTechniques) && template.mitreTechniques.length > 0 ? template.mitreTechniques : undefined,
    query: (rule.queryCondition as Record<string, unknown> | undefined)?.queryText,
    entityMappings: entityMappings(template.impactedAssets),
    kind: frequency === '0' ? 'NRT' : 'Scheduled',
  };
  return withoutUndefined(fields);
}

/** Impacted assets as entity mappings: devices by name as Host FullName, users by their identifier's kind. */
function entityMappings(assets: unknown): RuleFields[] | undefined {
  const mappings: RuleFields[] = [];
  for (const asset of Array.isArray(assets) ? (assets as Record<string, unknown>[]) : []) {
    const identifier = String(asset.identifier ?? '');
    const column = identifier.charAt(0).toUpperCase() + identifier.slice(1);
    const sentinel = asset['@odata.type'] === GRAPH_DEVICE ? (/Name$/.test(identifier) ? 'FullName' : undefined) : asset['@odata.type'] === GRAPH_USER ? USER_IDENTIFIER.find(([pattern]) => pattern.test(identifier))?.[1] : undefined;
    if (!sentinel) continue;
    mappings.push({ entityType: asset['@odata.type'] === GRAPH_DEVICE ? 'Host' : 'Account', fieldMappings: [{ identifier: sentinel, columnName: column }] });
  }
  return mappings.length > 0 ? mappings : undefined;
}

// --- shared ------------------------------------------------------------------------------------

/** A stable GUID for a rule that has none (a Graph rule's id is no GUID): the same name gives the same id. */
function guidFor(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  // The layout of a name-based (version 5) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function withoutUndefined(fields: RuleFields): RuleFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
