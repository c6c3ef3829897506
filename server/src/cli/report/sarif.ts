// Lint findings as a SARIF 2.1.0 log, the format GitHub code scanning uploads.
//
// Links come only from the package's own metadata: a rule's `helpUri` points at its doc in the
// repository package.json names, and when it names none there is no link. Either way each
// detection rule carries its documentation (docs/rules/<id>.md) as `help`, so a viewer shows it
// without any link.

import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import packageJson from '../../../../package.json';
import type { Severity } from '../../kusto/analyze';
import { ruleDocPath } from '../../rules/rule';
import { ruleById } from '../../rules/registry';
import type { FileScore, LocatedFinding } from '../commands/lint';
import { VERSION } from '../version';
import { bundledRuleDoc } from './ruleDocs';

/** The package.json fields links may come from (npm's `repository` and `homepage`). */
export interface PackageLinks {
  repository?: unknown;
  homepage?: unknown;
}

export interface SarifSources {
  package: PackageLinks;
  /** The markdown of a detection rule's doc, when known. */
  ruleDoc(id: string): string | undefined;
}

const BUNDLED: SarifSources = { package: packageJson as PackageLinks, ruleDoc: bundledRuleDoc };

export function toSarif(findings: LocatedFinding[], files: string[], sources: SarifSources = BUNDLED, scores: FileScore[] = []): Log {
  const repository = repositoryWebUrl(sources.package.repository);
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of findings) {
    if (ruleIndex.has(finding.code)) continue;
    ruleIndex.set(finding.code, rules.length);
    const isRule = finding.source === 'kql-detect';
    const weight = isRule ? ruleById(finding.code)?.costWeight : undefined;
    const doc = isRule ? sources.ruleDoc(finding.code) : undefined;
    rules.push({
      id: finding.code,
      name: isRule ? finding.code : `kusto/${finding.code}`,
      // Kusto's codes have no catalogue of descriptions: their first message stands for them.
      shortDescription: { text: (isRule ? ruleById(finding.code)?.summary : undefined) ?? finding.message },
      ...(doc === undefined ? {} : { help: { text: doc, markdown: doc } }),
      ...(isRule && repository ? { helpUri: `${repository.blob}${ruleDocPath(finding.code)}` } : {}),
      properties: { source: finding.source, ...(weight ? { costWeight: weight } : {}) },
    });
  }
  const results: Result[] = findings.map((finding) => ({
    ruleId: finding.code,
    ruleIndex: ruleIndex.get(finding.code),
    level: level(finding.severity),
    message: { text: finding.message },
    ...(finding.baselineState ? { baselineState: finding.baselineState } : {}),
    ...(finding.weight ? { properties: { costWeight: finding.weight } } : {}),
    locations: [
      {
        physicalLocation: {
          artifactLocation: location(finding.file),
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        },
      },
    ],
  }));
  const informationUri = webUrl(sources.package.homepage) ?? repository?.home;
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'kql-detect', version: VERSION, ...(informationUri ? { informationUri } : {}), rules } },
        // Each file's cost score (the sum of its query-cost findings' weights) as an artifact property.
        artifacts: files.map((file) => {
          const score = scores.find((s) => s.file === file)?.costScore;
          return { location: location(file), ...(score === undefined ? {} : { properties: { costScore: score } }) };
        }),
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/**
 * The GitHub pages of npm's `repository` field (`"owner/repo"`, `"github:owner/repo"`, a git URL,
 * or `{ url, directory }`): the repository's home, and the prefix of its files on the default
 * branch. Other hosts lay out their file pages differently, so they give no links.
 */
export function repositoryWebUrl(repository: unknown): { home: string; blob: string } | undefined {
  const field = typeof repository === 'string' ? { url: repository } : typeof repository === 'object' && repository !== null ? (repository as Record<string, unknown>) : {};
  if (typeof field.url !== 'string') return undefined;
  const url = field.url.trim();
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(url);
  const git = /^(?:git\+)?(?:https?:\/\/|git:\/\/|ssh:\/\/git@|git@)github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(url);
  const path = shorthand?.[1] ?? git?.[1];
  if (!path) return undefined;
  const home = `https://github.com/${path}`;
  const directory = typeof field.directory === 'string' ? field.directory.replace(/^\/+|\/+$/g, '') : '';
  return { home, blob: `${home}/blob/HEAD/${directory ? `${directory.split('/').map(encodeURIComponent).join('/')}/` : ''}` };
}

function webUrl(value: unknown): string | undefined {
  return typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value) ? value : undefined;
}

function level(severity: Severity): Result.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** Where a file is, for SARIF: relative to the folder the check ran in (%SRCROOT%), else absolute. */
function location(path: string): { uri: string; uriBaseId?: string } {
  const inside = relative(process.cwd(), path);
  if (isAbsolute(inside) || inside.startsWith('..')) return { uri: pathToFileURL(path).href };
  return { uri: inside.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
