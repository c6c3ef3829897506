// The language server's side of the test worker: starts it on first use, sends runs, and raises
// a run's cancellation flag when the client cancels the request.

import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver';
import type { RunTestsResult, TestCaseReport } from '../protocol/testing';
import { TEST_CANCEL_SLOTS, type TestJob, type TestJobMessage, type TestWorkerSetup } from './testingJobs';

export class TestingRunner {
  private worker: Worker | undefined;
  private nextJob = 1;
  private readonly flags = new Int32Array(new SharedArrayBuffer(4 * TEST_CANCEL_SLOTS));
  private readonly pending = new Map<number, { spec: string; settle: (result: RunTestsResult) => void; onCase?: (report: TestCaseReport) => void }>();

  constructor(private readonly workerPath: string) {}

  /** Runs `job`; `onCase` hears of each case as it finishes. */
  run(job: Omit<TestJob, 'id'>, token: CancellationToken, onCase?: (report: TestCaseReport) => void): Promise<RunTestsResult> {
    const id = this.nextJob++;
    Atomics.store(this.flags, id % TEST_CANCEL_SLOTS, 0);
    const subscription = token.onCancellationRequested(() => Atomics.store(this.flags, id % TEST_CANCEL_SLOTS, 1));
    const worker = this.ensureWorker();
    return new Promise<RunTestsResult>((resolve) => {
      const settle = (result: RunTestsResult) => {
        subscription.dispose();
        resolve(result);
      };
      this.pending.set(id, { spec: job.spec, settle, onCase });
      const message: TestJob = { ...job, id };
      worker.postMessage(message);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const setup: TestWorkerSetup = { cancelFlags: this.flags.buffer as SharedArrayBuffer };
    const worker = new Worker(this.workerPath, { workerData: setup });
    worker.on('message', (message: TestJobMessage) => {
      const pending = this.pending.get(message.id);
      if ('report' in message) return pending?.onCase?.(message.report);
      this.pending.delete(message.id);
      pending?.settle(message.result);
    });
    // A crashed worker fails its runs and is started afresh on the next one.
    const fail = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const { spec, settle } of this.pending.values()) {
        settle({ cases: [], problems: [{ uri: pathToFileURL(spec).href, position: { line: 0, character: 0 }, message: `the test worker stopped: ${reason}` }], cancelled: false });
      }
      this.pending.clear();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}
