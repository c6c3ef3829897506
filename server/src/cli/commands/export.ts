// `kql-detect export`: a rule file written in another of the formats a detection is kept in
// (Sentinel analytic-rule YAML, ARM template, Defender custom detection), through
// `analyticRules/convert.ts`. What the target cannot hold is said on stderr.

import { writeFileSync } from 'node:fs';
import { EXPORT_FORMATS, exportRule, ruleFields } from '../../analyticRules/convert';
import { choice, detectionArgument, parse } from '../args';
import { BLOCK_HELP, commandQuery } from '../detection';
import { EXIT_OK, UsageError } from '../exit';
import type { Output } from '../output';

export const EXPORT_HELP = `Usage: kql-detect export <rule file> --to yaml|arm|graph [options]

Writes a rule in another format: a Sentinel analytic rule (yaml), an ARM template with one
Microsoft.SecurityInsights alert rule (arm: displayName for name, PT1H for 1h, GreaterThan for gt,
techniques and subTechniques for relevantTechniques, a GUID resource name, a pinned apiVersion)
or a Defender custom detection (graph: the Graph detectionRule, schedule.period from
queryFrequency, alertTemplate and impactedAssets from the rule's fields). The rule file is any of
the three. Fields the target has no place for are named on stderr; an ARM template keeps the YAML
fields an alert rule has no property for in its metadata, so it converts back whole.

Options:
  --to yaml|arm|graph        the format to write
  --output FILE              write to FILE instead of stdout
  ${BLOCK_HELP}
  -h, --help                 show this help

Exit codes: 0 written, 2 bad arguments, an unreadable file, a file that is no rule, or a rule the
target cannot express (a custom detection's period for an arbitrary frequency).
`;

export function exportCommand(args: string[], output: Output): number {
  const { values, positionals } = parse(args, { to: { type: 'string' }, output: { type: 'string' }, block: { type: 'string' } }, 'export');
  if (values.help) {
    output.out(EXPORT_HELP);
    return EXIT_OK;
  }
  const { detection, rest } = detectionArgument(positionals, 'export');
  if (rest.length > 0) throw new UsageError('export takes one rule file (see kql-detect export --help)');
  if (values.to === undefined) throw new UsageError('export needs --to yaml|arm|graph');
  const format = choice(values.to, EXPORT_FORMATS, 'yaml', 'to');
  const { query, resolved } = commandQuery(detection, values.block, undefined);
  const rule = resolved.detection.rule;
  if (!rule) throw new UsageError(`${detection}: export converts rule files (analytic-rule YAML, ARM templates, custom detections), not .kql files`);
  // The chosen query's rule: queries that could not be read are not among the detection's.
  const readable = rule.queries.flatMap((q, i) => (q ? [i] : []));
  const exported = exportRule(ruleFields(rule, readable[query.index]!), format);
  if ('error' in exported) throw new UsageError(`${detection}: ${exported.error}`);
  for (const note of exported.notes) output.err(`${detection}: note: ${note}\n`);
  if (values.output) writeFileSync(values.output, exported.text);
  else output.out(exported.text);
  return EXIT_OK;
}
