// The files a spec's results depend on, so an editor can mark its tests outdated when one changes.

import { resolveSpecPath } from './bind';
import type { DetectionSpec } from './spec';

/** The spec file, its detection and every event file it binds, as paths resolved like the runner does. */
export function specInputs(spec: DetectionSpec): string[] {
  const files = new Set([spec.file, resolveSpecPath(spec.file, spec.detection)]);
  const bindings = [...spec.tables.values(), ...spec.cases.flatMap((c) => [...c.events.values()])];
  for (const binding of bindings) for (const file of binding.files ?? []) files.add(resolveSpecPath(spec.file, file));
  return [...files];
}
