// The rules' options for a document, from its settings: rule severities, the catalog scope, and
// the extra catalog file, which the server reads (the core never touches files).

import { readFile } from 'node:fs/promises';
import type { LintOptions } from '../rules/lint';
import type { FileProblem } from '../text/problem';
import { resolveSettingPath } from './paths';
import type { Settings } from './settings';

export class LintOptionsCache {
  private readonly bySettings = new WeakMap<Settings, Promise<LintOptions>>();
  private readonly extraFiles = new Map<string, Promise<unknown>>();

  constructor(
    private readonly workspaceFolders: () => string[],
    private readonly report: (problem: FileProblem) => void,
  ) {}

  /** One options object per settings object, so the analysis cache can compare by identity. */
  forDocument(uri: string, settings: Settings): Promise<LintOptions> {
    let options = this.bySettings.get(settings);
    if (!options) {
      options = this.build(uri, settings);
      this.bySettings.set(settings, options);
    }
    return options;
  }

  /** Forgets a changed extra catalog file; returns true when it was in use. */
  fileChanged(file: string): boolean {
    return this.extraFiles.delete(file);
  }

  clear(): void {
    this.extraFiles.clear();
  }

  private async build(uri: string, settings: Settings): Promise<LintOptions> {
    const { extraFile, ...scope } = settings.catalog;
    const options: LintOptions = { rules: settings.rules, catalog: scope };
    if (extraFile) {
      const extra = await this.readExtra(resolveSettingPath(uri, extraFile, this.workspaceFolders()));
      if (extra !== undefined) options.catalog = { ...scope, extra };
    }
    return options;
  }

  private readExtra(file: string): Promise<unknown> {
    let extra = this.extraFiles.get(file);
    if (!extra) {
      extra = readFile(file, 'utf8').then(
        (text) => JSON.parse(text) as unknown,
        (error: Error) => {
          this.report({ file, line: 0, column: 0, message: `Cannot read the extra catalog: ${error.message}` });
          return undefined;
        },
      );
      extra = extra.catch((error: Error) => {
        this.report({ file, line: 0, column: 0, message: `The extra catalog is not valid JSON: ${error.message}` });
        return undefined;
      });
      this.extraFiles.set(file, extra);
    }
    return extra;
  }
}
