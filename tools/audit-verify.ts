/**
 * npm run audit:verify -- [--profile dev|test] [--district <id>]
 *
 * Recomputes each district's audit Merkle tree and hash chain from the rows of the audit
 * database, checks every entry's seal and compares the tree with the last checkpoint read back
 * from Kafka (signature checked with the public key), naming the first altered, missing or
 * reordered entry and whether the log was truncated or recomputed (ADR 0014). Exit 0 when every
 * district is intact, 1 when not. DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX and
 * AUDIT_CHECKPOINT_PUBLIC_KEY (or _SIGNING_KEY) win over the profile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { DISTRICT_IDS } from '../libs/contracts/src/lib/districts';
import { AUDIT_DEV_SECRETS } from '../libs/config/src/lib/settings';
import { CheckpointReader } from '../services/audit/src/app/checkpoints';
import { loadAuditKeys } from '../services/audit/src/app/keys';
import { entryPages, StoredEntry, verifyDistrict } from '../services/audit/src/app/verifier';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const profile = arg('--profile') ?? 'dev';
const only = arg('--district');

const envFile = readFileSync(join(__dirname, '..', 'infra', 'env', `${profile}.env`), 'utf8');
const fromProfile = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(envFile)?.[1]?.trim();
const setting = (key: string) => process.env[key] ?? fromProfile(key);

async function main(): Promise<number> {
  const databaseUrl =
    process.env['DATABASE_URL'] ??
    `postgresql://${process.env['PGUSER'] ?? 'postgres'}@${process.env['PGHOST'] ?? '127.0.0.1'}:${process.env['PGPORT'] ?? '5432'}/delaktig_audit${fromProfile('DB_SUFFIX') ?? ''}`;
  const publicKey = setting('AUDIT_CHECKPOINT_PUBLIC_KEY');
  const keys = loadAuditKeys(publicKey ? undefined : (setting('AUDIT_CHECKPOINT_SIGNING_KEY') ?? AUDIT_DEV_SECRETS.AUDIT_CHECKPOINT_SIGNING_KEY), publicKey);
  const kafka = new Kafka({ clientId: 'audit-verify', brokers: (setting('KAFKA_BROKERS') ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
  const reader = new CheckpointReader(kafka, keys, setting('KAFKA_TOPIC_PREFIX') ?? '', { partitions: 6, replicationFactor: 1 });
  const db = new Client({ connectionString: databaseUrl, application_name: 'audit-verify' });
  await db.connect();
  try {
    if (!(await reader.caughtUp(30_000))) throw new Error('could not read the checkpoint topic to its end');
    const logId = (await db.query<{ id: string }>('SELECT id::text AS id FROM audit_log_instance')).rows[0].id;
    const districts = only ? [only] : [...DISTRICT_IDS];
    let intact = true;
    for (const districtId of districts) {
      const pages = () => entryPages(async (sql, params) => (await db.query<StoredEntry>(sql, params)).rows, districtId);
      const head = await db.query<{ n: string }>(`SELECT tree_size::text AS n FROM audit_chain_head WHERE district_id = $1`, [districtId]);
      const r = await verifyDistrict(districtId, pages(), keys, await reader.latestFor(logId, districtId), Number(head.rows[0]?.n ?? 0));
      if (r.entries === 0 && !r.checkpoint) continue;
      intact &&= r.intact;
      const cp = r.checkpoint ? `checkpoint ${r.checkpoint.treeSize} @ ${r.checkpoint.issuedAt}${r.checkpoint.matches ? ' matches' : ' DIFFERS'}` : 'no checkpoint yet';
      console.log(`${r.intact ? 'ok  ' : 'FAIL'} ${districtId}: ${r.entries} entries, ${cp}`);
      if (r.firstProblem) {
        const p = r.firstProblem;
        console.log(`     first problem: ${p.kind} at position ${p.position ?? '?'}${p.seq ? ` (seq ${p.seq})` : ''}: ${p.detail}`);
        console.log(`     truncated: ${r.truncated ? 'yes' : 'no'}, recomputed: ${r.recomputed ? 'yes' : 'no'}`);
      }
    }
    console.log(intact ? 'audit log intact' : 'audit log NOT intact');
    return intact ? 0 : 1;
  } finally {
    await reader.stop();
    await db.end();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`audit:verify failed: ${(e as Error).message}`);
    process.exit(2);
  },
);
