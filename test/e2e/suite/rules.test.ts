// The detection rules in the real extension host: the seed detection's `classifier-fallthrough`
// warning on `vncviewer.exe`, its link to the rule's doc, and its quick fix applied the way the
// light bulb applies it (code action provider, then workspace edit), after which the warning is gone.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsAfter, fixtureUri, kqlDetect, serverReady, withTimeout } from './kql';

const RULE = 'classifier-fallthrough';
const ENTRY = '"vncviewer.exe"';
/** The seed's VNC branch, before and after the fix adds the entry to it. */
const VNC_BRANCH = 'FileName has_any ("vnc", "tvnserver", "winvnc", "uvnc"), "VNC"';
const VNC_BRANCH_FIXED = 'FileName has_any ("vnc", "tvnserver", "winvnc", "uvnc", "vncviewer.exe"), "VNC"';

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** The rule's findings on the entry `text` in `document`. */
function fallthroughsOn(document: vscode.TextDocument, diagnostics: vscode.Diagnostic[], text: string): vscode.Diagnostic[] {
  return diagnostics.filter((d) => ruleOf(d) === RULE && document.getText(d.range) === text);
}

/** What identifies a set of diagnostics, to tell a new result from a repeat of the last one. */
function summary(diagnostics: vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `${ruleOf(d)} ${d.range.start.line}:${d.range.start.character} ${d.message}`).join('\n');
}

describe('detection rules in the real extension host', () => {
  let uri: vscode.Uri;
  let document: vscode.TextDocument;
  let warning: vscode.Diagnostic;
  let initial: vscode.Diagnostic[];

  before(async () => {
    await serverReady();
    // Its own copy of the seed detection: other suites open and edit theirs.
    uri = fixtureUri('rules.kql');
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(kqlDetect().extensionUri, 'examples', 'rmm', 'remote-desktop-software.kql'), uri, { overwrite: true });
  });

  it(`warns that ${ENTRY} falls through the classifier, with the rule id and a link to its doc`, async () => {
    initial = await diagnosticsAfter(
      uri,
      async () => {
        document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
      },
      (diagnostics) => fallthroughsOn(document, diagnostics, ENTRY).length > 0,
    );
    const found = fallthroughsOn(document, initial, ENTRY);
    assert.equal(found.length, 1, summary(initial));
    warning = found[0];
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.source, 'kql-detect');
    assert.match(warning.message, /'vncviewer\.exe' passes the filter but case\(\) labels it "Other", its default\. It probably belongs to "VNC"\./);

    assert.ok(typeof warning.code === 'object', `the code carries no link: ${String(warning.code)}`);
    assert.equal(warning.code.value, RULE);
    const doc = vscode.Uri.joinPath(kqlDetect().extensionUri, 'docs', 'rules', `${RULE}.md`);
    assert.equal(warning.code.target.toString(), doc.toString());
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(warning.code.target));
    assert.match(page, new RegExp(`^# ${RULE}`, 'm'), 'the link opens the rule doc');
  });

  it('offers the quick fix; applying it adds the entry to the VNC branch and the warning goes away', async () => {
    assert.ok(warning, 'the previous test found the warning');
    const original = document.getText();
    // The resolve count makes VS Code resolve actions that come without their edit (here they carry it).
    const actions = await withTimeout(
      Promise.resolve(vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range, vscode.CodeActionKind.QuickFix.value, 10)),
      'the code actions',
    );
    // The command's actions do not carry their diagnostics back; the fix names the entry it fixes.
    const fixes = actions.filter((action) => action.title.includes(`'vncviewer.exe'`));
    assert.deepEqual(
      fixes.map((fix) => fix.title),
      [`Add 'vncviewer.exe' to the "VNC" branch`],
      `actions offered: ${actions.map((a) => a.title).join(' | ')}`,
    );
    const [fix] = fixes;
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit, 'the fix has its edit');

    const after = await diagnosticsAfter(
      uri,
      async () => assert.equal(await vscode.workspace.applyEdit(fix.edit!), true, 'the edit was applied'),
      (diagnostics) => summary(diagnostics) !== summary(initial),
    );
    assert.equal(document.getText(), original.replace(VNC_BRANCH, VNC_BRANCH_FIXED));
    assert.deepEqual(fallthroughsOn(document, after, ENTRY), [], summary(after));
    // Only that entry was fixed: the other ten still fall through.
    assert.equal(after.filter((d) => ruleOf(d) === RULE).length, initial.filter((d) => ruleOf(d) === RULE).length - 1);
  });
});
