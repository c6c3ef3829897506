// The test worker thread (dist/testingWorker.js): runs detection test specs off the language
// server's main loop, so the editor stays responsive during a long run, and a cancelled run stops
// inside a query (the engine polls the shared flag), not only between cases.

import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { TestCaseReport } from '../protocol/testing';
import { runSpecReports, withOpenDocuments } from './testingReports';
import { TEST_CANCEL_SLOTS, type TestJob, type TestJobMessage, type TestWorkerSetup } from './testingJobs';

const flags = new Int32Array((workerData as TestWorkerSetup).cancelFlags);

parentPort?.on('message', (job: TestJob) => {
  const isCancelled = () => Atomics.load(flags, job.id % TEST_CANCEL_SLOTS) === 1;
  const host = withOpenDocuments(job.openDocuments);
  const post = (message: TestJobMessage) => parentPort?.postMessage(message);
  let outcome: TestJobMessage;
  try {
    const onCase = (report: TestCaseReport) => post({ id: job.id, report });
    outcome = { id: job.id, result: runSpecReports({ spec: job.spec, text: job.text, cases: job.cases }, host, isCancelled, onCase) };
  } catch (error) {
    // The core does not throw on user input; this is a bug of ours, reported rather than fatal.
    const message = `the test run failed: ${error instanceof Error ? error.message : String(error)}`;
    outcome = { id: job.id, result: { cases: [], problems: [{ uri: pathToFileURL(job.spec).href, position: { line: 0, character: 0 }, message }], cancelled: false } };
  }
  post(outcome);
});
