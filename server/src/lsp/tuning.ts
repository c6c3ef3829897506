// Tuning over LSP: the light bulb's exclusions for the false positives the tests know about
// (`codeAction`, edits computed at `codeAction/resolve` from the current text and the action's
// data), and the requests behind the preview's "Exclude…" (`kqlDetect/proposeExclusions`,
// `kqlDetect/exclusionEdit`).

import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeActionKind, CodeActionTriggerKind, type CodeAction, type CodeActionParams, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceRow } from '../engine/index';
import { scalarType } from '../engine/values';
import { environmentFor } from '../kusto/environment';
import type { Environment } from '../kusto/globals';
import { findEvents, pinNow } from '../preview/index';
import { fileHost } from '../preview/fileHost';
import { namesMentioned, queryBlocks } from '../preview/blocks';
import type { PreviewEvent } from '../protocol/preview';
import {
  exclusionEditRequest,
  proposeExclusionsRequest,
  type ExclusionEditParams,
  type ExclusionEditResult,
  type ExclusionProposal,
  type ProposeExclusionsParams,
  type ProposeExclusionsResult,
  type TuningActionData,
} from '../protocol/tuning';
import { resolveSpecPath } from '../testing/bind';
import { fileSpecHost } from '../testing/fileHost';
import { loadSpec } from '../testing/load';
import type { DetectionSpec } from '../testing/spec';
import { asExclusion, exclusionEdit, knownFalsePositives, rankedProposals, TestBench, type ImpactSources, type Proposal, type TuningEvent } from '../tuning/index';
import { toRange } from './convert';
import type { Analysed } from './documents';

/** Exclusions per known false positive in the light bulb: the best few, not every variant. */
const ACTIONS_PER_FALSE_POSITIVE = 3;

export function registerTuningRequests(connection: Connection, documents: TextDocuments<TextDocument>, environmentOf: (uri: string) => Promise<Environment>): void {
  connection.onRequest(proposeExclusionsRequest.method, async (params: ProposeExclusionsParams): Promise<ProposeExclusionsResult> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { error: `${params.textDocument.uri} is not open` };
    const environment = await environmentOf(document.uri);
    const text = document.getText();
    const sources = impactSources(document.uri, text, environment, params.offset, params.events);
    const selected: SourceRow = { table: params.event.table, row: params.event.row };
    const proposals = rankedProposals(text, tuningEvent(params.event), sources, { selected });
    return { proposals: proposals.map(toProposal) };
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
 * The light bulb's exclusions. Measuring them runs the detection's tests several times, so they
 * are computed only when the user asks for code actions (not on every cursor move), and only in
 * a detection that has a test spec documenting false positives.
 */
export function tuningCodeActions({ document, setup }: Analysed, params: CodeActionParams): CodeAction[] {
  if (params.context.triggerKind !== CodeActionTriggerKind.Invoked) return [];
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const text = document.getText();
  const offset = document.offsetAt(params.range.start);
  if (!queryBlocks(text).some((block) => block.start <= offset && offset <= block.end)) return [];
  const sources = impactSources(document.uri, text, setup.environment, offset);
  if (!sources.tests) return [];
  const actions: CodeAction[] = [];
  for (const { caseName, event } of knownFalsePositives(text, sources.tests)) {
    const proposals = rankedProposals(text, event, sources).slice(0, ACTIONS_PER_FALSE_POSITIVE);
    for (const proposal of proposals) {
      const data: TuningActionData = { tuning: 'exclusion', uri: document.uri, offset, exclusion: proposal.exclusion };
      const action: CodeAction = { title: `${proposal.title} [${caseName}]`, kind: CodeActionKind.QuickFix, data };
      if (proposal.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}

/** `codeAction/resolve`: the edit of a tuning action, from the document's current text. */
export async function resolveTuningAction(action: CodeAction, documents: TextDocuments<TextDocument>, environmentOf: (uri: string) => Promise<Environment>): Promise<CodeAction> {
  const data = action.data as Partial<TuningActionData> | undefined;
  if (data?.tuning !== 'exclusion' || typeof data.uri !== 'string') return action;
  const document = documents.get(data.uri);
  const exclusion = asExclusion(data.exclusion);
  if (!document || !exclusion) return action;
  const edit = exclusionEdit(document.getText(), exclusion, await environmentOf(document.uri), typeof data.offset === 'number' ? data.offset : undefined);
  // Already applied (or no longer applicable): an empty edit changes nothing.
  const edits = 'edit' in edit ? [{ range: toRange(document, edit.edit), newText: edit.edit.newText }] : [];
  return { ...action, edit: { changes: { [document.uri]: edits } } };
}

/** The detection's sample events (found as the preview finds them) and its tests, when it has them. */
function impactSources(uri: string, text: string, environment: Environment, offset?: number, chosen?: string[]): ImpactSources {
  if (!uri.startsWith('file:')) return { environment, offset };
  const detection = fileURLToPath(uri);
  const blocks = queryBlocks(text);
  const block = (offset === undefined ? undefined : blocks.find((b) => b.start <= offset && offset <= b.end)) ?? blocks.at(-1);
  const knownTables = new Set(environment.tables.map((t) => t.name));
  const source = findEvents(detection, fileHost, { chosen, tablesRead: namesMentioned(block?.text ?? '', knownTables), knownTables });
  const sources: ImpactSources = { environment, offset };
  if (source.bindings.length > 0) {
    const provider = fileHost.loadEvents(
      source.bindings.map(({ table, files }) => ({
        table,
        files,
        schema: environment.tables.find((t) => t.name === table)?.columns.map((c) => ({ name: c.name, type: scalarType(c.type) ?? 'dynamic' })),
      })),
    );
    sources.sample = { provider, now: pinNow(undefined, source.now, provider, Date.now()).ticks };
  }
  const spec = specOf(detection);
  if (spec) sources.tests = new TestBench(spec, fileSpecHost, environmentFor(spec.schema));
  return sources;
}

/** The test spec beside the detection that names it: `<name>.test.yaml` first, then any other. */
function specOf(detection: string): DetectionSpec | undefined {
  const folder = dirname(detection);
  const stem = basename(detection).replace(/\.(kql|csl|kusto)$/i, '');
  const own = [`${stem}.test.yaml`, `${stem}.test.yml`];
  const others = fileHost.list(folder).filter((name) => /\.test\.ya?ml$/.test(name) && !own.includes(name));
  for (const name of [...own, ...others]) {
    const file = join(folder, name);
    if (fileHost.kind(file) !== 'file') continue;
    const read = fileHost.readText(file);
    if ('error' in read) continue;
    const { spec } = loadSpec(read.text, file);
    if (spec && resolve(resolveSpecPath(file, spec.detection)) === resolve(detection)) return spec;
  }
  return undefined;
}

function tuningEvent(event: PreviewEvent): TuningEvent {
  return { table: event.table, fields: Object.fromEntries(event.fields.map((field) => [field.name, field.value])) };
}

function toProposal(proposal: Proposal): ExclusionProposal {
  const { impact } = proposal;
  return {
    title: proposal.title,
    exclusion: proposal.exclusion,
    preferred: proposal.preferred,
    force: proposal.force,
    impact: {
      sampleRows: impact.sampleRows,
      removedRows: impact.removed.length,
      removesSelected: impact.removesSelected,
      truePositives: impact.truePositives,
      truePositivesLost: impact.truePositivesLost,
      falsePositivesSilenced: impact.falsePositivesSilenced,
      problems: impact.problems,
    },
  };
}
