// Proposals for one false positive, each with its edit and its measured impact, ranked: those
// that keep every true positive first, narrowest (fewest alerts removed) first among them. One
// that would lose a true positive is never preferred, and its title says what it loses.

import type { SourceRow } from '../engine/index';
import { describeExclusion, KIND_ORDER, type Exclusion, type TuningEvent } from './exclusion';
import { exclusionEdit, type TextEdit } from './edit';
import { measureBaseline, measureImpact, type Baseline, type Impact, type ImpactSources } from './impact';
import { proposeExclusions } from './propose';

export interface Proposal {
  exclusion: Exclusion;
  title: string;
  /** The edit of the current text (computed again from the exclusion whenever the text changed). */
  edit: TextEdit;
  impact: Impact;
  /** The one proposal to apply by default: the narrowest that keeps every true positive. */
  preferred: boolean;
  /** It would lose true positives: offered only as an explicit "force" variant. */
  force: boolean;
}

export interface ProposeOptions {
  /** The false positive's row in the sample events (the preview's selection). */
  selected?: SourceRow;
  /** Measured once per text and reused for every event of the same text. */
  baseline?: Baseline;
}

export function rankedProposals(text: string, event: TuningEvent, sources: ImpactSources, options: ProposeOptions = {}): Proposal[] {
  const columns = new Set(sources.environment.tables.find((t) => t.name === event.table)?.columns.map((c) => c.name) ?? Object.keys(event.fields));
  const baseline = options.baseline ?? measureBaseline(text, sources);
  const measured: Omit<Proposal, 'preferred' | 'title'>[] = [];
  for (const exclusion of proposeExclusions(event, columns)) {
    const edit = exclusionEdit(text, exclusion, sources.environment, sources.offset);
    if (!('edit' in edit)) continue;
    const impact = measureImpact(baseline, edit.text, sources, options.selected);
    // An exclusion must silence the event it was made for, when we can tell.
    if (options.selected && !impact.removesSelected && impact.problems.length === 0) continue;
    measured.push({ exclusion, edit: edit.edit, impact, force: impact.truePositivesLost.length > 0 });
  }
  measured.sort(
    (a, b) =>
      Number(a.force) - Number(b.force) ||
      a.impact.removed.length - b.impact.removed.length ||
      KIND_ORDER.indexOf(a.exclusion.kind) - KIND_ORDER.indexOf(b.exclusion.kind),
  );
  return measured.map((proposal, index) => ({ ...proposal, preferred: index === 0 && !proposal.force, title: titleOf(proposal.exclusion, proposal.impact) }));
}

export function titleOf(exclusion: Exclusion, impact: Impact): string {
  const what = `Exclude ${describeExclusion(exclusion)}`;
  if (impact.truePositivesLost.length > 0) {
    const lost = impact.truePositivesLost.map((name) => `"${name}"`).join(', ');
    return `Force: ${what}: LOSES ${impact.truePositivesLost.length} of ${impact.truePositives} true positives (${lost})`;
  }
  return `${what} (${summary(impact)})`;
}

/** "removes 2 of 9 alerts; keeps all 6 true positives" */
export function summary(impact: Impact): string {
  const parts = [`removes ${impact.removed.length} of ${impact.sampleRows} alert${impact.sampleRows === 1 ? '' : 's'}`];
  if (impact.truePositives > 0) parts.push(`keeps all ${impact.truePositives} true positives`);
  if (impact.problems.length > 0) parts.push('impact partly unknown');
  return parts.join('; ');
}
