// The detection rules' documentation (docs/rules/<id>.md), bundled into the CLI as text, so a
// SARIF log can carry each rule's help itself. esbuild turns the template below into a table of
// every docs/rules/*.md, each read with its `text` loader (see esbuild.mjs); only the bundle can
// call this, since Node cannot require a .md file.

import { ruleById } from '../../rules/registry';

export function bundledRuleDoc(id: string): string | undefined {
  if (!ruleById(id)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild bundles every file this pattern matches
  return require(`../../../../docs/rules/${id}.md`) as string;
}
