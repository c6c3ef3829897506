// The language server's side of the preview worker: starts it on first use, sends jobs, and
// cancels a job when its document is edited (cancelFor) or when the client gives up on it.

import { Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver';
import type { Environment } from '../kusto/globals';
import { CANCEL_SLOTS, type JobMessage, type JobOutcome, type OutcomeMessage, type WorkerSetup } from './previewJobs';

export class PreviewRunner {
  private worker: Worker | undefined;
  private nextJob = 1;
  private nextEnvironment = 1;
  private readonly flags = new Int32Array(new SharedArrayBuffer(4 * CANCEL_SLOTS));
  private readonly environmentIds = new WeakMap<Environment, number>();
  private readonly sentEnvironments = new Set<number>();
  private readonly pending = new Map<number, (outcome: JobOutcome) => void>();
  /** The key (document URI and purpose) of every job in flight, by job id. */
  private readonly inFlight = new Map<number, string>();

  constructor(private readonly workerPath: string) {}

  /** Runs `job`; `key` names its document for `cancelFor`. */
  run(key: string, job: JobMessage['job'], environment: Environment, token?: CancellationToken): Promise<JobOutcome> {
    const id = this.nextJob++;
    Atomics.store(this.flags, id % CANCEL_SLOTS, 0);
    this.inFlight.set(id, key);
    token?.onCancellationRequested(() => this.cancel(id));

    const worker = this.ensureWorker();
    const environmentId = this.idOf(environment);
    const message: JobMessage = { id, environmentId, job };
    if (!this.sentEnvironments.has(environmentId)) {
      message.environment = environment;
      this.sentEnvironments.add(environmentId);
    }
    return new Promise<JobOutcome>((resolve) => {
      this.pending.set(id, (outcome) => {
        this.inFlight.delete(id);
        resolve(outcome);
      });
      worker.postMessage(message);
    });
  }

  /** Cancels the jobs in flight for every key that starts with `prefix` (a document that changed). */
  cancelFor(prefix: string): void {
    for (const [id, key] of this.inFlight) if (key.startsWith(prefix)) this.cancel(id);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private cancel(id: number): void {
    Atomics.store(this.flags, id % CANCEL_SLOTS, 1);
  }

  private idOf(environment: Environment): number {
    let id = this.environmentIds.get(environment);
    if (id === undefined) {
      id = this.nextEnvironment++;
      this.environmentIds.set(environment, id);
    }
    return id;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const setup: WorkerSetup = { cancelFlags: this.flags.buffer as SharedArrayBuffer };
    const worker = new Worker(this.workerPath, { workerData: setup });
    worker.on('message', (message: OutcomeMessage) => {
      const settle = this.pending.get(message.id);
      this.pending.delete(message.id);
      settle?.(message.outcome);
    });
    // A crashed worker fails its jobs and is started afresh (with its environments) on the next one.
    const fail = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.sentEnvironments.clear();
      for (const settle of this.pending.values()) settle({ error: `the preview worker stopped: ${reason}` });
      this.pending.clear();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}
