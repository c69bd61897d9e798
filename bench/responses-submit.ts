/**
 * Benchmark: child submissions of 30 answers straight to the responses service (signed child
 * identity, as the gateway forwards it): validation from the cached version, one transaction
 * (response row + outbox rows). Invitations and the version are inserted into the responses
 * database first (as the projections would). Prints throughput and latency percentiles.
 * With `--via gateway` the submissions take the public path instead: the child's session token
 * (ES256, signed with identity's own key as identity signs it) verified by the gateway, its rate
 * limit (each simulated child from its own address), then the responses service.
 * For the whole path with freshness, the machine's CPU per submission and the pgbench ceiling, see bench:submit.
 *   npx ts-node --transpile-only -O '{"module":"commonjs"}' bench/responses-submit.ts --profile test --requests 2000 --concurrency 32 [--via gateway]
 */
import { Client } from 'pg';
import { benchArgs, profileEnv } from './profile';
import { benchAnswers, childAddress, childIdentityHeader, childSessionSigner, runLoad, seedInvitations } from './submission';

const args = benchArgs();
const env = profileEnv(args['profile'] || 'test');
const REQUESTS = Number(args['requests'] ?? 2000);
const CONCURRENCY = Number(args['concurrency'] ?? 32);
const VIA_GATEWAY = args['via'] === 'gateway';
const db = (name: string) => `postgresql://postgres@127.0.0.1:5432/delaktig_${name}${env['DB_SUFFIX'] ?? ''}`;

async function main() {
  const responsesDb = new Client({ connectionString: db('responses') });
  await responsesDb.connect();
  const { children } = await seedInvitations(responsesDb, REQUESTS);
  await responsesDb.end();
  const body = JSON.stringify({ answers: benchAnswers() });
  const sign = VIA_GATEWAY ? await childSessionSigner(db('identity')) : null;
  const headers = await Promise.all(
    children.map(async (c, i): Promise<Record<string, string>> => ({
      ...(sign
        ? { authorization: `Bearer ${await sign(c)}`, 'x-forwarded-for': childAddress(i) }
        : { 'x-delaktig-child': await childIdentityHeader(c, env['INTERNAL_TOKEN_SECRET'] as string) }),
      'idempotency-key': `bench-${c.invitationId}`,
    })),
  );
  const url = VIA_GATEWAY ? `http://127.0.0.1:${env['GATEWAY_PORT']}/api/v1/child/response/submit` : `http://127.0.0.1:${env['RESPONSES_PORT']}/child/response/submit`;
  const r = await runLoad(url, body, (i) => headers[i] as Record<string, string>, REQUESTS, CONCURRENCY);
  console.log(JSON.stringify({ path: VIA_GATEWAY ? 'gateway' : 'responses service', answersPerSubmission: 30, ...r, ackedAt: undefined }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
