// A file's cost score: the sum of its query-cost findings' weights. Relative and unitless on
// purpose: an offline check cannot know table sizes or prices, so it ranks shapes, not dollars.

export function costScore(findings: readonly { weight?: number }[]): number {
  return findings.reduce((sum, f) => sum + (f.weight ?? 0), 0);
}
