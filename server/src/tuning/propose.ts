// Which exclusions fit a false-positive event. Each kind reads a few columns of the event; a kind
// is offered only when the table has its columns and the event has a value that makes a sensible
// allowlist entry (never "everything explorer.exe starts" or "everything SYSTEM runs").

import { KIND_ORDER, type Exclusion, type ExclusionKind, type TuningEvent } from './exclusion';

/** Launchers that start user and attacker programs alike: excluding them would blind the detection. */
const GENERIC_PARENTS = new Set([
  'explorer.exe', 'services.exe', 'svchost.exe', 'cmd.exe', 'powershell.exe', 'pwsh.exe', 'wscript.exe', 'cscript.exe',
  'mshta.exe', 'rundll32.exe', 'regsvr32.exe', 'msiexec.exe', 'taskeng.exe', 'taskhostw.exe', 'userinit.exe',
  'winlogon.exe', 'runtimebroker.exe', 'wmiprvse.exe', 'conhost.exe', 'dllhost.exe',
]);

/** Built-in service accounts: every service runs as one of them. */
const GENERIC_ACCOUNTS = new Set(['system', 'local service', 'localservice', 'network service', 'networkservice', '-']);

/** The standard install roots a tool's folder must be under to count as its standard install path. */
const INSTALL_ROOT = /^[a-z]:\\program files( \(x86\))?\\/i;
/** Version folders (`130.0.6723.4`, `v2.1`) change on every update: the allowlist stops above them. */
const VERSION_FOLDER = /^v?\d+(\.\d+)+$/i;

const DEPLOYMENT_PARENT = /^(ccmexec\.exe|pdqdeployrunner.*)$/i;

/**
 * Exclusions that would silence `event`, in kind order (narrowest first): the tool's folder on
 * this device, on its device group or with its signer, the parent with this exact command line, the folder on every
 * device, then the lists. `columns` are the columns of the event's table; a kind whose columns
 * the table lacks is not offered.
 */
export function proposeExclusions(event: TuningEvent, columns: ReadonlySet<string>): Exclusion[] {
  const field = (name: string) => (columns.has(name) ? (event.fields[name] ?? '').trim() : '');
  const what = field('FileName') || 'this event';
  const where = field('DeviceName');
  const about = where ? `${what} on ${where}` : what;
  const values: Partial<Record<ExclusionKind, string>> = {};
  const qualifiers: Partial<Record<ExclusionKind, string>> = {};
  const scoped = (kind: ExclusionKind, value: string, qualifier: string) => {
    if (!value || !qualifier) return;
    values[kind] = value;
    qualifiers[kind] = qualifier;
  };

  const installFolder = standardInstallFolder(field('FolderPath'), field('FileName'));
  if (installFolder) {
    scoped('device-path', installFolder, field('DeviceName'));
    scoped('group-path', installFolder, field('MachineGroup'));
    scoped('path-signer', installFolder, field('Signer'));
    values['tool-path'] = installFolder;
  }

  const parentName = field('InitiatingProcessFileName');
  const genericParent = GENERIC_PARENTS.has(parentName.toLowerCase());
  // A deployment system's parent is fine here: the command line pins the one package it ran.
  if (parentName && !genericParent) scoped('parent-command', field('InitiatingProcessFolderPath'), field('ProcessCommandLine'));
  if (DEPLOYMENT_PARENT.test(parentName) && field('FileName')) values.deployment = field('FileName');
  if (parentName && !genericParent && !DEPLOYMENT_PARENT.test(parentName)) {
    const parentPath = field('InitiatingProcessFolderPath');
    if (parentPath) values.parent = parentPath;
    else values['parent-name'] = parentName;
  }

  if (field('Signer')) values.signer = field('Signer');
  if (field('ProcessVersionInfoCompanyName')) values.company = field('ProcessVersionInfoCompanyName');
  if (field('DeviceName')) values.device = field('DeviceName');
  const account = field('AccountName');
  if (account && !GENERIC_ACCOUNTS.has(account.toLowerCase())) values.account = account;

  return KIND_ORDER.filter((kind) => values[kind] !== undefined).map((kind) => {
    const exclusion: Exclusion = { kind, table: event.table, value: values[kind]!, comment: about };
    if (qualifiers[kind] !== undefined) exclusion.qualifier = qualifiers[kind];
    return exclusion;
  });
}

/**
 * Why the tool's folder is not offered on the event's device group, when it is offered at all: the
 * table has no group column (Defender's own tables record the group only in DeviceInfo), or the
 * event has no group. Said in the proposal list instead of guessing a group.
 */
export function groupScopeMissing(event: TuningEvent, columns: ReadonlySet<string>): string | undefined {
  if (!standardInstallFolder(event.fields.FolderPath ?? '', event.fields.FileName ?? '') || !columns.has('FolderPath')) return undefined;
  if (!columns.has('MachineGroup')) return `no device-group scope: ${event.table} has no MachineGroup column here (Defender keeps device groups in DeviceInfo)`;
  if (!(event.fields.MachineGroup ?? '').trim()) return 'no device-group scope: the event has no MachineGroup';
  return undefined;
}

/**
 * The tool's own folder below Program Files, ending in `\` (version folders dropped), or
 * undefined when the binary is not installed there. `FolderPath` may or may not end with the
 * file name: Defender records the full path of the image.
 */
export function standardInstallFolder(folderPath: string, fileName: string): string | undefined {
  const root = INSTALL_ROOT.exec(folderPath);
  if (!root) return undefined;
  const segments = folderPath.slice(root[0].length).split('\\').filter((s) => s !== '');
  if (fileName && segments.length > 0 && segments.at(-1)!.toLowerCase() === fileName.toLowerCase()) segments.pop();
  while (segments.length > 0 && VERSION_FOLDER.test(segments.at(-1)!)) segments.pop();
  if (segments.length === 0) return undefined; // the install root itself would allow every program
  return `${root[0]}${segments.join('\\')}\\`;
}
