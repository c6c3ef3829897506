// The panel's HTML: a strict Content Security Policy (no inline script or style, only the
// bundled files, scripts only with this page's nonce) and the bundled UI.

import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export function previewHtml(webview: vscode.Webview, distUri: vscode.Uri, joinPath: (base: vscode.Uri, ...parts: string[]) => vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(joinPath(distUri, 'webview.js'));
  const style = webview.asWebviewUri(joinPath(distUri, 'webview.css'));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>KQL Detect Preview</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
