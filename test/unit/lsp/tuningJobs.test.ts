// Tuning's jobs in the preview worker stop at their deadline and when cancelled. No timing: the
// deadline is compared with a clock the test sets, and cancellation comes after a chosen number of
// polls. Work is counted in polls: every query polls as it starts, and the measurement polls
// before each proposal. So "stops" means: once stopped, it finishes at most the proposal in
// progress, each of whose queries stops at its first poll.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { environmentFor } from '../../../server/src/kusto/environment';
import type { JobOutcome, TuneCaseJob, TuneJob } from '../../../server/src/lsp/previewJobs';
import { tuneCaseJob, tuneJob } from '../../../server/src/lsp/tuningJobs';
import { loadSpec } from '../../../server/src/testing/load';

const DETECTION = resolve('examples/rmm/remote-desktop-software.kql');
const TEXT = readFileSync(DETECTION, 'utf8');
const environment = environmentFor('defender');
const [helpdesk] = readFileSync('examples/rmm/events/benign-fp.jsonl', 'utf8').split('\n');
const FIELDS = Object.fromEntries(Object.entries(JSON.parse(helpdesk) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));

const DEADLINE = 1_000;
const BEFORE_DEADLINE = () => 0;
const AFTER_DEADLINE = () => DEADLINE + 1;
const TUNE: TuneJob = { kind: 'tune', detection: DETECTION, text: TEXT, event: { table: 'DeviceProcessEvents', fields: FIELDS }, deadline: DEADLINE };
const TUNE_CASE: TuneCaseJob = { kind: 'tune-case', detection: DETECTION, text: TEXT, caseName: 'FP: pre-installed Chrome Remote Desktop host', deadline: DEADLINE };
const TIMED_OUT = /^measurement timed out: /;

const SPEC = 'examples/rmm/remote-desktop-software.test.yaml';
const CASES = loadSpec(readFileSync(SPEC, 'utf8'), SPEC).spec!.cases.filter((c) => c.problems.length === 0).length;
/** Polls after a stop: the proposal in progress (a query per test case, one on the sample events, one on the variants), the loop's check and the job's. */
const AFTER_STOP = CASES + 2 + 2;

/** A cancellation flag that turns true on poll number `at` (never when undefined), counting every poll. */
function cancelAt(at?: number): { isCancelled: () => boolean; polls: () => number } {
  let polls = 0;
  return { isCancelled: () => ++polls >= (at ?? Infinity), polls: () => polls };
}

/** The polls of a job that runs to the end; measured once per job kind. */
function fullRun(run: (isCancelled: () => boolean) => JobOutcome): { outcome: JobOutcome; polls: number } {
  const flag = cancelAt();
  return { outcome: run(flag.isCancelled), polls: flag.polls() };
}

const tune = fullRun((isCancelled) => tuneJob(TUNE, environment, isCancelled, BEFORE_DEADLINE));
const tuneCase = fullRun((isCancelled) => tuneCaseJob(TUNE_CASE, environment, isCancelled, BEFORE_DEADLINE));

/** Both jobs, with the polls of their full runs. */
const JOBS = [
  { run: tuneJob.bind(null, TUNE), full: tune.polls },
  { run: tuneCaseJob.bind(null, TUNE_CASE), full: tuneCase.polls },
];

test('before its deadline and not cancelled, a job answers', () => {
  assert.ok('proposals' in tune.outcome && tune.outcome.proposals[0].preferred, JSON.stringify(tune.outcome).slice(0, 300));
  assert.ok('tuned' in tuneCase.outcome && tuneCase.outcome.tuned.applied.length === 1, JSON.stringify(tuneCase.outcome).slice(0, 300));
  // Enough polls for the halfway cancellations below to land mid-measurement.
  assert.ok(tune.polls > 4 * AFTER_STOP && tuneCase.polls > 4 * AFTER_STOP, `${tune.polls}, ${tuneCase.polls}`);
});

test('a deadline that has already passed: "measurement timed out", and nothing is measured', () => {
  for (const { run } of JOBS) {
    const flag = cancelAt();
    const outcome = run(environment, flag.isCancelled, AFTER_DEADLINE);
    assert.deepEqual(Object.keys(outcome), ['error']);
    assert.match((outcome as { error: string }).error, TIMED_OUT);
    assert.equal(flag.polls(), 1);
  }
});

test('a deadline that passes mid-measurement: "measurement timed out", and the rest is not measured', () => {
  for (const { run, full } of JOBS) {
    const flag = cancelAt();
    const half = Math.floor(full / 2);
    // The clock passes the deadline once the job has polled half as often as a full run.
    const outcome = run(environment, flag.isCancelled, () => (flag.polls() >= half ? DEADLINE + 1 : 0));
    assert.match('error' in outcome ? outcome.error : JSON.stringify(outcome), TIMED_OUT);
    assert.ok(flag.polls() - half <= AFTER_STOP, `polled ${flag.polls() - half} times after the deadline (a full run: ${full})`);
  }
});

test('cancelled before it starts: the job answers "cancelled" without measuring', () => {
  const flag = cancelAt(1);
  assert.deepEqual(tuneJob(TUNE, environment, flag.isCancelled, BEFORE_DEADLINE), { cancelled: true });
  assert.equal(flag.polls(), 1);
});

test('cancelled mid-measurement: the job answers "cancelled" and stops with the step in progress', () => {
  for (const { run, full } of JOBS) {
    const half = Math.floor(full / 2);
    const flag = cancelAt(half);
    assert.deepEqual(run(environment, flag.isCancelled, BEFORE_DEADLINE), { cancelled: true });
    assert.ok(flag.polls() - half <= AFTER_STOP, `polled ${flag.polls() - half} times after the cancellation (a full run: ${full})`);
  }
});
