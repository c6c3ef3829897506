// Tuning in the editor: `kqlDetect.tuning.excludeRow`, which the preview's "Exclude…" runs with
// the row's event. A quick pick lists the exclusions with their measured impact before anything
// is applied. `kqlDetect.test.tuning.excludeRow` runs the same flow choosing the preferred one,
// for the end-to-end tests.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXCLUDE_ROW_COMMAND } from '../../../server/src/protocol/preview';
import type { ExcludeRowArgs, ExclusionProposal } from '../../../server/src/protocol/tuning';
import { excludeRow, impactLine, type Chooser, type ExcludeOutcome } from './choose';

const TEST_EXCLUDE_COMMAND = 'kqlDetect.test.tuning.excludeRow';
const TEST_IMPACT_LINES_COMMAND = 'kqlDetect.test.tuning.impactLines';

export function registerTuning(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EXCLUDE_ROW_COMMAND, async (args: ExcludeRowArgs) => report(await excludeRow(client, args, interactive))),
    vscode.commands.registerCommand(TEST_EXCLUDE_COMMAND, (args: ExcludeRowArgs): Promise<ExcludeOutcome> => excludeRow(client, args, preferredOnly)),
    // What the quick pick's detail lines say, for the end-to-end tests.
    vscode.commands.registerCommand(TEST_IMPACT_LINES_COMMAND, (proposals: ExclusionProposal[]): string[] => proposals.map(impactLine)),
  );
}

interface ProposalItem extends vscode.QuickPickItem {
  proposal: ExclusionProposal;
}

const interactive: Chooser = {
  async pick(proposals) {
    const items: ProposalItem[] = proposals.map((proposal) => ({
      label: `${proposal.force ? '$(warning) ' : proposal.preferred ? '$(star-full) ' : ''}${proposal.title.replace(/ \(removes .*\)$/, '')}`,
      description: proposal.preferred ? 'keeps every true positive, silences the fewest attack variants' : undefined,
      detail: impactLine(proposal),
      proposal,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Exclude this event: fewest attack variants silenced first, impact measured on the sample events, tests and variants',
      matchOnDetail: true,
    });
    return picked?.proposal;
  },
  async confirmLoss(proposal) {
    const lost = proposal.impact.truePositivesLost;
    const answer = await vscode.window.showWarningMessage(
      `This exclusion silences ${lost.length} true positive${lost.length === 1 ? '' : 's'} of the detection's tests: ${lost.join('; ')}. Apply it anyway?`,
      { modal: true },
      'Apply Anyway',
    );
    return answer === 'Apply Anyway';
  },
  async reason(proposal) {
    return await vscode.window.showInputBox({
      title: 'Comment for the allowlist entry',
      prompt: 'Why this is approved, e.g. a change ticket',
      value: proposal.exclusion.comment,
    });
  },
};

/** The end-to-end tests' chooser: the preferred proposal, its own comment, never a loss. */
const preferredOnly: Chooser = {
  pick: (proposals) => Promise.resolve(proposals.find((p) => p.preferred)),
  confirmLoss: () => Promise.resolve(false),
  reason: (proposal) => Promise.resolve(proposal.exclusion.comment),
};

function report(outcome: ExcludeOutcome): void {
  if ('error' in outcome) void vscode.window.showErrorMessage(`KQL Detect: could not exclude this event: ${outcome.error}`);
  else if ('noProposals' in outcome) void vscode.window.showInformationMessage('KQL Detect: no exclusion fits this event that the detection can express.');
  else if ('unchanged' in outcome) void vscode.window.showInformationMessage('KQL Detect: the allowlist already has this entry.');
}
