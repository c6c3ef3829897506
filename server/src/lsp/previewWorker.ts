// The preview worker thread (dist/previewWorker.js): runs previews off the language server's main
// loop, so completion and diagnostics answer while a large event set is evaluated or exclusions
// are measured. One job at a time; a job is cancelled through a shared flag the engine polls while it runs.

import { parentPort, workerData } from 'node:worker_threads';
import type { Environment } from '../kusto/globals';
import { fileHost } from '../preview/fileHost';
import { runPreview } from '../preview/run';
import { readDetection } from '../workspace/detection';
import { tuneCaseJob, tuneJob } from './tuningJobs';
import { CANCEL_SLOTS, type BlockCounts, type JobMessage, type JobOutcome, type LensJob, type OutcomeMessage, type PreviewJob, type WorkerSetup } from './previewJobs';

const flags = new Int32Array((workerData as WorkerSetup).cancelFlags);
const environments = new Map<number, Environment>();

parentPort?.on('message', (message: JobMessage) => {
  if (message.environment) environments.set(message.environmentId, message.environment);
  const environment = environments.get(message.environmentId);
  const isCancelled = () => Atomics.load(flags, message.id % CANCEL_SLOTS) === 1;
  let outcome: JobOutcome;
  try {
    if (!environment) outcome = { error: 'the preview worker lost its environment' };
    else if (isCancelled()) outcome = { cancelled: true };
    else outcome = run(message.job, environment, isCancelled);
  } catch (error) {
    // The core does not throw on user input; this is a bug of ours, reported rather than fatal.
    outcome = { error: `preview failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const reply: OutcomeMessage = { id: message.id, outcome };
  parentPort?.postMessage(reply);
});

function run(job: JobMessage['job'], environment: Environment, isCancelled: () => boolean): JobOutcome {
  switch (job.kind) {
    case 'preview':
      return preview(job, environment, isCancelled);
    case 'lens':
      return lenses(job, environment, isCancelled);
    case 'tune':
      return tuneJob(job, environment, isCancelled);
    case 'tune-case':
      return tuneCaseJob(job, environment, isCancelled);
  }
}

function preview(job: PreviewJob, environment: Environment, isCancelled: () => boolean): JobOutcome {
  return runPreview(
    { detection: job.detection, text: job.text, offset: job.offset, chosenEvents: job.events, now: job.now === undefined ? undefined : BigInt(job.now), maxRows: job.maxRows, firstLook: job.firstLook, isCancelled },
    environment,
    fileHost,
  );
}

function lenses(job: LensJob, environment: Environment, isCancelled: () => boolean): JobOutcome {
  const counts: BlockCounts[] = [];
  // One lens per query: a `.kql` block, or each rule of a rule file. Counts are all a lens shows,
  // and a first look has them: it does not keep a large event set from a preview waiting.
  for (const { host } of readDetection(job.detection, job.text)?.queries ?? []) {
    const outcome = runPreview({ detection: job.detection, text: job.text, offset: host.start, chosenEvents: job.events, maxRows: 0, firstLook: true, isCancelled }, environment, fileHost);
    if (!('model' in outcome)) return outcome;
    const { totals, events, problems } = outcome.model;
    const queryError = problems.find((p) => p.code === 'query-error');
    const problem = queryError ? 'the query has errors' : events.origin === 'none' ? 'no sample events' : undefined;
    counts.push({ start: host.start, matched: totals.matched, scanned: totals.scanned, problem });
  }
  return { lenses: counts };
}
