// Attack variants: events an attacker (or a careless user) produces with the same tools, that an
// exclusion must not silence. They come from what we know: the RMM catalog (every family's
// binaries, install paths and signers) and the detection's own true positives, mutated the ways
// real runs vary. Only variants the detection alerts on before the exclusion count.

import type { Catalog } from '../catalog/catalog';
import type { TuningEvent } from './exclusion';
import { standardInstallFolder } from './propose';

export interface AttackVariant {
  /** What was varied, e.g. `true positive "…": run from C:\Users\Public\`. */
  name: string;
  event: TuningEvent;
}

export interface VariantInputs {
  /** The false positive being excluded: variants avoid its exact context, and reuse its approved folder, parent, device. */
  falsePositive: TuningEvent;
  /** Events of the spec's true positives that the detection alerts on, each with its case name. */
  truePositives: readonly { caseName: string; event: TuningEvent }[];
  catalog: Catalog;
}

/**
 * Where catalog variants run: a workstation and an account that no proposal is about, started by a
 * script host. The rest of the false positive's context stays, its device group too: a group scope
 * trusts every device of the group, an attacker's among them.
 */
const ATTACKER = {
  DeviceName: 'attacker-workstation',
  AccountName: 'attacker',
  InitiatingProcessFileName: 'powershell.exe',
  InitiatingProcessFolderPath: 'c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe',
  InitiatingProcessCommandLine: 'powershell.exe -NoProfile -WindowStyle Hidden',
};

/** Launchers a user or a script starts a dropped tool with. */
const OTHER_PARENTS = [
  { InitiatingProcessFileName: 'explorer.exe', InitiatingProcessFolderPath: 'c:\\windows\\explorer.exe', InitiatingProcessCommandLine: 'C:\\Windows\\Explorer.EXE' },
  { InitiatingProcessFileName: 'cmd.exe', InitiatingProcessFolderPath: 'c:\\windows\\system32\\cmd.exe', InitiatingProcessCommandLine: 'cmd.exe /c start "" tool' },
];

const PARENT_COLUMNS = ['InitiatingProcessFileName', 'InitiatingProcessFolderPath', 'InitiatingProcessCommandLine'] as const;

/** Candidate variants, unfiltered: the caller keeps those the detection alerts on. Deduplicated by their fields. */
export function candidateVariants({ falsePositive, truePositives, catalog }: VariantInputs): AttackVariant[] {
  const variants: AttackVariant[] = [];
  const seen = new Set<string>([key(falsePositive)]);
  const add = (name: string, event: TuningEvent) => {
    const k = key(event);
    if (seen.has(k)) return;
    seen.add(k);
    variants.push({ name, event });
  };
  for (const variant of catalogVariants(falsePositive, catalog)) add(variant.name, variant.event);
  for (const tp of truePositives) for (const variant of mutations(tp.event, falsePositive)) add(`true positive "${tp.caseName}": ${variant.name}`, variant.event);
  return variants;
}

/** Every catalog family's binaries, from each of its install folders and from Downloads, signed as the catalog says. */
function catalogVariants(falsePositive: TuningEvent, catalog: Catalog): AttackVariant[] {
  const base = withFields(falsePositive, ATTACKER);
  const variants: AttackVariant[] = [];
  for (const family of catalog.families) {
    const folders = [...family.installPaths.flatMap((path) => installFolder(path)), `C:\\Users\\${ATTACKER.AccountName}\\Downloads\\`];
    const signer = family.signers[0];
    for (const binary of family.binaries) {
      for (const folder of new Set(folders)) {
        const fields: Record<string, string> = { ProcessVersionInfoOriginalFileName: binary };
        if (signer && 'Signer' in falsePositive.fields) fields.Signer = signer;
        variants.push({ name: `catalog ${family.name}: ${binary} in ${folder}`, event: placed(withFields(base, fields), folder, binary) });
      }
    }
  }
  return variants;
}

/** The ways one true positive varies. Each changes one thing, so a silenced variant names what the exclusion misses. */
function mutations(tp: TuningEvent, falsePositive: TuningEvent): AttackVariant[] {
  const file = tp.fields.FileName ?? '';
  const folder = folderOf(tp);
  const account = tp.fields.AccountName || 'user';
  const stem = file.replace(/\.exe$/i, '');
  const out: AttackVariant[] = [];
  const push = (name: string, event: TuningEvent) => out.push({ name, event });

  if (file) {
    push('in upper case', placed(tp, folder.toUpperCase(), file.toUpperCase()));
    push(`versioned download name ${stem}-1.2.3.exe`, renamed(tp, folder, `${stem}-1.2.3.exe`));
    push(`browser duplicate name ${stem} (1).exe`, renamed(tp, folder, `${stem} (1).exe`));
    push('renamed to update.exe, original file name kept', renamed(tp, folder, 'update.exe'));
  }
  for (const portable of ['Downloads', 'AppData\\Local\\Temp', 'Desktop']) push(`run from ${portable}`, placed(tp, `C:\\Users\\${account}\\${portable}\\`, file));
  push('run from C:\\Users\\Public\\', placed(tp, 'C:\\Users\\Public\\', file));

  const own = standardInstallFolder(tp.fields.FolderPath ?? '', file);
  const toolFolder = own ? own.replace(/^[a-z]:\\program files( \(x86\))?\\/i, '') : `${stem}\\`;
  for (const root of ['C:\\Program Files\\', 'C:\\Program Files (x86)\\']) push(`installed in ${root}${toolFolder}`, placed(tp, `${root}${toolFolder}`, file));

  const approved = standardInstallFolder(falsePositive.fields.FolderPath ?? '', falsePositive.fields.FileName ?? '');
  if (approved) {
    push(`installed in the approved folder ${approved}`, placed(tp, approved, file));
    const relative = approved.replace(/^[a-z]:\\/i, '');
    const name = relative.split('\\').filter((s) => s !== '').at(-1)!;
    for (const nested of new Set([`C:\\Users\\Public\\${relative}`, `C:\\Users\\Public\\${name}\\`, `C:\\Users\\${account}\\Downloads\\${relative}`])) {
      push(`the approved folder's name nested in ${nested}`, placed(tp, nested, file));
    }
  }

  for (const parent of [...OTHER_PARENTS, pick(falsePositive, PARENT_COLUMNS)]) {
    const name = parent.InitiatingProcessFileName;
    if (name && name.toLowerCase() !== (tp.fields.InitiatingProcessFileName ?? '').toLowerCase()) push(`started by ${name}`, withFields(tp, parent));
  }
  const device = falsePositive.fields.DeviceName;
  if (device && device !== tp.fields.DeviceName) push(`on the false positive's device ${device}`, withFields(tp, { DeviceName: device }));
  const group = falsePositive.fields.MachineGroup;
  if (group && group !== tp.fields.MachineGroup) push(`in the false positive's device group ${group}`, withFields(tp, { MachineGroup: group }));
  const user = falsePositive.fields.AccountName;
  if (user && user !== tp.fields.AccountName) push(`as the false positive's account ${user}`, withFields(tp, { AccountName: user }));
  return out;
}

/** The folder of an event's image, ending in `\` (Defender's FolderPath may end with the file name). */
function folderOf(event: TuningEvent): string {
  const path = event.fields.FolderPath ?? '';
  const file = event.fields.FileName ?? '';
  if (file && path.toLowerCase().endsWith(`\\${file.toLowerCase()}`)) return path.slice(0, path.length - file.length);
  return path.endsWith('\\') || path === '' ? path : `${path}\\`;
}

/** `event` with its image moved to `folder` and named `file`, written the way the event writes paths. */
function placed(event: TuningEvent, folder: string, file: string): TuningEvent {
  const oldPath = event.fields.FolderPath ?? '';
  const oldFile = event.fields.FileName ?? '';
  const withName = oldPath === '' || (oldFile !== '' && oldPath.toLowerCase().endsWith(oldFile.toLowerCase()));
  const path = withName ? `${folder}${file}` : folder.replace(/\\$/, '');
  const fields: Record<string, string> = { FileName: file, FolderPath: path };
  const image = `${folder}${file}`;
  if (event.fields.ProcessCommandLine !== undefined || oldFile) fields.ProcessCommandLine = commandLineFor(event, image);
  return withFields(event, fields);
}

/** Renamed on disk: the PE header's original file name stays. */
function renamed(event: TuningEvent, folder: string, file: string): TuningEvent {
  const original = event.fields.ProcessVersionInfoOriginalFileName || event.fields.FileName || '';
  return withFields(placed(event, folder, file), { ProcessVersionInfoOriginalFileName: original });
}

/** The event's command line with its image path replaced, or just the quoted image. */
function commandLineFor(event: TuningEvent, image: string): string {
  const command = event.fields.ProcessCommandLine ?? '';
  const args = /^\s*(?:"[^"]*"|\S+)(.*)$/s.exec(command)?.[1] ?? '';
  return `"${image}"${args}`;
}

/** Install paths from the catalog as folders: wildcards and environment variables become concrete. */
function installFolder(path: string): string[] {
  let folder = path.replace(/%[^%]+%/g, (name) => ENVIRONMENT[name.toLowerCase()] ?? name).replace(/\\\*\\/g, `\\${ATTACKER.AccountName}\\`);
  folder = folder.replace(/\*.*$/, '');
  if (/\.[a-z0-9]{2,4}$/i.test(folder)) folder = folder.slice(0, folder.lastIndexOf('\\') + 1);
  if (!/^[a-z]:\\/i.test(folder) || /[%*?]/.test(folder)) return [];
  return [folder.endsWith('\\') ? folder : `${folder}\\`];
}

const ENVIRONMENT: Record<string, string> = {
  '%programfiles%': 'C:\\Program Files',
  '%programfiles(x86)%': 'C:\\Program Files (x86)',
  '%programdata%': 'C:\\ProgramData',
  '%appdata%': `C:\\Users\\${ATTACKER.AccountName}\\AppData\\Roaming`,
  '%localappdata%': `C:\\Users\\${ATTACKER.AccountName}\\AppData\\Local`,
  '%temp%': `C:\\Users\\${ATTACKER.AccountName}\\AppData\\Local\\Temp`,
  '%userprofile%': `C:\\Users\\${ATTACKER.AccountName}`,
  '%windir%': 'C:\\Windows',
  '%systemroot%': 'C:\\Windows',
};

function withFields(event: TuningEvent, fields: Readonly<Record<string, string | undefined>>): TuningEvent {
  const merged: Record<string, string> = { ...event.fields };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) merged[name] = value;
  return { table: event.table, fields: merged };
}

function pick(event: TuningEvent, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, event.fields[name]]));
}

function key(event: TuningEvent): string {
  return JSON.stringify(Object.entries(event.fields).sort(([a], [b]) => a.localeCompare(b)));
}
