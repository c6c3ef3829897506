// Entry point of the language server process (dist/server.js). The transport comes from the
// command line as vscode-languageclient passes it: `--node-ipc`, `--stdio` or `--socket=N`.

import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startServer } from './server';
import { warmUp } from './warmup';

const connection = createConnection(ProposedFeatures.all);
redirectConsole(connection);
const warmupMs = warmUp();
startServer(connection, { warmupMs });
connection.listen();

/** With `--stdio`, stdout belongs to the protocol: anything printed goes to the client's log instead. */
function redirectConsole(target: Connection): void {
  console.log = (...args: unknown[]) => target.console.log(format(...args));
  console.info = (...args: unknown[]) => target.console.info(format(...args));
  console.debug = (...args: unknown[]) => target.console.log(format(...args));
  console.warn = (...args: unknown[]) => target.console.warn(format(...args));
  console.error = (...args: unknown[]) => target.console.error(format(...args));
}
