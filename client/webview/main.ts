// Entry point of the preview webview.
