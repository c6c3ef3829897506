// Entry point of the preview webview (dist/webview.js). The extension posts models; the panel
// posts the user's actions back. All event data is rendered as text (see dom.ts).

import type { HostToWebview, PreviewPanelState, WebviewToHost } from '../../server/src/protocol/preview';
import { PreviewApp } from './app';
import './preview.css';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  setState(state: PreviewPanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app');
if (root) {
  const app = new PreviewApp(root, vscode);
  window.addEventListener('message', (event: MessageEvent<HostToWebview>) => app.receive(event.data));
}
