// The Kusto environment of a document: the schema setting's tables plus the user's custom table
// files, read from disk relative to the document's workspace folder. Built once per distinct setup.

import { readFile } from 'node:fs/promises';
import { parseCustomSchema, withCustomTables } from '../kusto/customSchema';
import { environmentFor } from '../kusto/environment';
import type { Environment, TableSchema } from '../kusto/globals';
import { resolveSettingPath } from './paths';
import type { Settings } from './settings';
import type { FileProblem } from '../text/problem';

export class Environments {
  private readonly byKey = new Map<string, Promise<Environment>>();
  private readonly filesInUse = new Set<string>();

  constructor(
    private readonly workspaceFolders: () => string[],
    private readonly report: (problem: FileProblem) => void,
  ) {}

  forDocument(uri: string, settings: Settings): Promise<Environment> {
    const files = settings.customSchemaFiles.map((path) => resolveSettingPath(uri, path, this.workspaceFolders()));
    const key = JSON.stringify([settings.schema, files]);
    let environment = this.byKey.get(key);
    if (!environment) {
      environment = this.build(settings, files);
      this.byKey.set(key, environment);
    }
    return environment;
  }

  /** Forgets every environment built from `file` (it changed on disk); returns true when one was. */
  fileChanged(file: string): boolean {
    if (!this.filesInUse.has(file)) return false;
    this.clear();
    return true;
  }

  clear(): void {
    this.byKey.clear();
    this.filesInUse.clear();
  }

  private async build(settings: Settings, files: string[]): Promise<Environment> {
    const tables: TableSchema[] = [];
    for (const file of files) {
      this.filesInUse.add(file);
      tables.push(...(await this.readTables(file)));
    }
    return withCustomTables(environmentFor(settings.schema), tables);
  }

  private async readTables(file: string): Promise<TableSchema[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      this.report({ file, line: 1, column: 1, message: `Cannot read custom schema file: ${(error as Error).message}` });
      return [];
    }
    const { tables, errors } = parseCustomSchema(text);
    for (const error of errors) this.report({ file, ...lineAndColumn(text, error.offset), message: error.message });
    return tables;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
