import { api, caseRef, tokenFor, waitFor, withDb } from './support/api';
import { GATEWAY } from './support/env';
import { childWithSafetyAlert, phoneNumbers } from './child-access.support';

/**
 * Every read of a child's data is in the audit log, by construction (issue 11, Deliver 1).
 * The routes come from the running gateway's OpenAPI document: each declares
 * `x-delaktig-child-data` (gateway/src/app/child-data.ts). With one child who went the whole
 * way (an invitation by SMS, answers with a safety alert and free text, feedback):
 * - every `read` route is called as the staff member who may, and its audit entry must
 *   appear with that person, the child's invitation and the declared action — a read route
 *   without a probe here, or whose service does not record it, fails;
 * - every GET route that claims `none` is called as every staff role, and its answer must
 *   not contain anything of the child (invitation id, case reference, the free text) — a
 *   new route that returns a child's data without declaring (and recording) it fails.
 */

const RULE = 'x-delaktig-child-data';
const USERS = {
  caseworker: 'handlaggare.skarpnack',
  'unit-lead': 'enhetschef.skarpnack',
  'district-admin': 'admin.skarpnack',
  auditor: 'revisor.skarpnack',
  'central-analyst': 'analytiker.central',
  'central-auditor': 'revisor.central',
} as const;
type User = keyof typeof USERS;

interface Rule {
  kind: 'read' | 'change' | 'child-session' | 'none';
  records?: string[];
  reason?: string;
}
interface Fixture {
  invitationId: string;
  caseReference: string;
  freeText: string;
  alertId: string;
}

/**
 * How to call each audited read, and what its entry is about: the child's invitation, or
 * (reads of the audit log itself) the log. `skip` names the test that covers a route
 * needing a fixture of its own.
 */
const PROBES: Record<string, { as: User; path?: (f: Fixture) => string; about: 'invitation' | 'log' } | { skip: string }> = {
  'GET /api/v1/invitations': { as: 'caseworker', path: (f) => `/api/v1/invitations?q=${encodeURIComponent(f.caseReference)}`, about: 'invitation' },
  'GET /api/v1/invitations/{id}': { as: 'caseworker', path: (f) => `/api/v1/invitations/${f.invitationId}`, about: 'invitation' },
  'GET /api/v1/invitations/{id}/response': { as: 'caseworker', path: (f) => `/api/v1/invitations/${f.invitationId}/response`, about: 'invitation' },
  'GET /api/v1/invitations/{id}/response/export': { as: 'unit-lead', path: (f) => `/api/v1/invitations/${f.invitationId}/response/export?format=json`, about: 'invitation' },
  'GET /api/v1/invitations/{id}/feedback': { as: 'caseworker', path: (f) => `/api/v1/invitations/${f.invitationId}/feedback`, about: 'invitation' },
  'GET /api/v1/alerts': { as: 'unit-lead', about: 'invitation' },
  'GET /api/v1/audit/entries': { as: 'auditor', about: 'log' },
  'GET /api/v1/audit/review/entries': { as: 'auditor', path: (f) => `/api/v1/audit/review/entries?caseReference=${encodeURIComponent(f.caseReference)}`, about: 'log' },
  'GET /api/v1/audit/review/flags': { as: 'auditor', about: 'log' },
  'GET /api/v1/audit/review/sample': { as: 'auditor', about: 'log' },
  'GET /api/v1/audit/review/export': { as: 'auditor', path: () => '/api/v1/audit/review/export?format=csv', about: 'log' },
  'GET /api/v1/audit/review/flags/{flagId}/reviews': { skip: 'audit-review.int.spec.ts (needs a raised flag)' },
};

/** Path parameters of `none` routes that need a real value to answer at all. */
const GLOBAL_PARAMS: Record<string, string> = { templateId: 'default-6-11', version: 'latest' };

const newPhone = phoneNumbers('9');

const tokens: Partial<Record<User, string>> = {};
const subjects: Partial<Record<User, string>> = {};
const token = async (u: User) => (tokens[u] ??= await tokenFor(USERS[u]));

describe("every read of a child's data is audited (routes from the gateway's OpenAPI document)", () => {
  let operations: { key: string; method: string; path: string; rule: Rule | undefined; roles: string }[];
  let fixture: Fixture;

  beforeAll(async () => {
    for (const u of Object.keys(USERS) as User[]) subjects[u] = (await api('GET', '/api/v1/me', { token: await token(u) })).body.subject;

    const doc = (await api('GET', '/api/docs/openapi.json')).body;
    operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, rule: op[RULE] as Rule | undefined, roles: op.summary ?? '' })),
    );

    // One child the whole way, through the public API.
    const { invitationId, caseReference, freeText, alertId } = await childWithSafetyAlert(await token('caseworker'), newPhone(), caseRef('AUD'));
    await waitFor(
      async () => (await api('GET', `/api/v1/invitations/${invitationId}/response`, { token: await token('caseworker') })).body?.status === 'submitted' || undefined,
      30_000,
      'the answers to reach the caseworker',
    );
    const feedback = await api('POST', `/api/v1/invitations/${invitationId}/feedback`, { token: await token('caseworker'), body: { text: 'Tack för dina svar, vi ses på tisdag.' } });
    expect(feedback.status).toBe(201);
    fixture = { invitationId, caseReference, freeText, alertId };
  }, 180_000);

  it('every route of the API document declares what it does with a child\'s data', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((o) => !o.rule).map((o) => o.key)).toEqual([]);
  });

  it('every audited read is in the audit log with the person, the child and the action, as soon as it was read', async () => {
    const reads = operations.filter((o) => o.rule?.kind === 'read');
    expect(reads.length).toBeGreaterThanOrEqual(6);
    const missingProbe = reads.filter((o) => !PROBES[o.key]).map((o) => o.key);
    expect(missingProbe).toEqual([]);

    const failures: string[] = [];
    for (const op of reads) {
      const probe = PROBES[op.key]!;
      if ('skip' in probe) continue;
      const since = new Date(Date.now() - 1000);
      const r = await fetch(`${GATEWAY}${probe.path ? probe.path(fixture) : op.path}`, { headers: { authorization: `Bearer ${await token(probe.as)}` } });
      if (r.status !== 200) {
        failures.push(`${op.key}: ${r.status} ${(await r.text()).slice(0, 200)}`);
        continue;
      }
      const actor = subjects[probe.as]!;
      const found = await waitFor(
        () =>
          withDb('audit', async (db) => {
            const rows = (
              await db.query(
                `SELECT action FROM audit_entry WHERE actor = $1 AND action = ANY($2) AND recorded_at >= $3 ${probe.about === 'invitation' ? 'AND object_id = $4' : ''}`,
                probe.about === 'invitation' ? [actor, op.rule!.records, since, fixture.invitationId] : [actor, op.rule!.records, since],
              )
            ).rows;
            return rows.length ? rows.map((x) => x.action as string) : undefined;
          }),
        30_000,
        `the audit entry of ${op.key}`,
      ).catch(() => undefined);
      if (!found) failures.push(`${op.key}: no audit entry ${op.rule!.records!.join('|')} by ${probe.as}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("no route that claims to return nothing about a child returns anything of this child, whoever asks", async () => {
    const leaks: string[] = [];
    const gets = operations.filter((o) => o.method === 'GET' && o.rule?.kind === 'none');
    expect(gets.length).toBeGreaterThan(10);
    const needles = [fixture.invitationId, fixture.caseReference, fixture.freeText, fixture.alertId];
    for (const op of gets) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => GLOBAL_PARAMS[name] ?? fixture.invitationId);
      for (const u of Object.keys(USERS) as User[]) {
        const r = await fetch(`${GATEWAY}${path}`, { headers: { authorization: `Bearer ${await token(u)}` } });
        const body = await r.text();
        const hit = needles.find((n) => body.includes(n));
        if (hit) leaks.push(`${op.key} as ${u} returned ${hit === fixture.freeText ? 'the free text' : hit}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 300_000);

  it('the alert badge polls counts that leave no entry, while the alert list records each alert it shows', async () => {
    const lead = subjects['unit-lead']!;
    const count = () =>
      withDb('audit', async (db) => Number((await db.query(`SELECT count(*) FROM audit_entry WHERE actor = $1 AND object_id = $2 AND action = 'safety-alert.read'`, [lead, fixture.invitationId])).rows[0].count));
    const before = await count();
    const summary = await api('GET', '/api/v1/alerts/summary', { token: await token('unit-lead') });
    expect(summary.status).toBe(200);
    expect(summary.body.unacknowledged).toBeGreaterThanOrEqual(1);
    const list = await api('GET', '/api/v1/alerts', { token: await token('unit-lead') });
    expect(list.body.items.map((a: any) => a.id)).toContain(fixture.alertId);
    await waitFor(async () => ((await count()) === before + 1 ? true : undefined), 30_000, 'exactly one new safety-alert.read entry (from the list, none from the summary)');
  }, 60_000);
});

