// A file's cost score: the sum of its query-cost findings' weights. Relative and unitless on
// purpose: an offline check cannot know prices, so it ranks shapes, not dollars. Given table
// volumes (`tableSizes.ts`) the weights of scanning findings scale, and the score can be fractional.

export function costScore(findings: readonly { weight?: number }[]): number {
  const sum = findings.reduce((total, f) => total + (f.weight ?? 0), 0);
  return Math.round(sum * 100) / 100;
}
