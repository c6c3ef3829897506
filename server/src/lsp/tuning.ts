// Tuning over LSP: the light bulb's exclusions for the false positives the tests document
// (`codeAction` answers at once from the spec; `codeAction/resolve` measures and computes the
// edit from the current text and the action's data), and the requests behind the preview's
// "Exclude…" (`kqlDetect/proposeExclusions`, `kqlDetect/exclusionEdit`). Every measurement runs in
// the preview worker, with a deadline, and stops when its document changes or the client cancels.

import { fileURLToPath } from 'node:url';
import { CodeActionKind, CodeActionTriggerKind, type CancellationToken, type CodeAction, type CodeActionParams, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Environment } from '../kusto/globals';
import { queryBlocks } from '../kusto/blocks';
import { fileHost } from '../preview/fileHost';
import type { PreviewEvent } from '../protocol/preview';
import {
  exclusionEditRequest,
  proposeExclusionsRequest,
  type ExclusionEditParams,
  type ExclusionEditResult,
  type FalsePositiveActionData,
  type ProposeExclusionsParams,
  type ProposeExclusionsResult,
  type TuningActionData,
} from '../protocol/tuning';
import { specFor } from '../testing/discover';
import { asExclusion, exclusionEdit } from '../tuning/index';
import { toRange } from './convert';
import type { Analysed } from './documents';
import type { PreviewRunner } from './previewRunner';

/** How long one measurement may take before it gives up and says so. */
const TUNING_DEADLINE_MS = 120_000;

export function registerTuningRequests(connection: Connection, documents: TextDocuments<TextDocument>, environmentOf: (uri: string) => Promise<Environment>, worker: PreviewRunner): void {
  connection.onRequest(proposeExclusionsRequest.method, async (params: ProposeExclusionsParams, token: CancellationToken): Promise<ProposeExclusionsResult> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { error: `${params.textDocument.uri} is not open` };
    if (!document.uri.startsWith('file:')) return { error: 'only a detection saved in a folder has sample events and tests to measure on' };
    const outcome = await worker.run(
      `${document.uri}#tune`,
      {
        kind: 'tune',
        detection: fileURLToPath(document.uri),
        text: document.getText(),
        offset: params.offset,
        events: params.events,
        event: tuningEvent(params.event),
        selected: { table: params.event.table, row: params.event.row },
        deadline: Date.now() + TUNING_DEADLINE_MS,
      },
      await environmentOf(document.uri),
      token,
    );
    if ('proposals' in outcome) return { proposals: outcome.proposals };
    if ('cancelled' in outcome) return { error: 'the measurement was cancelled: the detection changed' };
    return 'error' in outcome ? outcome : { error: 'unexpected answer from the worker' };
  });

  connection.onRequest(exclusionEditRequest.method, async (params: ExclusionEditParams): Promise<ExclusionEditResult> => {
    const document = documents.get(params.textDocument.uri);
    const exclusion = asExclusion(params.exclusion);
    if (!document) return { error: `${params.textDocument.uri} is not open` };
    if (!exclusion) return { error: 'not an exclusion' };
    const edit = exclusionEdit(document.getText(), exclusion, await environmentOf(document.uri), params.offset);
    if (!('edit' in edit)) return edit;
    return { edits: [{ range: toRange(document, edit.edit), newText: edit.edit.newText }], version: document.version };
  });
}

/**
 * The light bulb's exclusions: one per `fp` case of the detection's spec, answered at once from the
 * spec alone. What each excludes, and its impact, is measured only when it is resolved.
 */
export function tuningCodeActions({ document }: Analysed, params: CodeActionParams): CodeAction[] {
  if (params.context.triggerKind !== CodeActionTriggerKind.Invoked) return [];
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  if (!document.uri.startsWith('file:')) return [];
  const offset = document.offsetAt(params.range.start);
  if (!queryBlocks(document.getText()).some((block) => block.start <= offset && offset <= block.end)) return [];
  const spec = specFor(fileURLToPath(document.uri), fileHost)?.spec;
  if (!spec) return [];
  return spec.cases
    .filter((c) => c.tags.includes('fp') && c.problems.length === 0)
    .map((c) => {
      const data: FalsePositiveActionData = { tuning: 'false-positive', uri: document.uri, offset, caseName: c.name };
      return { title: `Exclude "${c.name}": the exclusion that keeps every true positive and silences the fewest attack variants`, kind: CodeActionKind.QuickFix, data };
    });
}

/** `codeAction/resolve`: the edit of a tuning action, from the document's current text. */
export async function resolveTuningAction(
  action: CodeAction,
  documents: TextDocuments<TextDocument>,
  environmentOf: (uri: string) => Promise<Environment>,
  worker: PreviewRunner,
  token: CancellationToken,
): Promise<CodeAction> {
  const data = action.data as Partial<TuningActionData | FalsePositiveActionData> | undefined;
  if (typeof data?.uri !== 'string') return action;
  const document = documents.get(data.uri);
  if (!document) return action;
  const offset = typeof data.offset === 'number' ? data.offset : undefined;
  const text = document.getText();
  if (data.tuning === 'exclusion') {
    const exclusion = asExclusion(data.exclusion);
    if (!exclusion) return action;
    const edit = exclusionEdit(text, exclusion, await environmentOf(document.uri), offset);
    // Already applied (or no longer applicable): an empty edit changes nothing.
    const edits = 'edit' in edit ? [{ range: toRange(document, edit.edit), newText: edit.edit.newText }] : [];
    return { ...action, edit: { changes: { [document.uri]: edits } } };
  }
  if (data.tuning !== 'false-positive' || typeof data.caseName !== 'string' || !document.uri.startsWith('file:')) return action;
  const outcome = await worker.run(
    `${document.uri}#tune`,
    { kind: 'tune-case', detection: fileURLToPath(document.uri), text, offset, caseName: data.caseName, deadline: Date.now() + TUNING_DEADLINE_MS },
    await environmentOf(document.uri),
    token,
  );
  const resolved: FalsePositiveActionData = { tuning: 'false-positive', uri: document.uri, offset, caseName: data.caseName };
  // The measured text is only applied to the text it was measured on.
  if ('tuned' in outcome && outcome.tuned.text !== undefined && document.getText() === text) {
    const edit = wholeChange(text, outcome.tuned.text);
    resolved.applied = outcome.tuned.applied;
    return { ...action, data: resolved, edit: { changes: { [document.uri]: [{ range: toRange(document, edit), newText: edit.newText }] } } };
  }
  resolved.problems = 'tuned' in outcome ? outcome.tuned.problems : ['error' in outcome ? outcome.error : 'the detection changed while the exclusion was measured'];
  return { ...action, data: resolved, edit: { changes: { [document.uri]: [] } } };
}

/** One edit covering only what changed between the texts. */
function wholeChange(before: string, after: string): { start: number; end: number; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

function tuningEvent(event: PreviewEvent): { table: string; fields: Record<string, string> } {
  return { table: event.table, fields: Object.fromEntries(event.fields.map((field) => [field.name, field.value])) };
}
