import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TOPICS } from '@delaktig/contracts';
import { api, tokenFor, validInvitation, waitFor, withDb } from './support/api';
import { REPO_ROOT } from './support/env';
import { settle, waitForConsumers } from './support/kafka';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber, signInWithBankId, targetOf } from '../support/staff-sign-in';
import { keptAndRecomputedCounts } from './support/statistics';

const restartPostgres = () => execFileSync('bash', [join(REPO_ROOT, 'infra', 'postgres.sh'), 'restart'], { stdio: 'pipe', timeout: 120_000 });

const createdInStatistics = () =>
  withDb('statistics', async (db) =>
    Number((await db.query(`SELECT invitations_created FROM district_participation WHERE district_id = 'skarpnack'`)).rows[0]?.invitations_created ?? 0),
  );

/**
 * "Nothing lost, nothing duplicated": PostgreSQL is restarted (every connection of every
 * service cut) while caseworkers keep creating invitations. Requests during the restart
 * may be refused with a 5xx problem, but every one that was acknowledged (201) is stored,
 * reaches statistics and audit exactly once, and the services recover without a restart.
 */
describe('PostgreSQL restart under load', () => {
  it('keeps every acknowledged invitation exactly once and recovers by itself', async () => {
    const token = await tokenFor('handlaggare.skarpnack');
    await settle();
    const before = await createdInStatistics();

    const acked: string[] = [];
    const refused: number[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const r = await api('POST', '/api/v1/invitations', { token, body: validInvitation() }).catch(() => ({ status: 0, body: undefined }));
        if (r.status === 201) acked.push(r.body.invitation?.id ?? r.body.id);
        else refused.push(r.status);
        await new Promise((res) => setTimeout(res, 50));
      }
    };
    const workers = [worker(), worker(), worker()];
    await new Promise((res) => setTimeout(res, 3_000));
    restartPostgres();
    await new Promise((res) => setTimeout(res, 8_000));
    stop = true;
    await Promise.all(workers);

    expect(acked.length).toBeGreaterThan(20);
    // Refusals, if any, are honest server-side errors (never a 4xx blaming the caseworker).
    expect(refused.every((s) => s === 0 || s >= 500)).toBe(true);

    // After the restart the service accepts new work again by itself.
    await waitFor(async () => (await api('POST', '/api/v1/invitations', { token, body: validInvitation() })).status === 201 || undefined, 60_000, 'invitations to be accepted again');

    const stored = await withDb('survey-delivery', async (db) => Number((await db.query('SELECT count(*) FROM invitation WHERE id = ANY($1)', [acked])).rows[0].count));
    expect(stored).toBe(acked.length);

    await waitFor(async () => ((await createdInStatistics()) >= before + acked.length + 1 ? true : undefined), 90_000, 'statistics to catch up');
    await waitForConsumers(TOPICS.invitation, ['statistics', 'audit'], 60_000);
    expect((await createdInStatistics()) - before).toBe(acked.length + 1); // no loss, no duplicates
    // The dashboard's kept counts equal a recomputation from the rows.
    const counts = await keptAndRecomputedCounts();
    expect(counts.kept).toEqual(counts.recomputed);

    const audit = await withDb('audit', (db) =>
      db.query<{ object_id: string; n: number }>(`SELECT object_id, count(*)::int AS n FROM audit_entry WHERE object_id = ANY($1) AND action = 'invitation.created' GROUP BY object_id`, [acked]),
    );
    expect(audit.rows).toHaveLength(acked.length);
    expect(audit.rows.every((r) => r.n === 1)).toBe(true);

    // Staff can still sign in afterwards: Keycloak (also on PostgreSQL) validates its pooled
    // connections instead of failing the first sign-in after the restart.
    const fresh = await signInWithBankId(targetOf(process.env['DELAKTIG_PROFILE'] ?? 'test'), demoPersonalNumber('enhetschef.skarpnack'));
    expect((await api('GET', '/api/v1/me', { token: fresh.accessToken })).body).toMatchObject({ districtId: 'skarpnack', roles: ['unit-lead'] });
  }, 300_000);
});
