import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TOPICS } from '@delaktig/contracts';
import { api, tokenFor, validInvitation, waitFor, withDb } from './support/api';
import { REPO_ROOT } from './support/env';
import { settle, waitForConsumers } from './support/kafka';
import { keptAndRecomputedCounts } from './support/statistics';

const kafkaSh = (cmd: 'start' | 'stop') => execFileSync('bash', [join(REPO_ROOT, 'infra', 'kafka.sh'), cmd], { stdio: 'pipe', timeout: 120_000 });

/**
 * "Nothing lost": with the broker down for 30 s, caseworkers can still create
 * invitations (the outbox keeps the events); when Kafka returns, every event reaches
 * statistics and audit exactly once.
 */
describe('Kafka outage', () => {
  afterAll(() => {
    kafkaSh('start'); // never leave the broker down for the next suite
  });

  it('delivers every invitation created while Kafka was down exactly once to statistics and audit', async () => {
    const token = await tokenFor('handlaggare.skarpnack');
    await settle();
    const countBefore = await withDb('statistics', async (db) =>
      Number((await db.query(`SELECT invitations_created FROM district_participation WHERE district_id = 'skarpnack'`)).rows[0]?.invitations_created ?? 0),
    );

    kafkaSh('stop');
    const ids: string[] = [];
    const downSince = Date.now();
    while (Date.now() - downSince < 30_000) {
      const r = await api('POST', '/api/v1/invitations', { token, body: validInvitation() });
      expect(r.status).toBe(201); // accepted while Kafka is down
      ids.push(r.body.invitation.id);
      await new Promise((res) => setTimeout(res, 250));
    }
    const unpublished = await withDb('survey-delivery', async (db) =>
      Number((await db.query(`SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND type = 'InvitationCreated' AND key = ANY($1)`, [ids])).rows[0].count),
    );
    expect(unpublished).toBe(ids.length); // held back in the outbox, not lost (the SMS went out meanwhile: InvitationSent waits too)
    kafkaSh('start');

    await waitFor(
      async () =>
        withDb('statistics', async (db) => {
          const n = Number((await db.query(`SELECT invitations_created FROM district_participation WHERE district_id = 'skarpnack'`)).rows[0]?.invitations_created ?? 0);
          return n >= countBefore + ids.length ? n : undefined;
        }),
      90_000,
      'statistics to catch up after Kafka returned',
    );
    await waitForConsumers(TOPICS.invitation, ['statistics', 'audit'], 60_000);

    const countAfter = await withDb('statistics', async (db) =>
      Number((await db.query(`SELECT invitations_created FROM district_participation WHERE district_id = 'skarpnack'`)).rows[0].invitations_created),
    );
    expect(countAfter - countBefore).toBe(ids.length); // exactly once: no loss, no duplicates

    const audit = await withDb('audit', (db) =>
      db.query<{ object_id: string; n: number }>(`SELECT object_id, count(*)::int AS n FROM audit_entry WHERE object_id = ANY($1) AND action = 'invitation.created' GROUP BY object_id`, [ids]),
    );
    expect(audit.rows).toHaveLength(ids.length);
    expect(audit.rows.every((r) => r.n === 1)).toBe(true);

    // The dashboard's kept counts equal a recomputation from the rows.
    const counts = await keptAndRecomputedCounts();
    expect(counts.kept).toEqual(counts.recomputed);

    const auditor = await tokenFor('revisor.skarpnack');
    const verify = await api('GET', '/api/v1/audit/verify', { token: auditor });
    expect(verify.body.intact).toBe(true);
  }, 240_000);
});
