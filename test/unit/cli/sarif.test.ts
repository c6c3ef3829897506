// SARIF rule metadata: links only from package.json's repository/homepage, help from the rule docs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LocatedFinding } from '../../../server/src/cli/commands/lint';
import { repositoryWebUrl, toSarif, type PackageLinks } from '../../../server/src/cli/report/sarif';

const at = { file: 'a.kql', line: 1, column: 1, endLine: 1, endColumn: 2, start: 0, end: 1 };
const findings: LocatedFinding[] = [
  { ...at, severity: 'warning', message: 'falls through', code: 'classifier-fallthrough', source: 'kql-detect', docs: 'docs/rules/classifier-fallthrough.md' },
  { ...at, severity: 'error', message: 'unknown name', code: 'KS142', source: 'kusto' },
];
const DOC = '# classifier-fallthrough\n\n## What it does\n…';

function driverFor(pkg: PackageLinks) {
  const log = toSarif(findings, ['a.kql'], { package: pkg, ruleDoc: (id) => (id === 'classifier-fallthrough' ? DOC : undefined) });
  return log.runs[0].tool.driver;
}

test('without repository or homepage: no link anywhere, the rule doc embedded as help', () => {
  const driver = driverFor({});
  assert.equal(driver.informationUri, undefined);
  const [rule, kusto] = driver.rules!;
  assert.equal(rule.helpUri, undefined);
  assert.deepEqual(rule.help, { text: DOC, markdown: DOC });
  assert.deepEqual(kusto, { id: 'KS142', name: 'kusto/KS142', shortDescription: { text: 'unknown name' }, properties: { source: 'kusto' } });
});

test("with a GitHub repository: each rule links to its doc on the default branch; Kusto's codes link nowhere", () => {
  const driver = driverFor({ repository: { type: 'git', url: 'git+https://github.com/contoso/kql-detect.git' } });
  const [rule, kusto] = driver.rules!;
  assert.equal(rule.helpUri, 'https://github.com/contoso/kql-detect/blob/HEAD/docs/rules/classifier-fallthrough.md');
  assert.deepEqual(rule.help, { text: DOC, markdown: DOC });
  assert.equal(kusto.helpUri, undefined);
  assert.equal(driver.informationUri, 'https://github.com/contoso/kql-detect');
});

test('homepage is the tool information page; it gives no rule links of its own', () => {
  const driver = driverFor({ homepage: 'https://kql-detect.example.org/' });
  assert.equal(driver.informationUri, 'https://kql-detect.example.org/');
  assert.equal(driver.rules![0].helpUri, undefined);
  assert.equal(driverFor({ homepage: 'not a url' }).informationUri, undefined);
});

test("npm's repository forms map to GitHub pages; other hosts and junk give none", () => {
  const check = (repository: unknown, expected: { home: string; blob: string } | undefined) => assert.deepEqual(repositoryWebUrl(repository), expected, JSON.stringify(repository));
  const plain = { home: 'https://github.com/contoso/kql-detect', blob: 'https://github.com/contoso/kql-detect/blob/HEAD/' };
  check('contoso/kql-detect', plain);
  check('github:contoso/kql-detect', plain);
  check('https://github.com/contoso/kql-detect', plain);
  check('git+https://github.com/contoso/kql-detect.git', plain);
  check('git@github.com:contoso/kql-detect.git', plain);
  check('git+ssh://git@github.com/contoso/kql-detect.git', plain);
  check({ url: 'ssh://git@github.com/contoso/kql-detect.git' }, plain);
  check({ url: 'https://github.com/contoso/tools.git', directory: 'packages/kql detect/' }, { home: 'https://github.com/contoso/tools', blob: 'https://github.com/contoso/tools/blob/HEAD/packages/kql%20detect/' });
  check('gitlab:contoso/kql-detect', undefined);
  check('https://gitlab.com/contoso/kql-detect.git', undefined);
  check({ type: 'git' }, undefined);
  check(42, undefined);
  check(undefined, undefined);
});
