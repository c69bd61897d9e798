import { api, tokenFor, validInvitation, waitFor, withDb } from './support/api';
import { settle } from './support/kafka';

/**
 * The walking skeleton: a signed-in caseworker creates an invitation through the gateway;
 * survey-delivery stores it with its event in the outbox; statistics and audit receive the
 * event over Kafka. Nothing of it is visible to another district.
 */
describe('walking skeleton: invitation → Kafka → statistics and audit', () => {
  let skarpnack: string;
  let norrmalm: string;
  let auditorSkarpnack: string;

  beforeAll(async () => {
    [skarpnack, norrmalm, auditorSkarpnack] = await Promise.all([
      tokenFor('handlaggare.skarpnack'),
      tokenFor('handlaggare.norrmalm'),
      tokenFor('revisor.skarpnack'),
    ]);
  });

  it('shows who is signed in and their district', async () => {
    const me = await api('GET', '/api/v1/me', { token: skarpnack });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ districtId: 'skarpnack', districtName: 'Skarpnäck', roles: expect.arrayContaining(['caseworker']) });
  });

  it('counts a new invitation in the district statistics and writes an audit entry, exactly once', async () => {
    await settle();
    const before = await api('GET', '/api/v1/statistics/participation', { token: skarpnack });
    expect(before.status).toBe(200);
    const norrmalmBefore = await api('GET', '/api/v1/statistics/participation', { token: norrmalm });

    const created = await api('POST', '/api/v1/invitations', { token: skarpnack, body: validInvitation() });
    expect(created.status).toBe(201);
    expect(created.body.invitation).toMatchObject({ districtId: 'skarpnack', ageBand: '6-11' });
    const id = created.body.invitation.id as string;

    const after = await waitFor(
      async () => {
        const r = await api('GET', '/api/v1/statistics/participation', { token: skarpnack });
        return r.body.invitationsCreated === before.body.invitationsCreated + 1 ? r : undefined;
      },
      10_000,
      'statistics to count the invitation',
    );
    expect(after.body.lastEventAt).not.toBeNull();

    const entries = await waitFor(
      async () => {
        const r = await api('GET', '/api/v1/audit/entries?limit=200', { token: auditorSkarpnack });
        // Created (by the caseworker) is what this test is about; sent (by the system) may follow.
        const mine = (r.body.items as { objectId: string; action: string }[]).filter((e) => e.objectId === id && e.action === 'invitation.created');
        return mine.length ? mine : undefined;
      },
      10_000,
      'the audit entry',
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'invitation.created', objectType: 'invitation', districtId: 'skarpnack' });

    // Norrmalm's count did not move and Norrmalm's caseworker cannot see the invitation.
    const norrmalmAfter = await api('GET', '/api/v1/statistics/participation', { token: norrmalm });
    expect(norrmalmAfter.body.invitationsCreated).toBe(norrmalmBefore.body.invitationsCreated);
    const norrmalmList = await api('GET', '/api/v1/invitations', { token: norrmalm });
    expect((norrmalmList.body.items as { id: string }[]).map((i) => i.id)).not.toContain(id);
    const ownList = await api('GET', '/api/v1/invitations', { token: skarpnack });
    expect((ownList.body.items as { id: string }[]).map((i) => i.id)).toContain(id);
  });

  it('keeps the audit hash chain intact and detects tampering', async () => {
    const verify = await api('GET', '/api/v1/audit/verify', { token: auditorSkarpnack });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ districtId: 'skarpnack', intact: true });
    expect(verify.body.entries).toBeGreaterThan(0);
    // The table refuses changes outright.
    await withDb('audit', async (db) => {
      await expect(db.query(`UPDATE audit_entry SET actor = 'someone-else' WHERE district_id = 'skarpnack'`)).rejects.toThrow(/append-only/);
    });
  });

  it('does not let an auditor of one district read another district’s audit log', async () => {
    const r = await api('GET', '/api/v1/audit/entries?districtId=norrmalm', { token: auditorSkarpnack });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('FORBIDDEN');
  });

  it('carries the caller’s trace from the HTTP request into the event', async () => {
    const traceId = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const created = await api('POST', '/api/v1/invitations', {
      token: skarpnack,
      body: validInvitation(),
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(created.status).toBe(201);
    const row = await withDb('survey-delivery', (db) =>
      db.query<{ payload: { traceparent: string; correlationId: string } }>(`SELECT payload FROM outbox_event WHERE key = $1 AND type = 'InvitationCreated'`, [created.body.invitation.id]),
    );
    expect(row.rows[0]?.payload.traceparent).toContain(traceId);
    expect(row.rows[0]?.payload.correlationId).toBe(created.headers.get('x-correlation-id'));
  });
});
