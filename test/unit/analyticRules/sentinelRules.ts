// The published Sentinel analytic rules the rule-file tests read (data/sentinel-rules, from Azure/Azure-Sentinel, MIT).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SENTINEL_RULES_ROOT = join(__dirname, '..', '..', '..', 'data', 'sentinel-rules');

/** Every YAML file below `dir`, in a stable order. */
export function sentinelRuleFiles(dir = SENTINEL_RULES_ROOT): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? sentinelRuleFiles(path) : /\.ya?ml$/i.test(entry) ? [path] : [];
    });
}
