// Where a path from the settings points: relative paths are taken from the workspace folder that
// holds the document (the innermost one), else the first folder, else the document's directory.

import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function resolveSettingPath(documentUri: string, path: string, workspaceFolders: string[]): string {
  if (isAbsolute(path)) return path;
  const documentPath = documentUri.startsWith('file:') ? fileURLToPath(documentUri) : undefined;
  const holding = workspaceFolders.filter((folder) => documentPath?.startsWith(folder)).sort((a, b) => b.length - a.length);
  const base = holding[0] ?? workspaceFolders[0] ?? (documentPath ? dirname(documentPath) : process.cwd());
  return resolve(base, path);
}
