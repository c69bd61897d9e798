/**
 * The auditors' log review (issue 11 deliver 3, ADR 0016), through the gateway with real
 * Keycloak tokens: "who has read this child's answers" by case reference, with person, time
 * and action; flags for reads outside one's own invitations, many children in a short time,
 * outside office hours and after the invitation ended, each with a review; a random sample;
 * CSV and PDF exports; and every one of these reads of the log is itself in the log. A
 * district auditor sees only their district; the central auditor any.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  createEvent,
  InvitationCreatedV2,
  InvitationRevokedV1,
  ResponseAccessedV1,
  type EventDefinition,
} from '@delaktig/contracts';
import { api, caseRef, tokenFor, validInvitation, waitFor, withDb } from './support/api';
import { GATEWAY, TOPIC_PREFIX } from './support/env';
import { kafka } from './support/kafka';
import { staff, type Staff } from './support/responses';

type Ev = { def: EventDefinition; data: unknown; key: string; at?: Date };

async function publishAll(events: Ev[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (const e of events) {
      const event = createEvent(e.def, e.data as never, { key: e.key, source: 'integration-test', correlationId: randomUUID(), occurredAt: e.at });
      await producer.send({ topic: `${TOPIC_PREFIX}${e.def.topic}`, messages: [{ key: e.key, value: JSON.stringify(event) }] });
    }
  } finally {
    await producer.disconnect();
  }
}

const invitationCreated = (invitationId: string, by: Staff, at: Date, childRef = createHash('sha256').update(invitationId).digest('hex')): Ev => ({
  def: InvitationCreatedV2,
  key: invitationId,
  at,
  data: {
    invitationId,
    districtId: 'skarpnack',
    unitId: by.unit,
    ageBand: '6-11',
    createdBy: by.sub,
    createdAt: at.toISOString(),
    questionnaireVersionId: randomUUID(),
    expiresAt: new Date(at.getTime() + 14 * 86_400_000).toISOString(),
    language: 'sv',
    channel: 'sms',
    discreet: false,
    gender: 'girl',
    birthYear: new Date().getUTCFullYear() - 9,
    occasion: 1,
    childRef,
  },
});
const accessed = (invitationId: string, actor: string, at: Date, action = 'view'): Ev => ({
  def: ResponseAccessedV1,
  key: invitationId,
  at,
  data: { invitationId, districtId: 'skarpnack', actor, action, at: at.toISOString() },
});

async function auditEntries(where: string, params: unknown[]): Promise<{ action: string; actor: string; district_id: string; object_id: string }[]> {
  return withDb('audit', async (db) => (await db.query(`SELECT action, actor, district_id, object_id FROM audit_entry WHERE ${where} ORDER BY seq`, params)).rows);
}

describe('audit: the log review for auditors', () => {
  let caseworker: Staff;
  let lead: Staff;
  let auditor: Staff;
  let norrmalmAuditor: Staff;
  let centralAuditor: Staff;

  beforeAll(async () => {
    [caseworker, lead, auditor, norrmalmAuditor, centralAuditor] = await Promise.all(
      ['handlaggare.skarpnack', 'enhetschef.skarpnack', 'revisor.skarpnack', 'revisor.norrmalm', 'revisor.central'].map((u) => staff(u)),
    );
  }, 120_000);

  describe("who has read this child's answers", () => {
    const reference = caseRef('LOG');
    let invitationId: string;

    beforeAll(async () => {
      const created = await api('POST', '/api/v1/invitations', { token: caseworker.token, body: validInvitation({ caseReference: reference }) });
      expect(created.status).toBe(201);
      invitationId = created.body.invitation.id;
      // The caseworker and the unit lead open the answers (responses learns of the invitation over Kafka first).
      await waitFor(async () => (await api('GET', `/api/v1/invitations/${invitationId}/response`, { token: caseworker.token })).status === 200 || undefined, 30_000, 'the caseworker reads');
      expect((await api('GET', `/api/v1/invitations/${invitationId}/response?mode=conversation`, { token: lead.token })).status).toBe(200);
    }, 60_000);

    it('the district auditor finds every read by case reference, with person, time and action', async () => {
      const items = await waitFor(
        async () => {
          const r = await api('GET', `/api/v1/audit/review/entries?caseReference=${encodeURIComponent(reference)}&readsOnly=true`, { token: auditor.token });
          expect(r.status).toBe(200);
          return r.body.items.length >= 2 ? r.body.items : undefined;
        },
        30_000,
        'both reads in the review',
      );
      const reads = items.map((e: any) => ({ actor: e.actor, actorName: e.actorName, action: e.action, caseReference: e.caseReference }));
      expect(reads).toEqual(
        expect.arrayContaining([
          { actor: caseworker.sub, actorName: 'Sara Lindqvist', action: 'response.view', caseReference: reference },
          { actor: lead.sub, actorName: 'Johan Bergström', action: 'response.conversation', caseReference: reference },
        ]),
      );
      for (const e of items) expect(Date.now() - Date.parse(e.occurredAt)).toBeLessThan(5 * 60_000);
      // The creator's own read and the unit lead's read of the unit's invitation are not "outside own invitations".
      expect(items.flatMap((e: any) => e.flags.map((f: any) => f.kind))).not.toContain('outside-own');

      // One click from any entry: every read of the same child (the invitation's child key).
      const byChild = await api('GET', `/api/v1/audit/review/entries?child=${invitationId}&readsOnly=true`, { token: auditor.token });
      expect(byChild.body.items.map((e: any) => e.id).sort()).toEqual(items.map((e: any) => e.id).sort());
    });

    it('the central auditor sees them too; another district\'s auditor cannot', async () => {
      const central = await api('GET', `/api/v1/audit/review/entries?districtId=skarpnack&caseReference=${encodeURIComponent(reference)}&readsOnly=true`, { token: centralAuditor.token });
      expect(central.status).toBe(200);
      expect(central.body.items.length).toBeGreaterThanOrEqual(2);

      const other = await api('GET', `/api/v1/audit/review/entries?districtId=skarpnack`, { token: norrmalmAuditor.token });
      expect(other.status).toBe(403);
      // In their own district the case reference finds nothing, and the child filter shows nothing of Skarpnäck.
      const own = await api('GET', `/api/v1/audit/review/entries?caseReference=${encodeURIComponent(reference)}`, { token: norrmalmAuditor.token });
      expect(own.status).toBe(200);
      expect(own.body.items).toEqual([]);
      const child = await api('GET', `/api/v1/audit/review/entries?child=${invitationId}`, { token: norrmalmAuditor.token });
      expect(child.body.items).toEqual([]);
      // Staff who are not auditors have no log review.
      expect((await api('GET', '/api/v1/audit/review/entries', { token: caseworker.token })).status).toBe(403);
    });

    it('every read of the log is itself in the log, in the district read', async () => {
      const before = new Date(Date.now() - 1000);
      await api('GET', `/api/v1/audit/review/entries?caseReference=${encodeURIComponent(reference)}`, { token: auditor.token });
      const rows = await auditEntries(`actor = $1 AND action = 'audit.log-read' AND occurred_at >= $2`, [auditor.sub, before]);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows[0]?.district_id).toBe('skarpnack');
      expect(rows[0]?.object_id).toContain(invitationId);
      // The central auditor's read of Skarpnäck goes into Skarpnäck's chain: its auditor sees it.
      await api('GET', '/api/v1/audit/review/entries?districtId=skarpnack&limit=1', { token: centralAuditor.token });
      const seen = await api('GET', `/api/v1/audit/review/entries?actor=${centralAuditor.sub}&action=audit.log-read`, { token: auditor.token });
      expect(seen.body.items.length).toBeGreaterThanOrEqual(1);
      expect(seen.body.items[0].actorName).toBe('Per Åkesson');
      // And the log with these entries still verifies.
      const verify = await api('GET', '/api/v1/audit/verify?districtId=skarpnack', { token: auditor.token });
      expect(verify.body.intact).toBe(true);
    });
  });

  describe('flags of unusual reads, reviews, sample and export', () => {
    const reader = `it-reader-${randomUUID()}`; // a reader who created none of the invitations
    const busy = `it-busy-${randomUUID()}`;
    const own = randomUUID();
    const closed = randomUUID();
    const many = Array.from({ length: 10 }, () => randomUUID());
    // Wednesday 2 December 2026, 10:00 in Stockholm (09:00 UTC); Saturday 5 December 02:00 (01:00 UTC).
    const weekday = new Date('2026-12-02T09:00:00Z');
    const saturdayNight = new Date('2026-12-05T01:00:00Z');

    beforeAll(async () => {
      await publishAll([
        invitationCreated(own, caseworker, new Date('2026-12-01T09:00:00Z')),
        invitationCreated(closed, caseworker, new Date('2026-12-01T09:00:00Z')),
        // The busy reader's own invitations: only the pace is unusual.
        ...many.map((id) => invitationCreated(id, { ...caseworker, sub: busy }, new Date('2026-12-01T09:00:00Z'))),
        { def: InvitationRevokedV1, key: closed, at: new Date('2026-12-02T08:00:00Z'), data: { invitationId: closed, districtId: 'skarpnack', revokedBy: caseworker.sub, revokedAt: '2026-12-02T08:00:00.000Z' } },
      ]);
      await waitFor(
        () => withDb('audit', async (db) => (await db.query(`SELECT 1 FROM audit_invitation WHERE invitation_id = $1 AND closed_at IS NOT NULL`, [closed])).rowCount === 1 || undefined),
        30_000,
        'the projection of the revoked invitation',
      );
      await publishAll([
        accessed(own, caseworker.sub, weekday), // the creator, in office hours: no flag
        accessed(own, reader, weekday), // not the creator
        accessed(closed, caseworker.sub, saturdayNight, 'export-pdf'), // after revocation, on a Saturday night
        ...many.map((id, k) => accessed(id, busy, new Date(weekday.getTime() + k * 60_000))), // ten children in ten minutes
      ]);
      await waitFor(
        async () => ((await auditEntries(`actor = ANY($1) AND action LIKE 'response.%'`, [[reader, busy]])).length === 11 ? true : undefined),
        30_000,
        'the reads in the log',
      );
    }, 90_000);

    const flagsOf = async (token: string, query: string) => {
      const r = await api('GET', `/api/v1/audit/review/flags?from=2026-12-01&to=2026-12-06&${query}`, { token });
      expect(r.status).toBe(200);
      return r.body;
    };

    it('raises each flag for the right reads and no other', async () => {
      const outside = (await flagsOf(auditor.token, `actor=${reader}`)).items;
      expect(outside.map((f: any) => f.kind)).toEqual(['outside-own']);
      expect(outside[0].invitationIds).toEqual([own]);

      const burst = (await flagsOf(auditor.token, `actor=${busy}`)).items;
      expect(burst.map((f: any) => f.kind)).toEqual(['many-children']);
      expect(burst[0].entryIds).toHaveLength(10);
      expect(burst[0].detail.children).toBe(10);

      const mine = await flagsOf(auditor.token, `actor=${caseworker.sub}&child=${closed}`);
      expect(mine.items.map((f: any) => f.kind).sort()).toEqual(['after-closed', 'off-hours']);
      expect(mine.items.find((f: any) => f.kind === 'off-hours').detail.localTime).toBe('02:00');
      expect(mine.items.find((f: any) => f.kind === 'after-closed').detail.closedReason).toBe('revoked');
      expect(mine.settings).toMatchObject({ officeHours: { from: 7, to: 18 }, timeZone: 'Europe/Stockholm', manyChildren: 10 });

      // The creator's own read on a Wednesday morning raises nothing.
      expect((await flagsOf(auditor.token, `actor=${caseworker.sub}&child=${own}`)).items).toEqual([]);
    });

    it('a flag gets a review status and comment, kept as history and itself audited; other districts cannot', async () => {
      const [flag] = (await flagsOf(auditor.token, `actor=${reader}`)).items;
      expect(flag.review).toBeNull();
      const first = await api('POST', `/api/v1/audit/review/flags/${flag.id}/reviews`, { token: auditor.token, body: { status: 'in-review', comment: 'Frågat enhetschefen' } });
      expect(first.status).toBe(201);
      const second = await api('POST', `/api/v1/audit/review/flags/${flag.id}/reviews`, { token: auditor.token, body: { status: 'justified', comment: 'Vikarierade för handläggaren' } });
      expect(second.status).toBe(201);
      const [again] = (await flagsOf(auditor.token, `actor=${reader}`)).items;
      expect(again.review).toMatchObject({ status: 'justified', comment: 'Vikarierade för handläggaren', reviewedBy: auditor.sub, reviewedByName: 'Lars Holmberg' });
      const history = await api('GET', `/api/v1/audit/review/flags/${flag.id}/reviews`, { token: auditor.token });
      expect(history.body.items.map((r: any) => r.status)).toEqual(['justified', 'in-review']);
      expect(await auditEntries(`actor = $1 AND action = 'audit.flag-reviewed' AND object_id LIKE $2`, [auditor.sub, `${flag.id}#%`])).toHaveLength(2);

      expect((await api('POST', `/api/v1/audit/review/flags/${flag.id}/reviews`, { token: norrmalmAuditor.token, body: { status: 'reported' } })).status).toBe(404);
      expect((await flagsOf(norrmalmAuditor.token, `actor=${reader}`)).items).toEqual([]);
      expect((await api('POST', `/api/v1/audit/review/flags/${flag.id}/reviews`, { token: auditor.token, body: { status: 'fine' } })).status).toBe(400);
    });

    it('draws a random sample of reads for the recurring check, and records that it did', async () => {
      const r = await api('GET', `/api/v1/audit/review/sample?actor=${busy}&size=3`, { token: auditor.token });
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(3);
      for (const e of r.body.items) {
        expect(many).toContain(e.objectId);
        expect(e.flags).toEqual([{ id: `sample:${e.id}`, kind: 'sample', status: 'open' }]);
      }
      expect((await api('POST', `/api/v1/audit/review/flags/sample:${r.body.items[0].id}/reviews`, { token: auditor.token, body: { status: 'justified', comment: 'Eget ärende' } })).status).toBe(201);
      expect(await auditEntries(`actor = $1 AND action = 'audit.sample-drawn' AND object_id LIKE $2`, [auditor.sub, `%${busy}%`])).toHaveLength(1);
    });

    it('exports the review as CSV and PDF, and each export is in the log', async () => {
      const res = await fetch(`${GATEWAY}/api/v1/audit/review/export?format=csv&actor=${reader}&from=2026-12-01&to=2026-12-06`, { headers: { authorization: `Bearer ${auditor.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="delaktig-logguppfoljning-skarpnack-.*\.csv"/);
      const csv = (await res.text()).replace(/^\ufeff/, '');
      const lines = csv.trim().split('\r\n');
      expect(lines[0]).toBe('"Löpnummer";"Tid";"Stadsdel";"Person";"Åtgärd";"Objekttyp";"Objekt";"Inbjudan skapad av";"Flaggor";"Granskningsstatus";"Kommentar"');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`"${reader}"`);
      expect(lines[1]).toContain('"Utanför egna inbjudningar"');
      expect(lines[1]).toContain('"Befogad"');
      expect(lines[1]).toContain('"Vikarierade för handläggaren"');
      expect(lines[1]).toContain('"Sara Lindqvist (');
      expect(lines[1]).toContain('"2026-12-02 10:00:00"');

      const pdf = await fetch(`${GATEWAY}/api/v1/audit/review/export?format=pdf&actor=${busy}`, { headers: { authorization: `Bearer ${auditor.token}` } });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

      const exports = await api('GET', `/api/v1/audit/review/entries?actor=${auditor.sub}&action=audit.exported`, { token: auditor.token });
      const formats = exports.body.items.filter((e: any) => e.objectId.includes(reader) || e.objectId.includes(busy)).map((e: any) => JSON.parse(e.objectId).format);
      expect(formats.sort()).toEqual(['csv', 'pdf']);
      expect(exports.body.items[0].actorName).toBe('Lars Holmberg');

      const bad = await fetch(`${GATEWAY}/api/v1/audit/review/export?format=xls`, { headers: { authorization: `Bearer ${auditor.token}` } });
      expect(bad.status).toBe(400);
    });
  });
});
