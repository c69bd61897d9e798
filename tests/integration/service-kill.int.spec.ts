import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@delaktig/contracts';
import { waitFor, withDb } from './support/api';
import { PROFILE, REPO_ROOT } from './support/env';
import { settle, waitForConsumers } from './support/kafka';
import { asChild, invite, opt, publishVersion, rowExists, staff, type Inv } from './support/responses';
import { keptAndRecomputedCounts } from './support/statistics';

const RUN_DIR = join(process.env['DELAKTIG_RUN_DIR'] ?? join(REPO_ROOT, '.run'), PROFILE);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** SIGKILL: no shutdown hooks, in-flight requests and uncommitted batches simply vanish. */
const killHard = (name: string) => process.kill(Number(readFileSync(join(RUN_DIR, `${name}.pid`), 'utf8').trim()), 'SIGKILL');
/** infra/services.sh starts what is not running (and leaves the rest alone). */
const startServices = () => execFileSync('bash', [join(REPO_ROOT, 'infra', 'services.sh'), 'start', PROFILE], { stdio: 'pipe', timeout: 240_000 });

const INVITATIONS = 240;
const answers = () => [opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'neutral'), { questionId: 'home-talk', value: { kind: 'flag', on: false } }];

/**
 * "Nothing lost" when a process dies: children submit answers while the responses service
 * (which acknowledges them) and the statistics consumer are killed with SIGKILL and started
 * again. Every child retries with the same Idempotency-Key until acknowledged. Afterwards
 * every acknowledged answer is stored once, announced once, counted once in statistics and
 * audited once; the dashboard's counts equal a recomputation.
 */
describe('a service killed under load', () => {
  afterAll(() => {
    startServices(); // never leave a service down for the next suite
  });

  it('loses and duplicates no acknowledged answer when responses and statistics are killed while children submit', async () => {
    const caseworker = await staff('handlaggare.skarpnack');
    const { versionId } = await publishVersion();
    const invs: Inv[] = [];
    for (let i = 0; i < INVITATIONS; i++) invs.push(await invite(caseworker, versionId, { wait: false }));
    await Promise.all(invs.map((i) => rowExists('invitation', i.invitationId)));
    await settle();

    const acknowledged = new Map<string, string>();
    let failedAttempts = 0;
    const submit = async (inv: Inv) => {
      const key = randomUUID();
      for (;;) {
        const r = await asChild(inv, 'POST', '/response/submit', { answers: answers() }, { 'idempotency-key': key }).catch(() => null);
        if (r && (r.status === 201 || r.status === 200)) {
          acknowledged.set(inv.invitationId, r.body.responseId as string);
          return;
        }
        failedAttempts++;
        await sleep(250);
      }
    };
    const queue = [...invs];
    const children = Array.from({ length: 6 }, async () => {
      for (let inv = queue.shift(); inv; inv = queue.shift()) await submit(inv);
    });
    const killer = (async () => {
      while (acknowledged.size < 20) await sleep(5);
      killHard('responses');
      killHard('statistics');
      await sleep(1500);
      startServices();
    })();
    await Promise.all([...children, killer]);

    const ids = invs.map((i) => i.invitationId);
    expect(acknowledged.size).toBe(INVITATIONS);
    expect(failedAttempts).toBeGreaterThan(0); // the kill really happened under load

    // Stored once, with the acknowledged id; announced once.
    const stored = await withDb('responses', async (db) => (await db.query(`SELECT invitation_id::text AS i, id::text AS r, status FROM response WHERE invitation_id = ANY($1)`, [ids])).rows);
    expect(stored).toHaveLength(INVITATIONS);
    for (const row of stored) expect({ r: row.r, status: row.status }).toEqual({ r: acknowledged.get(row.i), status: 'submitted' });
    const announced = await withDb('responses', async (db) =>
      (await db.query(`SELECT count(*)::int AS n, count(DISTINCT key)::int AS d FROM outbox_event WHERE type = 'ResponseSubmitted' AND key = ANY($1)`, [ids])).rows[0],
    );
    expect(announced).toEqual({ n: INVITATIONS, d: INVITATIONS });

    // Counted once in statistics and audited once, after the consumers have caught up.
    await waitForConsumers(TOPICS.response, ['statistics', 'audit'], 120_000);
    const counted = await waitFor(
      () =>
        withDb('statistics', async (db) => {
          const n = (await db.query(`SELECT count(*)::int AS n FROM invitation_progress WHERE submitted_at IS NOT NULL AND invitation_id = ANY($1)`, [ids])).rows[0].n as number;
          return n === INVITATIONS ? n : undefined;
        }),
      60_000,
      'statistics to count every submission',
    );
    expect(counted).toBe(INVITATIONS);
    const audited = await withDb('audit', async (db) =>
      (await db.query(`SELECT object_id, count(*)::int AS n FROM audit_entry WHERE action = 'response.submitted' AND object_id = ANY($1) GROUP BY object_id`, [ids])).rows,
    );
    expect(audited).toHaveLength(INVITATIONS);
    expect(audited.every((r) => r.n === 1)).toBe(true);
    const counts = await keptAndRecomputedCounts();
    expect(counts.kept).toEqual(counts.recomputed);
  }, 300_000);
});
