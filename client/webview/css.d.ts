// esbuild bundles the panel's stylesheet to dist/webview.css; for the type checker a CSS import is only a side effect.
declare module '*.css';
