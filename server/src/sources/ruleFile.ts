// Which files are detections besides `.kql` documents, and their embedded queries: a Sentinel
// analytic rule in YAML, an ARM template's alert rules, a Defender custom detection (Graph JSON).

import { parseAnalyticRuleYaml, type AnalyticRuleYaml } from './analyticRuleYaml';
import type { EmbeddedQuery } from './embeddedQuery';
import { isSpecFileName } from '../testing/discover';
import { parseJsonRuleFile, type JsonRuleFile } from './jsonRules';

export type RuleFileKind = 'analytic-rule' | 'arm-template' | 'graph-detection-rule';

export interface RuleFile {
  kind: RuleFileKind;
  /** The detections' queries, in file order; undefined where a query could not be read exactly. */
  queries: (EmbeddedQuery | undefined)[];
  /** Problems reading the file (YAML syntax, unmappable scalars, ARM expressions), in host offsets. */
  problems: { start: number; end: number; message: string }[];
  yaml?: AnalyticRuleYaml;
  json?: JsonRuleFile;
}

const YAML_FILE = /\.ya?ml$/i;
const JSON_FILE = /\.json$/i;

/** True when a file of this name may hold a rule (its content decides); test specs are YAML too, but never rules. */
export function mayBeRuleFile(fileName: string): boolean {
  return (YAML_FILE.test(fileName) && !isSpecFileName(fileName)) || JSON_FILE.test(fileName);
}

/** The file's detections, or undefined when it is not a rule file. Never throws on user input. */
export function readRuleFile(fileName: string, text: string): RuleFile | undefined {
  if (!mayBeRuleFile(fileName)) return undefined;
  if (YAML_FILE.test(fileName)) {
    const yaml = parseAnalyticRuleYaml(text);
    return yaml && { kind: 'analytic-rule', queries: [yaml.query], problems: yaml.problems, yaml };
  }
  const json = parseJsonRuleFile(text);
  return json && { kind: json.kind, queries: json.rules.map((r) => r.query), problems: json.problems, json };
}
