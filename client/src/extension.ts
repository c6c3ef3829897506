// Entry point of the VS Code extension.
