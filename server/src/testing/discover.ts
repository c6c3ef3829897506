// Which test spec belongs to a detection: the one rule the preview, tuning and the editor share.
// In the detection's folder, `<name>.test.yaml` (or .yml) first, then any other spec there, the
// first whose `detection:` names this file. A detection is a `.kql` file or a rule file.

import { basename, dirname, join, resolve } from 'node:path';
import type { FileProblem } from '../text/problem';
import { resolveSpecPath } from './bind';
import { loadSpec } from './load';
import type { DetectionSpec } from './spec';

/** A look at the folders around a detection (a host supplies it: the core reads no files). */
export interface FolderView {
  /** 'file', 'directory', or undefined when nothing is at `path`. */
  kind(path: string): 'file' | 'directory' | undefined;
  /** Names of the entries of a folder (not paths); empty when it cannot be read. */
  list(folder: string): string[];
  /** The text of a file, or why it cannot be read. */
  readText(path: string): { text: string } | { error: string };
}

export interface FoundSpec {
  file: string;
  /** Undefined when the detection's own spec cannot be loaded; `problems` say why. */
  spec?: DetectionSpec;
  problems: FileProblem[];
}

/** A `.kql` document, or a rule file (analytic-rule YAML, ARM or Graph JSON). */
const DETECTION_EXTENSIONS = /\.(kql|csl|kusto|ya?ml|json)$/i;
const SPEC_SUFFIXES = ['.test.yaml', '.test.yml'];

/** The detection's file name without its extension: `<stem>.test.yaml`, `<stem>.events.jsonl`. */
export function detectionStem(detection: string): string {
  return basename(detection).replace(DETECTION_EXTENSIONS, '');
}

/** True for a file name that is a detection test spec (`*.test.yaml`, `*.test.yml`, any case). */
export function isSpecFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return SPEC_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/**
 * The spec of `detection`, or undefined when none names it. A broken spec of this very detection
 * (its own name) is returned with its problems, which are worth saying; someone else's is skipped.
 */
export function specFor(detection: string, host: FolderView): FoundSpec | undefined {
  const folder = dirname(detection);
  const own = SPEC_SUFFIXES.map((suffix) => detectionStem(detection) + suffix);
  const others = host.list(folder).filter((name) => isSpecFileName(name) && !own.includes(name));
  for (const name of [...own, ...others]) {
    const file = join(folder, name);
    if (host.kind(file) !== 'file') continue;
    const read = host.readText(file);
    if ('error' in read) continue;
    const { spec, problems } = loadSpec(read.text, file);
    if (!spec) {
      if (own.includes(name)) return { file, problems };
      continue;
    }
    if (resolve(resolveSpecPath(file, spec.detection)) === resolve(detection)) return { file, spec, problems: [] };
  }
  return undefined;
}
