// Generates server/src/catalog/rmm-catalog.json from the LOLRMM YAML files (Apache-2.0, see NOTICE).
//
//   node scripts/generate-catalog.mjs [path/to/lolrmm/yaml]
//
// LOLRMM is hand-written and uneven (see data/lolrmm/README.md). This script turns it into
// a small, typed catalog the rules can trust: lowercase binary basenames without arguments,
// wildcards kept apart as patterns, prose/hashes/placeholders dropped, each binary marked strong
// (PE metadata, installation paths, disk or event-log artifacts) or weak (code signing or hashes
// only), near-duplicate tools merged into one family, and every list sorted so the output is stable.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = process.argv[2] ?? join(root, 'data', 'lolrmm', 'yaml');
const outputFile = join(root, 'server', 'src', 'catalog', 'rmm-catalog.json');
const SOURCE = { name: 'LOLRMM', repository: 'magicsword-io/LOLRMM', commit: '3c75cf091b10bf7e8ecd576055c44d172b35ff21', license: 'Apache-2.0' };

// Files that describe the same product: file stem → the stem of the file that names the family.
const MERGES = {
  ultra_vnc: 'ultravnc',
  vnc_connect: 'realvnc',
  'beyondtrust_(bomgar)': 'beyondtrust',
  'ninjaone_(formerly_ninjarmm)': 'ninjarmm',
  microsoft_quick_assist: 'quickassist',
  connectwise_control: 'screenconnect',
  instanthousecall: 'instant_housecall',
  isl_online: 'isl_light',
  islonline: 'isl_light',
  itsupport247connectwise: 'itsupport247_(connectwise)',
  'level.io': 'level',
  levelio: 'level',
  lite_manager: 'litemanager',
  'mionet_(also_known_as_wd_anywhere_access)': 'mionet_(wd_anywhere_access)',
  'n-ableadvancedmonitoringagent': 'n-able_advanced_monitoring_agent',
  'netop_remote_control_(aka_impero_connect)': 'netop',
  'netop_remote_control_(impero_connect)': 'netop',
  'netviewer_(gotomeet)': 'netviewer',
  'pocket_controller_(soti_xsight)': 'pocket_controller',
  remoteutilities: 'remote_utilities',
  'remote_desktop_manager_(devolutions)': 'devolutions_remote_desktop_manager',
  splashtop_remote: 'splashtop',
  splashtopbeta: 'splashtop',
  'gotoassist_(goto_resolve)': 'gotoassist',
  labteachconnectwiseautomate: 'connectwise_automate_(labtech)',
  'labtech_rmm_(now_connectwise_automate)': 'connectwise_automate_(labtech)',
  'manage_engine_(desktop_central)': 'manageengine',
  'pandora_rc_(ehorus)': 'ehorus',
  taniumdeploy: 'tanium',
  updatesimplehelp: 'simplehelp',
  'visual_studio_dev_tunnel': 'dev_tunnels_(aka_visual_studio_dev_tunnel)',
};

// Display names for merged families whose first file's name is not the product's current name.
const FAMILY_NAMES = {
  ninjarmm: 'NinjaOne',
  beyondtrust: 'BeyondTrust (Bomgar)',
  quickassist: 'Microsoft Quick Assist',
  realvnc: 'RealVNC',
  ultravnc: 'UltraVNC',
  screenconnect: 'ScreenConnect',
  splashtop: 'Splashtop',
  isl_light: 'ISL Online',
  level: 'Level',
};

// LOLRMM only says RMM or RAT. Tunnels, file transfer and remote shells are tools a remote-desktop
// detection usually does not mean to cover, so they get their own categories (off by default).
const CATEGORY_OVERRIDES = {
  tunnel: ['cloudflare_tunnel', 'dev_tunnels_(aka_visual_studio_dev_tunnel)', 'localxpose', 'netbird', 'ngrok', 'pitunnel', 'rdp2tcp', 'remote.it', 'tailscale', 'tmate', 'zerotier'],
  'file-transfer': ['beinsync', 'dragondisk', 'duplicati', 'idrive', 'insync', 'koofr', 'megasync', 'multcloud', 'nordlocker', 'onionshare', 's3_browser', 'smartftp', 'syncthing', 'winscp', 'yandex.disk'],
  // Remote-desktop clients that ship with Windows: a detection of third-party tools does not mean them.
  'os-builtin': ['mstsc'],
  'remote-shell': ['bitvise_ssh_client', 'bitvise_ssh_server', 'chrome_ssh_extension', 'extraputty', 'kitty', 'mobaxterm', 'putty', 'putty_tray', 'securecrt', 'smartty', 'solar-putty', 'superputty', 'xshell', 'zoc'],
};

// The families seen most often in incident reports and MSP fleets, most common first. Used to pick
// "the N most common families" a detection misses; every other family follows alphabetically.
const PREVALENCE = [
  'anydesk', 'screenconnect', 'teamviewer', 'atera', 'splashtop', 'ninjarmm', 'connectwise_automate_(labtech)', 'kaseya',
  'meshcentral', 'simplehelp', 'action1', 'beyondtrust', 'logmein', 'gotoassist', 'remotepc', 'tactical_rmm', 'zohoassist',
  'quickassist', 'netsupport_manager', 'rustdesk', 'ammyyadmin', 'ultravnc', 'tightvnc', 'realvnc', 'chrome_remote_desktop',
  'supremo', 'remote_utilities', 'pulseway', 'n-able_advanced_monitoring_agent', 'syncro', 'level', 'dameware', 'radmin',
  'litemanager', 'fleetdeck', 'todesk', 'sunlogin', 'ultraviewer', 'aeroadmin', 'isl_light',
];

// Names Windows or countless installers also use: a detection listing them would fire on every
// machine, so they are kept as weak names only, whatever their source.
const GENERIC_NAMES = new Set([
  '7z.exe', 'agent.exe', 'connect.exe', 'dwm.exe', 'installer.exe', 'installshield setup.exe', 'msiexec.exe', 'rundll32.exe',
  'sc.exe', 'setup.exe', 'tar.exe', 'teams.exe', 'update.exe',
]);
/** A name in this many families or more is not evidence of any one of them. */
const SHARED_BY = 3;

const EXECUTABLE = /\.(exe|scr|com)$/;
const HEX_STEM = /^[0-9a-f]{32,}$/;

function main() {
  const files = readdirSync(sourceDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const families = new Map();
  for (const file of files) {
    const stem = file.replace(/\.ya?ml$/, '');
    const doc = YAML.parse(readFileSync(join(sourceDir, file), 'utf8'));
    const id = familyId(MERGES[stem] ?? stem);
    let family = families.get(id);
    if (!family) {
      family = { id, name: '', category: '', sources: [], strong: new Set(), weak: new Set(), patterns: new Set(), installPaths: new Set(), signers: new Set(), domains: new Set() };
      families.set(id, family);
    }
    collect(family, stem, doc);
  }
  demoteGenericNames([...families.values()]);
  const output = {
    source: SOURCE,
    generatedBy: 'scripts/generate-catalog.mjs',
    families: [...families.values()].map(finish).sort((a, b) => a.id.localeCompare(b.id)),
  };
  writeFileSync(outputFile, JSON.stringify(output, null, 1) + '\n');
  const binaries = output.families.reduce((n, f) => n + f.binaries.length, 0);
  console.log(`${files.length} files → ${output.families.length} families, ${binaries} strong binaries → ${outputFile}`);
}

function demoteGenericNames(families) {
  const owners = new Map();
  for (const family of families) for (const name of family.strong) owners.set(name, (owners.get(name) ?? 0) + 1);
  for (const family of families) {
    for (const name of [...family.strong]) {
      if (!GENERIC_NAMES.has(name) && owners.get(name) < SHARED_BY) continue;
      family.strong.delete(name);
      family.weak.add(name);
    }
  }
}

function familyId(stem) {
  return stem.replace(/[^a-z0-9.+-]+/gi, '_').replace(/^_+|_+$/g, '').toLowerCase();
}

function collect(family, stem, doc) {
  const canonical = (MERGES[stem] ?? stem) === stem;
  if (canonical || !family.name) family.name = FAMILY_NAMES[familyId(stem)] ?? String(doc.Name ?? stem).trim();
  family.sources.push(stem);
  const override = Object.entries(CATEGORY_OVERRIDES).find(([, stems]) => stems.includes(MERGES[stem] ?? stem));
  family.category = override ? override[0] : String(doc.Category ?? 'RMM').toLowerCase();

  const details = doc.Details ?? {};
  const artifacts = doc.Artifacts ?? {};
  for (const pe of asList(details.PEMetadata)) {
    for (const key of ['Filename', 'OriginalFileName', 'InternalName']) addBinary(family, pe?.[key], 'strong');
  }
  for (const path of [...asList(details.InstallationPaths), ...asList(artifacts.InstallationPaths), ...asList(doc.InstallationPaths)]) {
    addBinary(family, path, 'strong');
    const folder = cleanPath(path);
    if (folder) family.installPaths.add(folder);
  }
  for (const disk of asList(artifacts.Disk)) addBinary(family, disk?.File, 'strong');
  for (const event of asList(artifacts.EventLog)) {
    for (const key of ['ImagePath', 'NewProcessName', 'ServiceFileName']) addBinary(family, event?.[key], 'strong');
  }
  for (const network of asList(artifacts.Network)) {
    for (const domain of asList(network?.Domains)) {
      const clean = cleanDomain(domain);
      if (clean) family.domains.add(clean);
    }
  }
  const signing = doc.CodeSigning ?? {};
  for (const cert of asList(signing.certificates)) {
    addSigner(family, cert?.signer_name);
    addBinary(family, cert?.src_file_path, 'weak');
  }
  for (const signer of asList(signing.signer_names)) addSigner(family, signer);
  for (const name of asList(signing.search_names)) addBinary(family, name, 'weak');
  const hashes = doc.FileHashes ?? {};
  for (const entry of [...asList(hashes.authenticode), ...asList(hashes.page)]) addBinary(family, entry?.file_name, 'weak');
}

function asList(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The lowercase executable basename in `raw` (a name, a path, or a command line), or undefined. */
function binaryName(raw) {
  if (typeof raw !== 'string') return undefined;
  let text = raw.trim();
  const quoted = /^"([^"]*)"/.exec(text);
  if (quoted) text = quoted[1];
  else {
    // Strip arguments: cut after the first executable extension.
    const exe = /\.(exe|scr|com)\b/i.exec(text);
    if (exe) text = text.slice(0, exe.index + exe[0].length);
  }
  const name = text.split(/[\\/]+/).pop().trim().toLowerCase();
  if (!EXECUTABLE.test(name)) return undefined;
  const stem = name.replace(EXECUTABLE, '');
  // Placeholders (`%binary_path%`, `<id>`), prose, hashes and bare wildcards are not names.
  if (!stem || /[%<>{}|"]/.test(name) || HEX_STEM.test(stem) || stem.split(' ').length > 3) return undefined;
  if (/^[*?. ]+$/.test(stem)) return undefined;
  return name;
}

function addBinary(family, raw, strength) {
  const name = binaryName(raw);
  if (!name) return;
  if (/[*?]/.test(name)) {
    if (strength === 'strong') family.patterns.add(name);
  } else (strength === 'strong' ? family.strong : family.weak).add(name);
}

/** An installation folder or path with single backslashes, or undefined for prose and bare names. */
function cleanPath(raw) {
  if (typeof raw !== 'string') return undefined;
  const path = raw.trim().replace(/\\\\/g, '\\');
  if (!/[\\/]/.test(path) || path.split(' ').length > 8 || /can'?t|unknown|n\/a/i.test(path)) return undefined;
  return path;
}

function cleanDomain(raw) {
  if (typeof raw !== 'string') return undefined;
  const domain = raw.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/[:/].*$/, '');
  if (!domain.includes('.') || /\s|user_managed|^n\/?a$/.test(domain) || /^[\d.]+$/.test(domain)) return undefined;
  return domain;
}

function addSigner(family, raw) {
  if (typeof raw !== 'string') return;
  const signer = raw.trim();
  if (signer && signer.toLowerCase() !== 'n/a') family.signers.add(signer);
}

function finish(family) {
  const strong = [...family.strong].sort();
  const rank = PREVALENCE.indexOf(family.id);
  const result = {
    id: family.id,
    name: family.name,
    category: family.category,
    binaries: strong,
    weakBinaries: [...family.weak].filter((b) => !family.strong.has(b)).sort(),
    patterns: [...family.patterns].sort(),
    installPaths: [...family.installPaths].sort(),
    signers: [...new Map([...family.signers].map((s) => [s.toLowerCase(), s])).values()].sort(),
    domains: [...family.domains].sort(),
    sources: family.sources.sort(),
  };
  if (rank >= 0) result.rank = rank + 1;
  return result;
}

main();
