// The command line's access to the file system: finding inputs below paths, reading text.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSpecFileName } from '../testing/discover';
import { readTextFile } from '../testing/fileHost';
import { UsageError } from './exit';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist']);

/** Files below `paths` (files are taken as given) whose names `accept`, sorted within each folder. */
export function findFiles(paths: string[], accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  const visit = (path: string, explicit: boolean) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`${path}: no such file or directory`);
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (!SKIPPED_DIRECTORIES.has(entry)) visit(join(path, entry), false);
      }
    } else if (explicit || accept(path)) found.push(path);
  };
  for (const path of paths) visit(path, true);
  return found;
}

/** The test specs below `roots` (the current folder when none are given); at least one. */
export function findSpecFiles(roots: string[]): string[] {
  const searched = roots.length > 0 ? roots : ['.'];
  const specs = findFiles(searched, isSpecFileName);
  if (specs.length === 0) throw new UsageError(`no test specs (*.test.yaml) found in ${searched.join(', ')}`);
  return specs;
}

export function mustReadText(path: string): string {
  const read = readTextFile(path);
  if ('error' in read) throw new UsageError(read.error);
  return read.text;
}

/** A JSON file's parsed contents; `what` names the file in the error when it is not JSON. */
export function mustReadJson(path: string, what: string): unknown {
  const text = mustReadText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: ${what} is not valid JSON: ${(error as Error).message}`);
  }
}
