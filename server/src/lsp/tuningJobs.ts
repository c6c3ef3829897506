// Tuning's work in the preview worker thread: measuring exclusions runs the detection's tests and
// attack variants once per proposal, so it never runs on the language server's main loop. A job
// stops at its deadline or when cancelled, and says so instead of answering. `clock` reads the
// time the deadline is compared with (the wall clock; tests pass their own).

import type { Environment } from '../kusto/globals';
import { fileHost } from '../preview/fileHost';
import type { ExclusionProposal, ImpactSummary } from '../protocol/tuning';
import { fileSpecHost } from '../testing/fileHost';
import { exclusionEdit, knownFalsePositives, measureBaseline, rankedProposals, scopeOf, tuningSources, type Proposal } from '../tuning/index';
import type { JobOutcome, TuneCaseJob, TuneJob, TunedCase } from './previewJobs';

export type Clock = () => number;

export function tuneJob(job: TuneJob, environment: Environment, isCancelled: () => boolean, clock: Clock = Date.now): JobOutcome {
  const stop = stopping(job.deadline, isCancelled, clock);
  if (stop()) return stopped(job.deadline, clock);
  const sources = tuningSources(job.detection, job.text, environment, { files: fileHost, specs: fileSpecHost }, { offset: job.offset, events: job.events, clockMs: Date.now(), isCancelled: stop });
  const proposals = rankedProposals(job.text, job.event, sources, { selected: job.selected });
  return stop() ? stopped(job.deadline, clock) : { proposals: proposals.map(toProposal) };
}

export function tuneCaseJob(job: TuneCaseJob, environment: Environment, isCancelled: () => boolean, clock: Clock = Date.now): JobOutcome {
  const stop = stopping(job.deadline, isCancelled, clock);
  if (stop()) return stopped(job.deadline, clock);
  const sources = tuningSources(job.detection, job.text, environment, { files: fileHost, specs: fileSpecHost }, { offset: job.offset, clockMs: Date.now(), isCancelled: stop });
  const tuned: TunedCase = { applied: [], problems: [] };
  if (!sources.tests) return { tuned: { ...tuned, problems: ['the detection has no test spec'] } };
  let text = job.text;
  const tried = new Set<string>();
  // One event at a time: each exclusion is measured on the text the previous ones left.
  for (;;) {
    const next = knownFalsePositives(text, sources.tests).find((fp) => fp.caseName === job.caseName && !tried.has(JSON.stringify(fp.event)));
    if (!next || stop()) break;
    tried.add(JSON.stringify(next.event));
    const best = rankedProposals(text, next.event, { ...sources, sample: undefined }, { baseline: measureBaseline(text, { ...sources, sample: undefined }) }).find((p) => p.preferred);
    if (!best) {
      tuned.problems.push(`no exclusion keeps every true positive for an event of "${job.caseName}"`);
      continue;
    }
    const edit = exclusionEdit(text, best.exclusion, environment, job.offset);
    if (!('text' in edit)) continue;
    text = edit.text;
    tuned.applied.push({ title: best.title, impact: toProposal(best).impact });
  }
  if (stop()) return stopped(job.deadline, clock);
  if (text !== job.text) tuned.text = text;
  return { tuned };
}

function stopping(deadline: number, isCancelled: () => boolean, clock: Clock): () => boolean {
  return () => isCancelled() || clock() > deadline;
}

/** A job past its deadline says so; a cancelled one just stops (nobody waits for its answer). */
function stopped(deadline: number, clock: Clock): JobOutcome {
  return clock() > deadline ? { error: 'measurement timed out: the exclusions could not all be measured before the deadline' } : { cancelled: true };
}

export function toProposal(proposal: Proposal): ExclusionProposal {
  const { impact } = proposal;
  const summary: ImpactSummary = {
    sampleRows: impact.sampleRows,
    removedRows: impact.removed.length,
    removesSelected: impact.removesSelected,
    truePositives: impact.truePositives,
    truePositivesLost: impact.truePositivesLost,
    falsePositivesSilenced: impact.falsePositivesSilenced,
    variantsChecked: impact.variants.checked,
    variantsSilenced: impact.variants.silenced.map((v) => v.name),
    scope: scopeOf(proposal.exclusion),
    problems: impact.problems,
  };
  return { title: proposal.title, exclusion: proposal.exclusion, preferred: proposal.preferred, force: proposal.force, impact: summary, notes: proposal.notes };
}
