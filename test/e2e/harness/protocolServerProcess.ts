// The local protocol server of the service tests (test/unit/service) in a Node process of its own,
// for the extension host suite (suite/service.test.ts): it answers with the local engine, which the
// extension host does not load. Its certificate is the one the harness made before code-server
// started (KQL_E2E_TLS), so the language server trusts it. Prints `{"url"}` once listening, then one
// `{"received"}` line per request; stops on SIGTERM.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineAnswer } from '../../unit/service/engineAnswer';
import { startProtocolServer } from '../../unit/service/protocolServer';

async function main(): Promise<void> {
  const tls = process.env.KQL_E2E_TLS;
  if (!tls) throw new Error('KQL_E2E_TLS names no folder with key.pem and cert.pem');
  const server = await startProtocolServer({ key: readFileSync(join(tls, 'key.pem')), cert: readFileSync(join(tls, 'cert.pem')) });
  server.answer((request) => {
    console.log(JSON.stringify({ received: request }));
    return engineAnswer(request);
  });
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  console.log(JSON.stringify({ url: server.url }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
