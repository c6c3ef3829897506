// Proposals for one false positive, each with its edit and its measured blast radius, ranked:
// those that keep every true positive first, then those that silence the fewest attack variants,
// then those that remove the fewest sample alerts, then the narrowest kind. One that would lose a
// true positive is never preferred, and its title says what it loses. With no true positives to
// check, none is preferred and none claims to keep them.

import type { SourceRow } from '../engine/index';
import { describeExclusion, KIND_ORDER, type Exclusion, type ExclusionKind, type TuningEvent } from './exclusion';
import { exclusionEdit, type TextEdit } from './edit';
import { measureBaseline, measureImpact, prepareVariants, type Baseline, type Impact, type ImpactSources } from './impact';
import { groupScopeMissing, proposeExclusions } from './propose';

export interface Proposal {
  exclusion: Exclusion;
  title: string;
  /** The edit of the current text (computed again from the exclusion whenever the text changed). */
  edit: TextEdit;
  /** The text after the edit: what the impact was measured on. */
  after: string;
  impact: Impact;
  /** The one proposal to apply by default: it keeps every true positive, of which there are some, and silences the fewest variants. */
  preferred: boolean;
  /** It would lose true positives: offered only as an explicit "force" variant. */
  force: boolean;
  /** Narrower scopes of the same entry that could not be offered, and why (a folder's device group). */
  notes: string[];
}

export interface ProposeOptions {
  /** The false positive's row in the sample events (the preview's selection). */
  selected?: SourceRow;
  /** Measured once per text and reused for every event of the same text. */
  baseline?: Baseline;
}

/** The kinds whose entry is the tool's folder: the ones a device-group scope would narrow. */
const FOLDER_KINDS: ReadonlySet<ExclusionKind> = new Set(['device-path', 'path-signer', 'tool-path']);

export function rankedProposals(text: string, event: TuningEvent, sources: ImpactSources, options: ProposeOptions = {}): Proposal[] {
  const columns = new Set(sources.environment.tables.find((t) => t.name === event.table)?.columns.map((c) => c.name) ?? Object.keys(event.fields));
  const baseline = options.baseline ?? measureBaseline(text, sources);
  const check = prepareVariants(text, event, baseline, sources);
  const groupNote = groupScopeMissing(event, columns);
  const measured: Omit<Proposal, 'preferred' | 'title'>[] = [];
  for (const exclusion of proposeExclusions(event, columns)) {
    // Cancelled (or past its deadline): the caller discards the list, so measure no further proposal.
    if (sources.isCancelled?.()) break;
    const edit = exclusionEdit(text, exclusion, sources.environment, sources.offset);
    if (!('edit' in edit)) continue;
    const impact = measureImpact(baseline, edit.text, sources, options.selected, check);
    // An exclusion must silence the event it was made for, when we can tell.
    if (options.selected && !impact.removesSelected && impact.problems.length === 0) continue;
    if (impact.silencesFalsePositive === false) continue;
    const notes = groupNote && FOLDER_KINDS.has(exclusion.kind) ? [groupNote] : [];
    measured.push({ exclusion, edit: edit.edit, after: edit.text, impact, force: impact.truePositivesLost.length > 0, notes });
  }
  measured.sort(
    (a, b) =>
      Number(a.force) - Number(b.force) ||
      a.impact.variants.silenced.length - b.impact.variants.silenced.length ||
      a.impact.removed.length - b.impact.removed.length ||
      KIND_ORDER.indexOf(a.exclusion.kind) - KIND_ORDER.indexOf(b.exclusion.kind),
  );
  return measured.map((proposal, index) => ({
    ...proposal,
    preferred: index === 0 && !proposal.force && proposal.impact.truePositives > 0,
    title: titleOf(proposal.exclusion, proposal.impact),
  }));
}

export function titleOf(exclusion: Exclusion, impact: Impact): string {
  const what = `Exclude ${describeExclusion(exclusion)}`;
  if (impact.truePositivesLost.length > 0) {
    const lost = impact.truePositivesLost.map((name) => `"${name}"`).join(', ');
    return `Force: ${what}: LOSES ${impact.truePositivesLost.length} of ${impact.truePositives} true positives (${lost})`;
  }
  return `${what} (${summary(impact)})`;
}

/** "removes 1 of 9 alerts; keeps all 6 true positives; silences 0 of 57 attack variants" */
export function summary(impact: Impact): string {
  const alerts = `removes ${impact.removed.length} of ${impact.sampleRows} alert${impact.sampleRows === 1 ? '' : 's'}`;
  const silenced = impact.variants.silenced.length;
  const parts =
    impact.truePositives > 0
      ? [alerts, `keeps all ${impact.truePositives} true positives`, `silences ${silenced} of ${impact.variants.checked} attack variants`]
      : [alerts, `no true positives to check against: ${silenced} attack variant${silenced === 1 ? '' : 's'} silenced`];
  if (impact.problems.length > 0) parts.push('impact partly unknown');
  return parts.join('; ');
}
