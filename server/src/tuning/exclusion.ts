// What an exclusion is, as plain data: the kind of allowlist entry and its values. Code actions
// carry exactly this, so the edit can be computed again from the current text at any time.

/** One input event (a false positive), its values as text, keyed by column name. */
export interface TuningEvent {
  table: string;
  fields: Readonly<Record<string, string>>;
}

export type ExclusionKind =
  | 'device-path'
  | 'group-path'
  | 'path-signer'
  | 'parent-command'
  | 'tool-path'
  | 'deployment'
  | 'parent'
  | 'parent-name'
  | 'signer'
  | 'company'
  | 'device'
  | 'account';

export interface Exclusion {
  kind: ExclusionKind;
  /** The table the false positive came from: the `where not(...)` goes into its pipeline. */
  table: string;
  /** The allowlist entry: a folder prefix, a path, a name. */
  value: string;
  /** What a scoped entry is narrowed to: the device, the device group, the signer, or the command line. */
  qualifier?: string;
  /** The entry's trailing comment: what it is, and a reason or ticket. */
  comment: string;
}

interface KindBase {
  /** Columns the exclusion reads: it goes where all of them exist. */
  columns: readonly string[];
  /** Says what an entry of this kind excludes, for titles. */
  describe(value: string, qualifier: string | undefined): string;
  /** Where the entry applies, for reports: `fleet`, or the device, device group, signer or parent it is bound to. */
  scope(value: string, qualifier: string | undefined): string;
}

/** Entries kept in a `let` list, matched by one condition over the whole list. */
export interface ListKind extends KindBase {
  /** The `let` name of this kind's allowlist. */
  list: string;
  /** The disjunct of the `where not(...)` clause for this kind. */
  condition: string;
}

/**
 * Entries written into the clause itself, one disjunct each: a path prefix needs `startswith`,
 * which takes one value, not a list. `template` is the disjunct with `$1` for the value and `$2`
 * for the qualifier, each a string literal.
 */
export interface InlineKind extends KindBase {
  template: string;
  /** The qualifier's column, for kinds that have one. */
  qualifierColumn?: string;
}

export type KindSpec = ListKind | InlineKind;

export function isInlineKind(spec: KindSpec): spec is InlineKind {
  return 'template' in spec;
}

const fleet = () => 'fleet';

/**
 * The kinds, narrowest first: the order proposals are offered in when their measured impact
 * ties, and the order of the disjuncts in the `where not(...)` clause. Path entries are whole
 * folders that start at a drive root and end in `\`, matched with `startswith`: a documented,
 * case-insensitive prefix test that a folder of the same name nested elsewhere cannot satisfy.
 */
export const KINDS: Readonly<Record<ExclusionKind, KindSpec>> = {
  'device-path': {
    columns: ['DeviceName', 'FolderPath'],
    qualifierColumn: 'DeviceName',
    template: 'DeviceName =~ $2 and FolderPath startswith $1',
    describe: (value, device) => `the tool installed in ${value} on ${device}`,
    scope: (_value, device) => `device ${device}`,
  },
  // Defender's device groups: `MachineGroup`, which a Sentinel workspace's copies of the Device* tables carry.
  'group-path': {
    columns: ['MachineGroup', 'FolderPath'],
    qualifierColumn: 'MachineGroup',
    template: 'MachineGroup =~ $2 and FolderPath startswith $1',
    describe: (value, group) => `the tool installed in ${value} on the devices of group ${group}`,
    scope: (_value, group) => `device group ${group}`,
  },
  'path-signer': {
    columns: ['FolderPath', 'Signer'],
    qualifierColumn: 'Signer',
    template: 'FolderPath startswith $1 and Signer =~ $2',
    describe: (value, signer) => `the tool installed in ${value} signed by ${signer}`,
    scope: (_value, signer) => `signer ${signer}`,
  },
  'parent-command': {
    columns: ['InitiatingProcessFolderPath', 'ProcessCommandLine'],
    qualifierColumn: 'ProcessCommandLine',
    template: 'InitiatingProcessFolderPath =~ $1 and ProcessCommandLine == $2',
    describe: (parent, command) => `the command line ${command} started by ${parent}`,
    scope: (parent) => `parent ${parent}`,
  },
  'tool-path': {
    columns: ['FolderPath'],
    template: 'FolderPath startswith $1',
    describe: (value) => `approved tool installed in ${value} on every device`,
    scope: fleet,
  },
  deployment: {
    list: 'DeployedAgents',
    columns: ['InitiatingProcessFileName', 'FileName'],
    condition: '(InitiatingProcessFileName =~ "ccmexec.exe" or InitiatingProcessFileName startswith "PDQDeployRunner") and FileName in~ (DeployedAgents)',
    describe: (value) => `${value} deployed by SCCM or PDQ Deploy`,
    scope: () => 'deployment system',
  },
  parent: {
    list: 'ApprovedParents',
    columns: ['InitiatingProcessFolderPath'],
    condition: 'InitiatingProcessFolderPath in~ (ApprovedParents)',
    describe: (value) => `processes started by ${value}`,
    scope: (value) => `parent ${value}`,
  },
  'parent-name': {
    list: 'ApprovedParentNames',
    columns: ['InitiatingProcessFileName'],
    condition: 'InitiatingProcessFileName in~ (ApprovedParentNames)',
    describe: (value) => `processes started by ${value}`,
    scope: (value) => `parent ${value}`,
  },
  signer: {
    list: 'ApprovedSigners',
    columns: ['Signer'],
    condition: 'Signer in~ (ApprovedSigners)',
    describe: (value) => `binaries signed by ${value}`,
    scope: fleet,
  },
  company: {
    list: 'ApprovedCompanies',
    columns: ['ProcessVersionInfoCompanyName'],
    condition: 'ProcessVersionInfoCompanyName in~ (ApprovedCompanies)',
    describe: (value) => `binaries of company ${value}`,
    scope: fleet,
  },
  device: {
    list: 'ApprovedDevices',
    columns: ['DeviceName'],
    condition: 'DeviceName in~ (ApprovedDevices)',
    describe: (value) => `events on device ${value}`,
    scope: (value) => `device ${value}`,
  },
  account: {
    list: 'ApprovedAccounts',
    columns: ['AccountName'],
    condition: 'AccountName in~ (ApprovedAccounts)',
    describe: (value) => `events of account ${value}`,
    scope: (value) => `account ${value}`,
  },
};

export const KIND_ORDER = Object.keys(KINDS) as ExclusionKind[];

export function isExclusionKind(value: unknown): value is ExclusionKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KINDS, value);
}

/** The exclusion in `value`, if it has the right shape (code action arguments come from outside). */
export function asExclusion(value: unknown): Exclusion | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, table, value: entry, qualifier, comment } = value as Record<string, unknown>;
  if (!isExclusionKind(kind) || typeof table !== 'string' || typeof entry !== 'string' || entry === '' || typeof comment !== 'string') return undefined;
  const spec = KINDS[kind];
  const needsQualifier = isInlineKind(spec) && spec.qualifierColumn !== undefined;
  if (needsQualifier && (typeof qualifier !== 'string' || qualifier === '')) return undefined;
  return needsQualifier ? { kind, table, value: entry, qualifier: qualifier as string, comment } : { kind, table, value: entry, comment };
}

export function describeExclusion(exclusion: Exclusion): string {
  return KINDS[exclusion.kind].describe(exclusion.value, exclusion.qualifier);
}

export function scopeOf(exclusion: Exclusion): string {
  return KINDS[exclusion.kind].scope(exclusion.value, exclusion.qualifier);
}
