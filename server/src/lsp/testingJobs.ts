// The messages between the language server and its test worker thread.

import type { RunTestsResult, TestCaseReport } from '../protocol/testing';

/** Cancellation flags shared with the worker, one per job slot (job id modulo the slot count). */
export const TEST_CANCEL_SLOTS = 256;

export interface TestJob {
  id: number;
  /** The spec's path. */
  spec: string;
  /** The spec's text as the client sent it; read from disk when absent. */
  text?: string;
  cases?: string[];
  /** Documents open in the editor (path, text): the run reads their unsaved edits. */
  openDocuments: [string, string][];
}

/** A case finished (`report`), or the whole job did (`result`). */
export type TestJobMessage = { id: number; report: TestCaseReport } | { id: number; result: RunTestsResult };

export interface TestWorkerSetup {
  /** `Int32Array` over it: slot `id % TEST_CANCEL_SLOTS` is 1 when job `id` is cancelled. */
  cancelFlags: SharedArrayBuffer;
}
