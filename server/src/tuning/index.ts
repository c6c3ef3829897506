// Tuning: exclusions for false positives, the edits that write them into a detection, and their
// impact on the detection's sample events and tests. Pure: text and data in, plain data out.

export { asExclusion, describeExclusion, scopeOf, KINDS, KIND_ORDER, type Exclusion, type ExclusionKind, type TuningEvent } from './exclusion';
export { proposeExclusions, standardInstallFolder } from './propose';
export { exclusionEdit, type ExclusionEdit, type TextEdit } from './edit';
export { clauseOf } from './format';
export { tuningSources } from './sources';
export { measureBaseline, measureImpact, prepareVariants, type Baseline, type Impact, type ImpactSources, type VariantCheck } from './impact';
export { candidateVariants, type AttackVariant } from './variants';
export { runOnEvents } from './eventRun';
export { rankedProposals, summary, titleOf, type Proposal, type ProposeOptions } from './proposals';
export { fieldsOf, knownFalsePositives, type KnownFalsePositive } from './falsePositives';
export { TestBench, type CaseRun } from './bench';
