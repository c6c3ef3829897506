// Entry point of the language server process (filled by the LSP layer).
