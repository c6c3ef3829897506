// JUnit XML for CI test reports. Known gaps are `skipped` (expected failures), a known gap that
// now passes is a `failure`, and a case that could not run is an `error`.

import type { CaseResult, SpecResult } from '../../testing/run';
import { explainCase } from '../../testing/report';
import { formatProblem } from '../../text/problem';

export function toJUnit(results: SpecResult[], seconds: number): string {
  const suites = results.map(suite);
  const count = (pick: (s: SuiteCounts) => number) => suites.reduce((n, s) => n + pick(s.counts), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kql-detect" tests="${count((c) => c.tests)}" failures="${count((c) => c.failures)}" errors="${count((c) => c.errors)}" skipped="${count((c) => c.skipped)}" time="${seconds.toFixed(3)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function suite(result: SpecResult): { xml: string; counts: SuiteCounts } {
  const cases = result.cases.map((c) => testCase(result.file, c));
  if (result.problems.length > 0) {
    const message = result.problems.map(formatProblem).join('\n');
    cases.push(`    <testcase name="(load spec)" classname="${attr(result.file)}" file="${attr(result.file)}" time="0">\n      <error message="${attr(firstLine(message))}" type="spec">${text(message)}</error>\n    </testcase>`);
  }
  const counts: SuiteCounts = {
    tests: cases.length,
    failures: result.cases.filter((c) => c.outcome === 'fail' || c.outcome === 'now-passes').length,
    errors: result.cases.filter((c) => c.outcome === 'error').length + (result.problems.length > 0 ? 1 : 0),
    skipped: result.cases.filter((c) => c.outcome === 'known-gap').length,
  };
  const time = result.cases.reduce((n, c) => n + c.durationMs, 0) / 1000;
  const xml = [
    `  <testsuite name="${attr(result.file)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${time.toFixed(3)}" file="${attr(result.file)}">`,
    ...(result.detection ? [`    <properties>\n      <property name="detection" value="${attr(result.detection)}"/>\n    </properties>`] : []),
    ...cases,
    '  </testsuite>',
  ].join('\n');
  return { xml, counts };
}

function testCase(file: string, result: CaseResult): string {
  const open = `    <testcase name="${attr(result.name)}" classname="${attr(file)}" file="${attr(file)}" line="${result.at.line}" time="${(result.durationMs / 1000).toFixed(3)}"`;
  const details = explainCase(result).join('\n');
  const properties = result.tags.length > 0 ? [`      <properties>`, ...result.tags.map((t) => `        <property name="tag" value="${attr(t)}"/>`), `      </properties>`] : [];
  let body: string[];
  switch (result.outcome) {
    case 'pass':
      body = [];
      break;
    case 'known-gap':
      body = [`      <skipped message="${attr(`known gap: ${result.knownGap}`)}"/>`];
      break;
    case 'error':
      body = [`      <error message="${attr(firstLine(details))}" type="error">${text(details)}</error>`];
      break;
    default:
      body = [`      <failure message="${attr(firstLine(details))}" type="${result.outcome}">${text(details)}</failure>`];
  }
  const inner = [...properties, ...body];
  return inner.length === 0 ? `${open}/>` : [`${open}>`, ...inner, '    </testcase>'].join('\n');
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

/** XML 1.0 cannot carry most control characters at all, even escaped: drop them. */
function clean(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
