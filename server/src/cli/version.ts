// The package's version, shown by `--version` and written into SARIF and JUnit reports.

import { version } from '../../../package.json';

export const VERSION: string = version;
