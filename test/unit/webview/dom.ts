// A browser document for the panel's render functions (happy-dom), installed as the globals the
// webview code uses.

import { Window } from 'happy-dom';

export function installDom(): Window {
  const window = new Window({ url: 'https://webview.test/' });
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.window = window;
  globals.document = window.document;
  globals.Node = window.Node;
  return window;
}
