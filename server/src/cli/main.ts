// Entry point of the kql-detect command line: dispatches to one module per command.
// Every error a user can cause ends as one clear line and exit code 2, never a stack trace.

import { startupSnapshot } from 'node:v8';
import { catalogCommand } from './commands/catalog';
import { connectionCommand } from './commands/connection';
import { diffCommand } from './commands/diff';
import { exportCommand } from './commands/export';
import { fmtCommand } from './commands/fmt';
import { inlineCommand } from './commands/inline';
import { lintCommand } from './commands/lint';
import { runCommand } from './commands/run';
import { supportCommand } from './commands/support';
import { previewCommand } from './preview';
import { testCommand } from './commands/test';
import { tuneCommand } from './commands/tune';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit';
import { processOutput, type Output } from './output';
import { VERSION } from './version';

const HELP = `Usage: kql-detect <command> [options]

Detection engineering for Microsoft Sentinel and Defender KQL, offline.

Commands:
  lint <paths…>                  diagnostics and detection rules (text, json, sarif)
  run <detection> --events FILE… evaluate a detection on sample events with the local engine
                 --connection NAME  or on a service (ADX, Log Analytics / Sentinel, Defender)
  inline <detection> --events FILE… the detection with its events as datatables, for any Kusto tool
  diff <spec> --connection NAME  the spec's cases on the local engine and on a service: what differs
  connection test NAME           sign in to a configured service connection and run a probe query
  preview <detection>            the editor's preview in the terminal: funnel, families, flags, rows
  test [paths…]                  run detection test specs (*.test.yaml); human or junit report
  support [paths…]               per query block: does the local engine run it, and what blocks it
  tune <detection> --event F:L   exclusions for a false positive, with their blast radius (text, json)
  catalog                        list the RMM families and binaries of the bundled catalog
  fmt [--check|--write] <paths…> format KQL files with Kusto's formatter (--check for CI)
  export <rule> --to yaml|arm|graph  a rule in another format: analytic-rule YAML, ARM, custom detection

Run 'kql-detect <command> --help' for a command's options.

Exit codes:
  0  success
  1  findings: lint errors (or warnings over --max-warnings), failing tests, run errors
  2  usage or input errors: bad arguments, unreadable files, invalid specs or events
`;

const COMMANDS: Record<string, (args: string[], output: Output) => number | Promise<number>> = {
  lint: lintCommand,
  run: runCommand,
  inline: inlineCommand,
  diff: diffCommand,
  connection: connectionCommand,
  preview: previewCommand,
  test: testCommand,
  support: supportCommand,
  tune: tuneCommand,
  catalog: catalogCommand,
  fmt: fmtCommand,
  export: exportCommand,
};

export async function main(args: string[], output: Output): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    output.out(HELP);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === '--version' || command === '-v') {
    output.out(`${VERSION}\n`);
    return EXIT_OK;
  }
  const handler = COMMANDS[command];
  try {
    if (!handler) throw new UsageError(`unknown command '${command}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return await handler(rest, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`kql-detect: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // A bug of ours, not the user's input: say so in one line, without a stack trace.
    output.err(`kql-detect: internal error: ${(error as Error).message ?? String(error)}\n`);
    return EXIT_USAGE;
  }
}

// A start-up snapshot (snapshot.ts) loads this module while it is built and calls main when it wakes.
if (!startupSnapshot.isBuildingSnapshot()) void main(process.argv.slice(2), processOutput).then((code) => (process.exitCode = code));
