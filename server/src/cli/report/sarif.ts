// Lint findings as a SARIF 2.1.0 log, the format GitHub code scanning uploads.

import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../../kusto/analyze';
import { ruleById } from '../../rules/registry';
import type { LocatedFinding } from '../commands/lint';
import { VERSION } from '../version';

/** Where the rule docs (`docs/rules/<id>.md`) are published; SARIF viewers link each rule there. */
export const RULE_DOCS_URL = 'https://github.com/kql-detect/kql-detect/blob/main/docs/rules/';
/** Kusto.Language's diagnostics have no page per code; link the KQL reference instead. */
const KUSTO_DOCS_URL = 'https://learn.microsoft.com/kusto/query/';

export function toSarif(findings: LocatedFinding[], files: string[]): Log {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of findings) {
    if (ruleIndex.has(finding.code)) continue;
    ruleIndex.set(finding.code, rules.length);
    rules.push({
      id: finding.code,
      name: finding.source === 'kusto' ? `kusto/${finding.code}` : finding.code,
      // Kusto's codes have no catalogue of descriptions: their first message stands for them.
      shortDescription: { text: (finding.source === 'kql-detect' ? ruleById(finding.code)?.summary : undefined) ?? finding.message },
      helpUri: finding.source === 'kusto' ? KUSTO_DOCS_URL : `${RULE_DOCS_URL}${finding.code}.md`,
      properties: { source: finding.source },
    });
  }
  const results: Result[] = findings.map((finding) => ({
    ruleId: finding.code,
    ruleIndex: ruleIndex.get(finding.code),
    level: level(finding.severity),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: location(finding.file),
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        },
      },
    ],
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'kql-detect', version: VERSION, informationUri: RULE_DOCS_URL.replace(/blob\/main\/docs\/rules\/$/, ''), rules } },
        artifacts: files.map((file) => ({ location: location(file) })),
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
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
