// Builds examples/rmm/remote-desktop-software.improved.kql from the tuned detection with the
// product's own actions, nothing edited by hand:
//  1. the rules' quick fixes: lint, apply the fix chosen for the first finding of the first rule in
//     FIX_PLAN that has one, lint again, until no planned fix applies;
//  2. the tuning actions: the preferred exclusion for each documented false positive (an `fp` case
//     of the seed's spec) that the wider detection now alerts on.
//
//   npx tsx scripts/improve-example.ts           writes the improved detection
//   npx tsx scripts/improve-example.ts --check   fails when the committed file differs

import { readFileSync, writeFileSync } from 'node:fs';
import { environmentFor } from '../server/src/kusto/environment';
import type { Environment } from '../server/src/kusto/globals';
import { fileHost } from '../server/src/preview/fileHost';
import { applyEdits } from '../server/src/rules/edits';
import { fixesFor, lintDocument, type Finding, type Fix } from '../server/src/rules/lint';
import { fileSpecHost } from '../server/src/testing/fileHost';
import { loadSpec } from '../server/src/testing/load';
import { exclusionEdit, knownFalsePositives, rankedProposals, TestBench, type ImpactSources } from '../server/src/tuning/index';

const TUNED = 'examples/rmm/remote-desktop-software.tuned.kql';
/** The seed's spec: its `fp` cases are the documented false positives, its `tp` cases what must stay. */
const SEED_SPEC = 'examples/rmm/remote-desktop-software.test.yaml';
export const IMPROVED = 'examples/rmm/remote-desktop-software.improved.kql';

interface PlannedFix {
  rule: string;
  /** Only the rule's findings with this message id (all when absent). */
  messageId?: string;
  /** Which of the finding's fixes to apply, if any. */
  choose(fixes: Fix[]): Fix | undefined;
  /** Apply at most once (a summary finding whose fix would otherwise keep adding families). */
  once?: boolean;
}

const preferred = (fixes: Fix[]) => fixes.find((fix) => fix.isPreferred);
const titled = (pattern: RegExp) => (fixes: Fix[]) => fixes.find((fix) => pattern.test(fix.title));

/**
 * In order: real names for misspelt entries first (so later fixes classify the real name), then
 * the classifier's fall-throughs, the covered families' missing binaries, the most common
 * uncovered families (Atera among them), the has-term pitfalls left after that, and last the
 * filter's stems, so that the stems the filter lets through are the classifier's final ones.
 */
const FIX_PLAN: PlannedFix[] = [
  // "Did you mean …": an entry with a close real name. One without stays as the author wrote it.
  { rule: 'rmm-unknown-binary', messageId: 'misspelt', choose: preferred },
  { rule: 'classifier-fallthrough', choose: preferred },
  { rule: 'rmm-missing-binary', choose: titled(/^Add all \d+ missing binaries/) },
  // With one family left to complete the rule offers no "all" fix, only that family's.
  { rule: 'rmm-missing-binary', choose: preferred },
  { rule: 'rmm-uncovered-family', choose: titled(/^Add the \d+ most common uncovered families/), once: true },
  { rule: 'term-match-pitfall', choose: preferred },
  { rule: 'filter-classifier-mismatch', choose: (fixes) => fixes[0] },
];

/** Enough for every fix the plan can make on the example; more means a fix does not converge. */
const MAX_STEPS = 100;

export interface Improvement {
  text: string;
  /** The title of each fix applied, in order. */
  applied: string[];
}

/** Where the tuning step measures exclusions: the sample events and the tests it must keep passing. */
export type TuningSources = ImpactSources & { tests: TestBench };

export function improveDetection(start: string, environment: Environment, tuning: TuningSources): Improvement {
  const fixed = applyRuleFixes(start, environment);
  const tuned = excludeFalsePositives(fixed.text, tuning);
  return { text: tuned.text, applied: [...fixed.applied, ...tuned.applied] };
}

function applyRuleFixes(start: string, environment: Environment): Improvement {
  let text = start;
  let findings = lintDocument(text, environment).findings;
  const applied: string[] = [];
  const used = new Set<PlannedFix>();
  for (let step = 0; step < MAX_STEPS; step++) {
    const next = nextFix(text, findings, environment, used);
    if (!next) return { text, applied };
    const fixed = applyEdits(text, next.fix.edits);
    const fixedFindings = lintDocument(fixed, environment).findings;
    if (errorCount(fixedFindings) > errorCount(findings)) throw new Error(`"${next.fix.title}" (${next.plan.rule}) introduced an error`);
    text = fixed;
    findings = fixedFindings;
    if (next.plan.once) used.add(next.plan);
    applied.push(`${next.plan.rule}: ${next.fix.title}`);
  }
  throw new Error(`the fixes did not converge in ${MAX_STEPS} steps`);
}

function nextFix(text: string, findings: Finding[], environment: Environment, used: Set<PlannedFix>): { plan: PlannedFix; fix: Fix } | undefined {
  for (const plan of FIX_PLAN) {
    if (used.has(plan)) continue;
    for (const finding of findings.filter((f) => f.code === plan.rule && (plan.messageId === undefined || f.messageId === plan.messageId))) {
      const fix = plan.choose(fixesFor(text, finding, environment));
      if (fix) return { plan, fix };
    }
  }
  return undefined;
}

function errorCount(findings: Finding[]): number {
  return findings.filter((f) => f.severity === 'error').length;
}

/** Applies, one false positive at a time, the exclusion the light bulb would prefer for it. */
function excludeFalsePositives(start: string, sources: TuningSources): Improvement {
  let text = start;
  const applied: string[] = [];
  for (let step = 0; step < MAX_STEPS; step++) {
    const [falsePositive] = knownFalsePositives(text, sources.tests);
    if (!falsePositive) return { text, applied };
    const best = rankedProposals(text, falsePositive.event, sources).find((proposal) => proposal.preferred);
    if (!best) throw new Error(`no exclusion keeps every true positive for "${falsePositive.caseName}"`);
    const reason = falsePositive.caseName.replace(/^FP: /, '');
    const edit = exclusionEdit(text, { ...best.exclusion, comment: `${best.exclusion.comment}: ${reason}` }, sources.environment);
    if (!('text' in edit)) throw new Error(`the exclusion for "${falsePositive.caseName}" cannot be written: ${JSON.stringify(edit)}`);
    text = edit.text;
    applied.push(`tuning: ${best.title}`);
  }
  throw new Error(`the exclusions did not converge in ${MAX_STEPS} steps`);
}

/** The seed spec's tests and sample events, as the light bulb measures an exclusion's impact. */
function tuningSources(environment: Environment): TuningSources {
  const spec = loadSpec(readFileSync(SEED_SPEC, 'utf8'), SEED_SPEC).spec;
  if (!spec) throw new Error(`${SEED_SPEC} does not load`);
  const table = 'DeviceProcessEvents';
  const files = spec.tables.get(table)?.files?.map((file) => `examples/rmm/${file}`) ?? [];
  const schema = environment.tables.find((t) => t.name === table)!.columns.map((c) => ({ name: c.name, type: c.type as 'string' }));
  const provider = fileHost.loadEvents([{ table, files, schema }]);
  return { environment, sample: { provider, now: spec.now }, tests: new TestBench(spec, fileSpecHost, environmentFor(spec.schema)) };
}

/** The improved example, from the committed tuned detection and the seed's spec. */
export function improveExample(): Improvement {
  const environment = environmentFor('defender');
  return improveDetection(readFileSync(TUNED, 'utf8'), environment, tuningSources(environment));
}

function main(): void {
  const { text, applied } = improveExample();
  if (process.argv.includes('--check')) {
    if (readFileSync(IMPROVED, 'utf8') !== text) {
      console.error(`${IMPROVED} is not what the fixes produce: run npx tsx scripts/improve-example.ts`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(IMPROVED, text);
  for (const title of applied) console.log(`applied  ${title}`);
  const remaining = lintDocument(text, environmentFor('defender')).findings;
  console.log(`\n${IMPROVED}: ${applied.length} fixes applied; it still has:`);
  for (const finding of remaining) console.log(`  ${finding.severity.padEnd(11)} [${finding.code}] ${finding.message}`);
}

if (require.main === module) main();
