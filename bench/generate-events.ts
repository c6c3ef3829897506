// Deterministic synthetic Defender `DeviceProcessEvents` for benchmarks: ordinary Windows process
// launches with about 0.5% remote-access (RMM) tools among them, every column of the Defender
// schema filled, timestamps within one day.
//
//   npx tsx bench/generate-events.ts --count 1000000 --seed 1 --out bench/.data/events-1m.jsonl
//   (add --columns Timestamp,FileName,... to write only those columns, and --start 2026-11-25T12:00:00Z
//   --days 2 to spread the events over another window)
//
// Other benches import `generateEvents` (plain records) or `generateEventTable` (a typed columnar
// table built without holding a million objects).

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { columnarTable } from '../server/src/engine/memoryTable';
import type { ColumnSchema, Table } from '../server/src/engine/table';
import { parseDateTime, type ScalarType, type Value } from '../server/src/engine/values';

/** One event as it appears in an export: datetimes as ISO text, numbers as numbers. */
export type EventRecord = Record<string, string | number | boolean | null>;

/** The Defender schema of DeviceProcessEvents, in its documented column order. */
export const DEVICE_PROCESS_EVENTS_SCHEMA: readonly ColumnSchema[] = (
  [
    ['Timestamp', 'datetime'], ['DeviceId', 'string'], ['DeviceName', 'string'], ['ActionType', 'string'], ['FileName', 'string'],
    ['FolderPath', 'string'], ['SHA1', 'string'], ['SHA256', 'string'], ['MD5', 'string'], ['FileSize', 'long'],
    ['ProcessVersionInfoCompanyName', 'string'], ['ProcessVersionInfoProductName', 'string'], ['ProcessVersionInfoProductVersion', 'string'],
    ['ProcessVersionInfoInternalFileName', 'string'], ['ProcessVersionInfoOriginalFileName', 'string'], ['ProcessVersionInfoFileDescription', 'string'],
    ['ProcessId', 'long'], ['ProcessCommandLine', 'string'], ['ProcessIntegrityLevel', 'string'], ['ProcessTokenElevation', 'string'],
    ['ProcessCreationTime', 'datetime'], ['AccountDomain', 'string'], ['AccountName', 'string'], ['AccountSid', 'string'], ['AccountUpn', 'string'],
    ['AccountObjectId', 'string'], ['LogonId', 'long'], ['InitiatingProcessAccountDomain', 'string'], ['InitiatingProcessAccountName', 'string'],
    ['InitiatingProcessAccountSid', 'string'], ['InitiatingProcessAccountUpn', 'string'], ['InitiatingProcessAccountObjectId', 'string'],
    ['InitiatingProcessLogonId', 'long'], ['InitiatingProcessIntegrityLevel', 'string'], ['InitiatingProcessTokenElevation', 'string'],
    ['InitiatingProcessSHA1', 'string'], ['InitiatingProcessSHA256', 'string'], ['InitiatingProcessMD5', 'string'], ['InitiatingProcessFileName', 'string'],
    ['InitiatingProcessFileSize', 'long'], ['InitiatingProcessVersionInfoCompanyName', 'string'], ['InitiatingProcessVersionInfoProductName', 'string'],
    ['InitiatingProcessVersionInfoProductVersion', 'string'], ['InitiatingProcessVersionInfoInternalFileName', 'string'],
    ['InitiatingProcessVersionInfoOriginalFileName', 'string'], ['InitiatingProcessVersionInfoFileDescription', 'string'], ['InitiatingProcessId', 'long'],
    ['InitiatingProcessCommandLine', 'string'], ['InitiatingProcessCreationTime', 'datetime'], ['InitiatingProcessFolderPath', 'string'],
    ['InitiatingProcessParentId', 'long'], ['InitiatingProcessParentFileName', 'string'], ['InitiatingProcessParentCreationTime', 'datetime'],
    ['InitiatingProcessSignerType', 'string'], ['InitiatingProcessSignatureStatus', 'string'], ['ReportId', 'long'], ['AppGuardContainerId', 'string'],
    ['AdditionalFields', 'string'], ['InitiatingProcessSessionId', 'long'], ['IsInitiatingProcessRemoteSession', 'bool'],
    ['InitiatingProcessRemoteSessionDeviceName', 'string'], ['InitiatingProcessRemoteSessionIP', 'string'], ['CreatedProcessSessionId', 'long'],
    ['IsProcessRemoteSession', 'bool'], ['ProcessRemoteSessionDeviceName', 'string'], ['ProcessRemoteSessionIP', 'string'], ['ProcessUniqueId', 'string'],
    ['InitiatingProcessUniqueId', 'string'], ['LogonID', 'long'],
  ] as [string, ScalarType][]
).map(([name, type]) => ({ name, type }));

/** The day every generated event falls in. */
export const GENERATED_DAY_START = '2026-01-15T00:00:00.0000000Z';
const DAY_MS = 86_400_000;
/** Share of events that launch a remote-access tool. */
export const RMM_RATE = 0.005;

// --- a seeded PRNG (sfc32: small, fast, good enough for synthetic data) ----------------------

class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  hex(length: number): string {
    let text = '';
    while (text.length < length) text += ((this.next() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
    return text.slice(0, length);
  }

  guid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

// --- the world the events come from ----------------------------------------------------------

interface Binary {
  fileName: string;
  folder: string;
  company: string;
  product: string;
  version: string;
  description: string;
  size: number;
  /** Command-line tails; `{user}` and `{n}` are filled in per event. */
  args: readonly string[];
  sha1: string;
  sha256: string;
  md5: string;
}

function binary(r: Random, fileName: string, folder: string, company: string, product: string, description: string, args: readonly string[]): Binary {
  return { fileName, folder, company, product, version: `${1 + r.int(20)}.${r.int(10)}.${r.int(9000)}.${r.int(100)}`, description, size: 20_000 + r.int(30_000_000), args, sha1: r.hex(40), sha256: r.hex(64), md5: r.hex(32) };
}

const MS = 'Microsoft Corporation';
const WINDOWS = 'Microsoft® Windows® Operating System';

interface World {
  ordinary: Binary[];
  parents: Binary[];
  rmm: Binary[];
  rmmParents: Binary[];
  devices: { id: string; name: string }[];
  users: { name: string; domain: string; sid: string; upn: string; objectId: string }[];
}

function buildWorld(r: Random): World {
  const sys32 = 'C:\\Windows\\System32\\';
  const ordinary = [
    binary(r, 'svchost.exe', sys32, MS, WINDOWS, 'Host Process for Windows Services', ['-k netsvcs -p -s Schedule', '-k LocalService -p -s EventLog', '-k NetworkService -p', '-k DcomLaunch -p']),
    binary(r, 'conhost.exe', sys32, MS, WINDOWS, 'Console Window Host', ['0xffffffff -ForceV1']),
    binary(r, 'backgroundTaskHost.exe', sys32, MS, WINDOWS, 'Background Task Host', ['-ServerName:BackgroundTaskHost.WebAccountProvider']),
    binary(r, 'RuntimeBroker.exe', sys32, MS, WINDOWS, 'Runtime Broker', ['-Embedding']),
    binary(r, 'SearchProtocolHost.exe', sys32, MS, WINDOWS, 'Microsoft Windows Search Protocol Host', ['Global\\UsGthrFltPipeMssGthrPipe{n}']),
    binary(r, 'taskhostw.exe', sys32, MS, WINDOWS, 'Host Process for Windows Tasks', ['', 'KEYROAMING']),
    binary(r, 'cmd.exe', sys32, MS, WINDOWS, 'Windows Command Processor', ['/c "echo %PATH%"', '/c ipconfig /all', '/c dir C:\\Users\\{user}\\Documents', '/c net use']),
    binary(r, 'powershell.exe', sys32 + 'WindowsPowerShell\\v1.0\\', MS, WINDOWS, 'Windows PowerShell', ['-NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\inventory.ps1', '-Command "Get-Service | Where Status -eq Running"', '-NonInteractive -WindowStyle Hidden']),
    binary(r, 'chrome.exe', 'C:\\Program Files\\Google\\Chrome\\Application\\', 'Google LLC', 'Google Chrome', 'Google Chrome', ['--type=renderer --lang=en-US --renderer-client-id={n}', '--type=utility --utility-sub-type=network.mojom.NetworkService', '']),
    binary(r, 'msedge.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\', MS, 'Microsoft Edge', 'Microsoft Edge', ['--type=renderer --renderer-client-id={n}', '--type=gpu-process', '']),
    binary(r, 'OUTLOOK.EXE', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\', MS, 'Microsoft Outlook', 'Microsoft Outlook', ['', '/recycle']),
    binary(r, 'Teams.exe', 'C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\', MS, 'Microsoft Teams', 'Microsoft Teams', ['--type=renderer', '--system-initiated']),
    binary(r, 'MsMpEng.exe', 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\', MS, 'Microsoft Malware Protection', 'Antimalware Service Executable', ['']),
    binary(r, 'git.exe', 'C:\\Program Files\\Git\\cmd\\', 'The Git Development Community', 'Git', 'Git for Windows', ['status', 'fetch --all', 'log -n 20']),
    binary(r, 'Code.exe', 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\', MS, 'Visual Studio Code', 'Visual Studio Code', ['--type=renderer', '']),
    binary(r, 'notepad.exe', sys32, MS, WINDOWS, 'Notepad', ['C:\\Users\\{user}\\Documents\\notes.txt', '']),
    binary(r, 'WmiPrvSE.exe', sys32 + 'wbem\\', MS, WINDOWS, 'WMI Provider Host', ['-Embedding', '-secured -Embedding']),
    binary(r, 'msiexec.exe', sys32, MS, WINDOWS, 'Windows® installer', ['/V', '/i C:\\Windows\\Temp\\update-{n}.msi /qn']),
    binary(r, 'rundll32.exe', sys32, MS, WINDOWS, 'Windows host process (Rundll32)', ['C:\\Windows\\System32\\shell32.dll,SHCreateLocalServerRunDll {n}']),
    binary(r, 'dllhost.exe', sys32, MS, WINDOWS, 'COM Surrogate', ['/Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}']),
    binary(r, 'excel.exe', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\', MS, 'Microsoft Excel', 'Microsoft Excel', ['"C:\\Users\\{user}\\Downloads\\report-{n}.xlsx"', '']),
  ];
  const parents = [
    binary(r, 'explorer.exe', 'C:\\Windows\\', MS, WINDOWS, 'Windows Explorer', ['']),
    binary(r, 'services.exe', sys32, MS, WINDOWS, 'Services and Controller app', ['']),
    binary(r, 'svchost.exe', sys32, MS, WINDOWS, 'Host Process for Windows Services', ['-k netsvcs -p -s Schedule', '-k DcomLaunch -p']),
    binary(r, 'cmd.exe', sys32, MS, WINDOWS, 'Windows Command Processor', ['/c start.cmd']),
    binary(r, 'powershell.exe', sys32 + 'WindowsPowerShell\\v1.0\\', MS, WINDOWS, 'Windows PowerShell', ['-NoProfile']),
    binary(r, 'chrome.exe', 'C:\\Program Files\\Google\\Chrome\\Application\\', 'Google LLC', 'Google Chrome', 'Google Chrome', ['']),
    binary(r, 'userinit.exe', sys32, MS, WINDOWS, 'Userinit Logon Application', ['']),
    binary(r, 'wininit.exe', sys32, MS, WINDOWS, 'Windows Start-Up Application', ['']),
  ];
  const program = (vendor: string) => [`C:\\Program Files\\${vendor}\\`, `C:\\Program Files (x86)\\${vendor}\\`];
  const dropped = ['C:\\Users\\{user}\\Downloads\\', 'C:\\Users\\{user}\\AppData\\Local\\Temp\\', 'C:\\Windows\\Temp\\', 'C:\\ProgramData\\', 'C:\\Users\\Public\\'];
  const rmmTools: [string, string, string, string[], string[]][] = [
    ['AnyDesk.exe', 'AnyDesk Software GmbH', 'AnyDesk', ['--service', '--control', '--tray', '--install "C:\\Program Files (x86)\\AnyDesk" --start-with-win --silent'], [...program('AnyDesk'), ...dropped]],
    ['TeamViewer.exe', 'TeamViewer Germany GmbH', 'TeamViewer', ['', '--IPCport 5939 --Module 1', '-i'], [...program('TeamViewer'), ...dropped]],
    ['TeamViewer_Service.exe', 'TeamViewer Germany GmbH', 'TeamViewer', [''], program('TeamViewer')],
    ['ScreenConnect.ClientService.exe', 'ScreenConnect Software', 'ScreenConnect', ['"?e=Access&y=Guest&h=relay.example.net&p=8041&s={guid}"'], program('ScreenConnect Client (a1b2c3d4e5f6)')],
    ['ScreenConnect.WindowsClient.exe', 'ScreenConnect Software', 'ScreenConnect', ['"RunRole" "{guid}" "User"'], [...program('ScreenConnect Client (a1b2c3d4e5f6)'), ...dropped]],
    ['rustdesk.exe', 'Purslane Ltd', 'RustDesk', ['--service', '--tray', '--connect {n}', ''], [...program('RustDesk'), ...dropped]],
    ['SRService.exe', 'Splashtop Inc.', 'Splashtop Streamer', [''], program('Splashtop\\Splashtop Remote\\Server')],
    ['Splashtop_Streamer.exe', 'Splashtop Inc.', 'Splashtop Streamer', ['-h'], [...program('Splashtop\\Splashtop Remote\\Server'), ...dropped]],
    ['tvnserver.exe', 'GlavSoft LLC.', 'TightVNC', ['-service', '-run'], [...program('TightVNC'), ...dropped]],
    ['winvnc.exe', 'uvnc bvba', 'UltraVNC', ['-service', '-run'], [...program('uvnc bvba\\UltraVNC'), ...dropped]],
    ['LogMeIn.exe', 'LogMeIn, Inc.', 'LogMeIn', [''], program('LogMeIn\\x64')],
    ['AA_v3.exe', 'Ammyy LLC', 'Ammyy Admin', ['-outid {n}', ''], dropped],
    ['Supremo.exe', 'Nanosystems S.r.l.', 'Supremo', ['', '--service'], dropped],
    ['client32.exe', 'NetSupport Ltd', 'NetSupport Manager', ['/* /EmbeddedStartup'], ['C:\\ProgramData\\NetSupport\\', ...dropped]],
    ['remoting_host.exe', 'Google LLC', 'Chrome Remote Desktop', ['--type=daemon', '--type=host'], program('Google\\Chrome Remote Desktop\\126.0.6478.5')],
  ];
  const rmm: Binary[] = [];
  for (const [fileName, company, product, args, folders] of rmmTools) {
    for (const folder of folders) rmm.push(binary(r, fileName, folder, company, product, product, args));
  }
  const rmmParents = [
    parents[0], parents[1], parents[3], parents[4],
    binary(r, 'msiexec.exe', sys32, MS, WINDOWS, 'Windows® installer', ['/V']),
    binary(r, 'wscript.exe', sys32, MS, WINDOWS, 'Microsoft ® Windows Based Script Host', ['"C:\\Users\\{user}\\Downloads\\invoice.js"']),
    binary(r, 'mshta.exe', sys32, MS, WINDOWS, 'Microsoft (R) HTML Application host', ['"https://example.net/s.hta"']),
    binary(r, 'rundll32.exe', sys32, MS, WINDOWS, 'Windows host process (Rundll32)', ['C:\\Users\\Public\\x.dll,Start']),
  ];
  const departments = ['fin', 'hr', 'eng', 'ops', 'sales', 'it', 'legal'];
  const devices = Array.from({ length: 400 }, (_, i) => {
    const name = i < 40 ? `srv-${r.pick(['sql', 'web', 'app', 'dc', 'file'])}-${String(i).padStart(2, '0')}.contoso.local` : `wks-${r.pick(departments)}-${String(1000 + i)}.contoso.local`;
    return { id: r.hex(40), name };
  });
  const first = ['anna', 'ben', 'chloe', 'david', 'emma', 'farid', 'grace', 'hiro', 'ines', 'jonas', 'kate', 'liam', 'maria', 'noah', 'olga', 'pablo'];
  const last = ['smith', 'jones', 'garcia', 'muller', 'rossi', 'tanaka', 'novak', 'silva', 'khan', 'larsen'];
  const users = Array.from({ length: 500 }, (_, i) => {
    const name = `${r.pick(first)}.${r.pick(last)}${i % 7 === 0 ? String(i) : ''}`;
    return { name, domain: 'contoso', sid: `S-1-5-21-1004336348-1177238915-682003330-${1100 + i}`, upn: `${name}@contoso.com`, objectId: r.guid() };
  });
  users.push({ name: 'system', domain: 'nt authority', sid: 'S-1-5-18', upn: '', objectId: '' });
  return { ordinary, parents, rmm, rmmParents, devices, users };
}

// --- events ----------------------------------------------------------------------------------

function isoTime(ms: number, subTicks: number): string {
  return new Date(ms).toISOString().slice(0, 23) + String(subTicks).padStart(4, '0') + 'Z';
}

function fill(template: string, r: Random, user: string): string {
  return template.replaceAll('{user}', user).replaceAll('{n}', String(r.int(100_000))).replaceAll('{guid}', r.guid());
}

function quoted(path: string): string {
  return path.includes(' ') ? `"${path}"` : path;
}

/** When the generated events happen: by default the one day from GENERATED_DAY_START. */
export interface EventWindow {
  /** ISO datetime of the earliest event. */
  start: string;
  days: number;
}

const DEFAULT_WINDOW: EventWindow = { start: GENERATED_DAY_START, days: 1 };

/** Yields `count` events from `seed`; the same seed (and window) always gives the same events. */
export function* eventStream(count: number, seed: number, window: EventWindow = DEFAULT_WINDOW): Generator<EventRecord> {
  const startMs = Date.parse(window.start);
  const spanMs = window.days * DAY_MS;
  const r = new Random(seed);
  const world = buildWorld(r);
  for (let i = 0; i < count; i++) {
    const rmm = r.next() < RMM_RATE;
    const child = rmm ? r.pick(world.rmm) : r.pick(world.ordinary);
    const parent = rmm ? r.pick(world.rmmParents) : r.pick(world.parents);
    const device = r.pick(world.devices);
    const user = r.next() < 0.3 ? world.users[world.users.length - 1] : r.pick(world.users);
    const folder = child.folder.replaceAll('{user}', user.name);
    const parentFolder = parent.folder.replaceAll('{user}', user.name);
    const timeMs = startMs + r.int(spanMs);
    const subTicks = r.int(10_000);
    const parentStart = timeMs - r.int(3_600_000);
    const args = fill(r.pick(child.args), r, user.name);
    const parentArgs = fill(r.pick(parent.args), r, user.name);
    const system = user.name === 'system';
    const integrity = system ? 'System' : r.pick(['Medium', 'Medium', 'High']);
    const logonId = system ? 999 : 100_000 + r.int(900_000);
    const session = system ? 0 : 1 + r.int(4);
    const remote = !system && r.next() < 0.02;
    yield {
      Timestamp: isoTime(timeMs, subTicks),
      DeviceId: device.id,
      DeviceName: device.name,
      ActionType: 'ProcessCreated',
      FileName: child.fileName,
      FolderPath: folder + child.fileName,
      SHA1: child.sha1,
      SHA256: child.sha256,
      MD5: child.md5,
      FileSize: child.size,
      ProcessVersionInfoCompanyName: child.company,
      ProcessVersionInfoProductName: child.product,
      ProcessVersionInfoProductVersion: child.version,
      ProcessVersionInfoInternalFileName: child.fileName.replace(/\.exe$/i, ''),
      ProcessVersionInfoOriginalFileName: child.fileName,
      ProcessVersionInfoFileDescription: child.description,
      ProcessId: 4 + 4 * r.int(16_000),
      ProcessCommandLine: (quoted(child.fileName) + ' ' + args).trim(),
      ProcessIntegrityLevel: integrity,
      ProcessTokenElevation: integrity === 'High' ? 'TokenElevationTypeFull' : 'TokenElevationTypeDefault',
      ProcessCreationTime: isoTime(timeMs, subTicks),
      AccountDomain: user.domain,
      AccountName: user.name,
      AccountSid: user.sid,
      AccountUpn: user.upn,
      AccountObjectId: user.objectId,
      LogonId: logonId,
      InitiatingProcessAccountDomain: user.domain,
      InitiatingProcessAccountName: user.name,
      InitiatingProcessAccountSid: user.sid,
      InitiatingProcessAccountUpn: user.upn,
      InitiatingProcessAccountObjectId: user.objectId,
      InitiatingProcessLogonId: logonId,
      InitiatingProcessIntegrityLevel: integrity,
      InitiatingProcessTokenElevation: 'TokenElevationTypeDefault',
      InitiatingProcessSHA1: parent.sha1,
      InitiatingProcessSHA256: parent.sha256,
      InitiatingProcessMD5: parent.md5,
      InitiatingProcessFileName: parent.fileName,
      InitiatingProcessFileSize: parent.size,
      InitiatingProcessVersionInfoCompanyName: parent.company,
      InitiatingProcessVersionInfoProductName: parent.product,
      InitiatingProcessVersionInfoProductVersion: parent.version,
      InitiatingProcessVersionInfoInternalFileName: parent.fileName.replace(/\.exe$/i, ''),
      InitiatingProcessVersionInfoOriginalFileName: parent.fileName,
      InitiatingProcessVersionInfoFileDescription: parent.description,
      InitiatingProcessId: 4 + 4 * r.int(16_000),
      InitiatingProcessCommandLine: (quoted(parent.fileName) + ' ' + parentArgs).trim(),
      InitiatingProcessCreationTime: isoTime(parentStart, 0),
      InitiatingProcessFolderPath: parentFolder + parent.fileName,
      InitiatingProcessParentId: 4 + 4 * r.int(16_000),
      InitiatingProcessParentFileName: parent.fileName === 'explorer.exe' ? 'userinit.exe' : 'services.exe',
      InitiatingProcessParentCreationTime: isoTime(parentStart - r.int(86_400_000), 0),
      InitiatingProcessSignerType: parent.company === MS ? 'OsVendor' : 'ThirdParty',
      InitiatingProcessSignatureStatus: 'Valid',
      ReportId: i + 1,
      AppGuardContainerId: '',
      AdditionalFields: r.next() < 0.1 ? JSON.stringify({ ProcessStartKey: String(r.int(1e9)), ElevationType: integrity }) : '',
      InitiatingProcessSessionId: session,
      IsInitiatingProcessRemoteSession: remote,
      InitiatingProcessRemoteSessionDeviceName: remote ? r.pick(world.devices).name : '',
      InitiatingProcessRemoteSessionIP: remote ? `10.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}` : '',
      CreatedProcessSessionId: session,
      IsProcessRemoteSession: remote,
      ProcessRemoteSessionDeviceName: '',
      ProcessRemoteSessionIP: '',
      ProcessUniqueId: String(1_000_000 + i),
      InitiatingProcessUniqueId: String(r.int(1_000_000)),
      LogonID: logonId,
    };
  }
}

/** `count` events as plain records (datetimes as ISO text). */
export function generateEvents(count: number, seed: number): EventRecord[] {
  return [...eventStream(count, seed)];
}

/**
 * `count` events as a typed columnar table (datetimes as ticks), built column by column while the
 * events stream by, so a million events never exist as a million objects.
 */
export function generateEventTable(count: number, seed: number, columns: readonly string[] = DEVICE_PROCESS_EVENTS_SCHEMA.map((c) => c.name)): Table {
  const schema = DEVICE_PROCESS_EVENTS_SCHEMA.filter((c) => columns.includes(c.name));
  const arrays: Record<string, Value[]> = Object.fromEntries(schema.map((c) => [c.name, new Array<Value>(count)]));
  let row = 0;
  for (const event of eventStream(count, seed)) {
    for (const column of schema) {
      const value = event[column.name];
      arrays[column.name][row] = column.type === 'datetime' ? parseDateTime(value as string) : value;
    }
    row++;
  }
  return columnarTable(schema, arrays, count);
}

/** Writes `lines` to `out` in 1 MB chunks, so a million events never sit in memory as one string. */
export function writeLines(out: string, lines: Iterable<string>): void {
  mkdirSync(dirname(out), { recursive: true });
  const fd = openSync(out, 'w');
  try {
    let chunk = '';
    for (const line of lines) {
      chunk += line;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/** Writes `count` events from `seed` as JSON Lines to `out`, with every column or only `columns`. */
export function writeEventsJsonl(count: number, seed: number, out: string, columns?: readonly string[], window?: EventWindow): void {
  writeLines(out, (function* () {
    for (const event of eventStream(count, seed, window)) {
      yield JSON.stringify(columns ? Object.fromEntries(columns.map((name) => [name, event[name]])) : event) + '\n';
    }
  })());
}

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
}

if (basename(process.argv[1] ?? '') === 'generate-events.ts') {
  const args = process.argv.slice(2);
  const count = Number(option(args, '--count', '1000000'));
  const seed = Number(option(args, '--seed', '1'));
  const out = option(args, '--out', `bench/.data/events-${count}.jsonl`);
  const columns = option(args, '--columns', '');
  const window = { start: option(args, '--start', GENERATED_DAY_START), days: Number(option(args, '--days', '1')) };
  const started = Date.now();
  writeEventsJsonl(count, seed, out, columns ? columns.split(',') : undefined, window);
  console.log(`wrote ${count} events (seed ${seed}) to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
