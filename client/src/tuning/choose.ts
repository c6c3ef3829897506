// The "Exclude…" flow, independent of how choices are asked: measure the proposals, let the user
// pick one (seeing each one's impact), confirm a force variant, take a reason, then ask the
// server for the edit of the current text and apply it.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  exclusionEditRequest,
  proposeExclusionsRequest,
  type ExcludeRowArgs,
  type ExclusionEditResult,
  type ExclusionProposal,
  type ProposeExclusionsResult,
} from '../../../server/src/protocol/tuning';

/** How the flow asks the user; the command uses VS Code's UI, the end-to-end tests a script. */
export interface Chooser {
  pick(proposals: readonly ExclusionProposal[]): Promise<ExclusionProposal | undefined>;
  /** True to apply a proposal that loses true positives. */
  confirmLoss(proposal: ExclusionProposal): Promise<boolean>;
  /** The entry's comment (a reason or ticket); undefined cancels. */
  reason(proposal: ExclusionProposal): Promise<string | undefined>;
}

export type ExcludeOutcome =
  | { applied: ExclusionProposal }
  | { cancelled: true }
  | { unchanged: true }
  | { noProposals: true }
  | { error: string };

export async function excludeRow(client: LanguageClient, args: ExcludeRowArgs, chooser: Chooser): Promise<ExcludeOutcome> {
  const uri = vscode.Uri.parse(args.uri);
  // The server computes from the open document: open it if the preview outlived its editor.
  const document = await vscode.workspace.openTextDocument(uri);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'KQL Detect: measuring exclusions on the sample events and tests…' },
    () =>
      client.sendRequest<ProposeExclusionsResult>(proposeExclusionsRequest.method, {
        textDocument: { uri: args.uri },
        event: args.event,
        offset: args.offset,
        events: args.events,
      }),
  );
  if ('error' in result) return { error: result.error };
  if (result.proposals.length === 0) return { noProposals: true };

  const chosen = await chooser.pick(result.proposals);
  if (!chosen) return { cancelled: true };
  if (chosen.force && !(await chooser.confirmLoss(chosen))) return { cancelled: true };
  const comment = await chooser.reason(chosen);
  if (comment === undefined) return { cancelled: true };

  const edit = await client.sendRequest<ExclusionEditResult>(exclusionEditRequest.method, {
    textDocument: { uri: args.uri },
    exclusion: { ...chosen.exclusion, comment },
    offset: args.offset,
  });
  if ('error' in edit || 'unchanged' in edit) return edit;
  if (edit.version !== document.version) return { error: 'the detection changed while the edit was computed: try again' };
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const { range, newText } of edit.edits) {
    workspaceEdit.replace(uri, new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character), newText);
  }
  return (await vscode.workspace.applyEdit(workspaceEdit)) ? { applied: chosen } : { error: 'VS Code did not apply the edit' };
}

/** One line on what the exclusion changes, as the quick pick shows it. */
export function impactLine(proposal: ExclusionProposal): string {
  const { impact } = proposal;
  const parts = [`removes ${impact.removedRows} of ${impact.sampleRows} alerts${impact.removesSelected ? ' (this one included)' : ''}`];
  if (impact.truePositivesLost.length > 0) parts.push(`LOSES ${impact.truePositivesLost.length} of ${impact.truePositives} true positives: ${impact.truePositivesLost.join('; ')}`);
  else if (impact.truePositives > 0) parts.push(`keeps all ${impact.truePositives} true positives`);
  else parts.push(`no true positives to check against: ${impact.variantsSilenced.length} attack variant${impact.variantsSilenced.length === 1 ? '' : 's'} silenced`);
  // The blast radius: which attack variants go quiet with it, by name.
  if (impact.truePositives > 0) parts.push(`silences ${impact.variantsSilenced.length} of ${impact.variantsChecked} attack variants${impact.variantsSilenced.length > 0 ? `: ${impact.variantsSilenced.slice(0, 3).join('; ')}${impact.variantsSilenced.length > 3 ? '; …' : ''}` : ''}`);
  parts.push(`scope: ${impact.scope}`);
  if (impact.falsePositivesSilenced.length > 0) parts.push(`silences: ${impact.falsePositivesSilenced.join('; ')}`);
  if (impact.problems.length > 0) parts.push(`not fully measured: ${impact.problems[0]}`);
  parts.push(...proposal.notes);
  return parts.join(' · ');
}
