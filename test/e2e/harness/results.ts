// Pass/fail counts of one layer of the real-VS-Code tests, and the closing summary line.
export interface LayerResult {
  layer: string;
  passed: number;
  failed: number;
  seconds: number;
}

export function summarize(results: LayerResult[]): string {
  const lines = results.map((r) => `  ${r.layer}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  return [...lines, `${passed} passed, ${failed} failed`].join('\n');
}
