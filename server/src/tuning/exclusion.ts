// What an exclusion is, as plain data: the kind of allowlist entry and its value. Code actions
// carry exactly this, so the edit can be computed again from the current text at any time.

/** One input event (a false positive), its values as text, keyed by column name. */
export interface TuningEvent {
  table: string;
  fields: Readonly<Record<string, string>>;
}

export type ExclusionKind = 'tool-path' | 'parent' | 'parent-name' | 'company' | 'signer' | 'device' | 'account' | 'deployment';

export interface Exclusion {
  kind: ExclusionKind;
  /** The table the false positive came from: the `where not(...)` goes into its pipeline. */
  table: string;
  /** The allowlist entry: a folder prefix, a path, a name. */
  value: string;
  /** The entry's trailing comment: what it is, and a reason or ticket. */
  comment: string;
}

export interface KindSpec {
  /** The `let` name of this kind's allowlist. */
  list: string;
  /** Columns the exclusion reads: it goes where all of them exist. */
  columns: readonly string[];
  /** The disjunct of the `where not(...)` clause for this kind. */
  condition: string;
  /** Says what an entry of this kind excludes, for titles. */
  describe(value: string): string;
}

/**
 * The kinds, narrowest first: this is the order proposals are offered in when their measured
 * impact ties, and the order of the disjuncts in the `where not(...)` clause.
 */
export const KINDS: Readonly<Record<ExclusionKind, KindSpec>> = {
  'tool-path': {
    list: 'ApprovedToolPaths',
    columns: ['FolderPath'],
    // Entries are whole folders ending in `\` and start with a drive: `has_any` then matches them
    // only as a prefix of the path, case-insensitively, and stays one indexed term search.
    condition: 'FolderPath has_any (ApprovedToolPaths)',
    describe: (value) => `approved tool installed in ${value}`,
  },
  deployment: {
    list: 'DeployedAgents',
    columns: ['InitiatingProcessFileName', 'FileName'],
    condition: '(InitiatingProcessFileName =~ "ccmexec.exe" or InitiatingProcessFileName startswith "PDQDeployRunner") and FileName in~ (DeployedAgents)',
    describe: (value) => `${value} deployed by SCCM or PDQ Deploy`,
  },
  parent: {
    list: 'ApprovedParents',
    columns: ['InitiatingProcessFolderPath'],
    condition: 'InitiatingProcessFolderPath in~ (ApprovedParents)',
    describe: (value) => `processes started by ${value}`,
  },
  'parent-name': {
    list: 'ApprovedParentNames',
    columns: ['InitiatingProcessFileName'],
    condition: 'InitiatingProcessFileName in~ (ApprovedParentNames)',
    describe: (value) => `processes started by ${value}`,
  },
  signer: {
    list: 'ApprovedSigners',
    columns: ['Signer'],
    condition: 'Signer in~ (ApprovedSigners)',
    describe: (value) => `binaries signed by ${value}`,
  },
  company: {
    list: 'ApprovedCompanies',
    columns: ['ProcessVersionInfoCompanyName'],
    condition: 'ProcessVersionInfoCompanyName in~ (ApprovedCompanies)',
    describe: (value) => `binaries of company ${value}`,
  },
  device: {
    list: 'ApprovedDevices',
    columns: ['DeviceName'],
    condition: 'DeviceName in~ (ApprovedDevices)',
    describe: (value) => `events on device ${value}`,
  },
  account: {
    list: 'ApprovedAccounts',
    columns: ['AccountName'],
    condition: 'AccountName in~ (ApprovedAccounts)',
    describe: (value) => `events of account ${value}`,
  },
};

export const KIND_ORDER = Object.keys(KINDS) as ExclusionKind[];

export function isExclusionKind(value: unknown): value is ExclusionKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KINDS, value);
}

/** The exclusion in `value`, if it has the right shape (code action arguments come from outside). */
export function asExclusion(value: unknown): Exclusion | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, table, value: entry, comment } = value as Record<string, unknown>;
  if (!isExclusionKind(kind) || typeof table !== 'string' || typeof entry !== 'string' || entry === '' || typeof comment !== 'string') return undefined;
  return { kind, table, value: entry, comment };
}

export function describeExclusion(exclusion: Exclusion): string {
  return KINDS[exclusion.kind].describe(exclusion.value);
}
