import Holidays from 'date-holidays';
import { signIdentity } from '@delaktig/service-kit';
import { api, caseRef, tokenFor, waitFor, withDb } from './support/api';
import { testEnv } from './support/env';
import { childWithSafetyAlert, type ChildWithAlert, mailTo, phoneNumbers, smsTo, staffIdentity } from './child-access.support';

/**
 * Safety alerts that reach a person (issue 12, ADR 0018), on the real stack: the child's
 * safety answer → responses raises SafetyAlertRaised → survey-delivery's ladder sends an SMS
 * (46elks simulator) and an e-mail (maildev, real SMTP) to the caseworker's and the unit
 * lead's work contacts registered by the district admin; unacknowledged it climbs the
 * ladder (unit leads after N minutes, the duty contacts after M minutes outside office
 * hours), driven by survey-delivery's test-only clock; every step is an event, in the audit
 * log and on the alert; acknowledgement closes it.
 */
const SURVEY_DELIVERY = `http://127.0.0.1:${testEnv['SURVEY_DELIVERY_PORT']}`;
const STAFF_APP = testEnv['STAFF_APP_URL'] ?? `http://localhost:${testEnv['STAFF_PORT']}`;
const newPhone = phoneNumbers('8');
const tag = Math.random().toString(36).slice(2, 8);

const contacts = {
  caseworker: { workMobile: newPhone(), email: `handlaggare-${tag}@example.se` },
  lead: { workMobile: newPhone(), email: `enhetschef-${tag}@example.se` },
  duty: { dutyPhone: newPhone(), dutyEmail: `socialjouren-${tag}@example.se` },
};
const LADDER = { unitLeadMinutes: 15, dutyMinutes: 60, officeStart: '08:00', officeEnd: '17:00', closedDates: [] as string[], ...contacts.duty };

let caseworker: string;
let lead: string;
let admin: string;
let ids: { caseworker: string; lead: string };
let original: { settings: any; staff: any[] };

/** survey-delivery's internal routes with a signed internal identity (never through the gateway). */
async function deliveryCall(method: string, path: string, body?: unknown) {
  const who = await staffIdentity(caseworker);
  const res = await fetch(`${SURVEY_DELIVERY}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-delaktig-identity': await signIdentity(who, testEnv['INTERNAL_TOKEN_SECRET'] as string) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Runs the ladder as if it were `at`; the steps it took for this alert. */
async function ladderAt(alertId: string, at: Date): Promise<string[]> {
  const r = await deliveryCall('POST', '/internal/v1/alert-ladder/run', { at: at.toISOString() });
  expect(r.status).toBe(200);
  return (r.body.taken as { alertId: string; step: string }[]).filter((t) => t.alertId === alertId).map((t) => t.step);
}

const link = (alertId: string) => `${STAFF_APP}/larm?alert=${alertId}`;
const smsAbout = async (to: string, alertId: string) => (await smsTo(to)).filter((m) => m.message.includes(link(alertId)));
const mailAbout = async (to: string, alertId: string) => (await mailTo(to)).filter((m) => String(m.text).includes(link(alertId)));

function expectNoChildData(text: string, child: ChildWithAlert) {
  expect(text).not.toContain(child.caseReference);
  expect(text).not.toContain(child.freeText);
  expect(text).not.toContain(child.invitationId);
  expect(text).not.toMatch(/hemma|skola|slår|hurts|home/i);
}

async function raisedAt(alertId: string): Promise<Date> {
  return withDb('responses', async (db) => (await db.query('SELECT raised_at FROM safety_alert WHERE id = $1', [alertId])).rows[0].raised_at as Date);
}

/** A weekday at least two days ahead that is no Swedish public holiday, 10:30 (CET) / 11:30 (CEST) in Stockholm: inside office hours. */
function officeHoursDay(): { date: string; at: Date } {
  const holidays = new Holidays('SE', { types: ['public', 'bank'] });
  for (let d = 2; ; d++) {
    const day = new Date(Date.now() + d * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6 || holidays.isHoliday(new Date(`${date}T12:00:00Z`))) continue;
    return { date, at: new Date(`${date}T09:30:00Z`) };
  }
}

/** The audit log's entries about an alert (object safety-alert). */
async function auditActions(alertId: string): Promise<string[]> {
  return withDb('audit', async (db) => (await db.query(`SELECT action FROM audit_entry WHERE object_type = 'safety-alert' AND object_id = $1 ORDER BY seq`, [alertId])).rows.map((r) => r.action as string));
}

describe('safety alerts reach a person: SMS and e-mail at once, an escalation ladder, acknowledgement', () => {
  beforeAll(async () => {
    [caseworker, lead, admin] = await Promise.all([tokenFor('handlaggare.skarpnack'), tokenFor('enhetschef.skarpnack'), tokenFor('admin.skarpnack')]);
    const staff = (await api('GET', '/api/v1/admin/staff', { token: admin })).body.items as any[];
    const byName = (u: string) => staff.find((s) => s.username === u);
    ids = { caseworker: byName('handlaggare.skarpnack').id, lead: byName('enhetschef.skarpnack').id };
    original = { settings: (await api('GET', '/api/v1/district/settings', { token: admin })).body, staff: [byName('handlaggare.skarpnack'), byName('enhetschef.skarpnack')] };
    // The district admin registers the work contacts and the district's ladder.
    for (const [id, c] of [[ids.caseworker, contacts.caseworker], [ids.lead, contacts.lead]] as const) {
      const r = await api('PUT', `/api/v1/admin/staff/${id}/contact`, { token: admin, body: c });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject(c);
    }
    const s = await api('PUT', '/api/v1/district/settings', { token: admin, body: { alertLadder: LADDER } });
    expect(s.status).toBe(200);
    expect(s.body.alertLadder).toEqual(LADDER);
  }, 120_000);

  afterAll(async () => {
    await api('PUT', '/api/v1/district/settings', { token: admin, body: { alertLadder: original.settings.alertLadder } });
    for (const s of original.staff) await api('PUT', `/api/v1/admin/staff/${s.id}/contact`, { token: admin, body: { email: s.email, workMobile: s.workMobile } });
  });

  it("a safety answer reaches the caseworker's and the unit lead's phone and inbox within seconds, with a link and no child data", async () => {
    const child = await childWithSafetyAlert(caseworker, newPhone(), caseRef('LARM'));
    const started = Date.now();
    const [sms] = await waitFor(async () => ((await smsAbout(contacts.caseworker.workMobile, child.alertId)).length ? smsAbout(contacts.caseworker.workMobile, child.alertId) : undefined), 20_000, "the caseworker's SMS");
    const ms = Date.now() - started;
    const [mail] = await waitFor(async () => ((await mailAbout(contacts.caseworker.email, child.alertId)).length ? mailAbout(contacts.caseworker.email, child.alertId) : undefined), 20_000, "the caseworker's e-mail");
    await waitFor(async () => (await smsAbout(contacts.lead.workMobile, child.alertId)).length === 1 || undefined, 20_000, "the unit lead's SMS");
    await waitFor(async () => (await mailAbout(contacts.lead.email, child.alertId)).length === 1 || undefined, 20_000, "the unit lead's e-mail");

    expect(sms.message).toMatch(/^Delaktig: Ett trygghetslarm väntar på dig\. Logga in och kvittera:/);
    expect(mail.subject).toBe('Trygghetslarm väntar / Safety alert waiting');
    expect(mail.html).toContain(`href="${link(child.alertId)}"`);
    for (const text of [sms.message, mail.subject, mail.text, mail.html]) expectNoChildData(String(text), child);
    // Sent once per person and channel, not repeated by later runs of the ladder.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await smsAbout(contacts.caseworker.workMobile, child.alertId)).toHaveLength(1);
    expect(await mailAbout(contacts.caseworker.email, child.alertId)).toHaveLength(1);
    process.stdout.write(`safety-alert SMS at the caseworker's phone ${ms} ms after the alert was raised\n`);
  }, 90_000);

  it('unacknowledged, it climbs the ladder: unit leads after N minutes, duty contacts after M minutes only outside office hours; each step an event, audited and on the alert', async () => {
    const child = await childWithSafetyAlert(caseworker, newPhone(), caseRef('STEG'));
    await waitFor(async () => (await smsAbout(contacts.lead.workMobile, child.alertId)).length === 1 || undefined, 20_000, 'the first SMS');
    const raised = (await raisedAt(child.alertId)).getTime();

    expect(await ladderAt(child.alertId, new Date(raised + 14 * 60_000))).toEqual([]);
    expect(await ladderAt(child.alertId, new Date(raised + 16 * 60_000))).toEqual(['unit-lead']);
    const [again] = await waitFor(async () => {
      const m = (await smsAbout(contacts.lead.workMobile, child.alertId)).filter((x) => x.message.includes('väntar fortfarande'));
      return m.length ? m : undefined;
    }, 20_000, "the unit lead's second SMS");
    expectNoChildData(again.message, child);
    expect(await smsAbout(contacts.caseworker.workMobile, child.alertId)).toHaveLength(1); // the caseworker is not told twice

    // M minutes later, but inside office hours: the duty contacts wait.
    const day = officeHoursDay();
    expect(await ladderAt(child.alertId, day.at)).toEqual([]);
    // The same moment on one of the district's closed days: outside office hours → duty.
    expect((await api('PUT', '/api/v1/district/settings', { token: admin, body: { alertLadder: { ...LADDER, closedDates: [day.date] } } })).status).toBe(200);
    expect(await ladderAt(child.alertId, day.at)).toEqual(['duty']);
    const [duty] = await waitFor(async () => ((await smsAbout(contacts.duty.dutyPhone, child.alertId)).length ? smsAbout(contacts.duty.dutyPhone, child.alertId) : undefined), 20_000, 'the duty SMS');
    expect(duty.message).toMatch(/^Delaktig: Ett trygghetslarm har inte kvitterats i tid/);
    await waitFor(async () => (await mailAbout(contacts.duty.dutyEmail, child.alertId)).length === 1 || undefined, 20_000, 'the duty e-mail');
    expect(await ladderAt(child.alertId, new Date(day.at.getTime() + 86_400_000))).toEqual([]); // the ladder ends there
    await api('PUT', '/api/v1/district/settings', { token: admin, body: { alertLadder: LADDER } });

    // On the alert, for the colleagues who may see it.
    const alert = await waitFor(async () => {
      const list = await api('GET', '/api/v1/alerts', { token: lead });
      const a = (list.body.items as any[]).find((x) => x.id === child.alertId);
      return a?.steps?.length === 3 ? a : undefined;
    }, 20_000, 'the steps on the alert');
    expect(alert.steps.map((s: any) => s.step)).toEqual(['raised', 'unit-lead', 'duty']);
    expect(alert.steps[0]).toMatchObject({ recipients: 2, withoutContact: 0 });
    expect(alert.escalated).toBe(true);
    expect((await api('GET', '/api/v1/alerts/summary', { token: lead })).body.escalated).toBeGreaterThanOrEqual(1);

    // Every step and every message in the audit log.
    const actions = await waitFor(async () => {
      const a = await auditActions(child.alertId);
      return a.filter((x) => x === 'safety-alert.step-reached').length === 3 && a.filter((x) => x === 'safety-alert.notification-sent').length >= 8 ? a : undefined;
    }, 30_000, 'the steps in the audit log');
    expect(actions).toEqual(expect.arrayContaining(['safety-alert.raised', 'safety-alert.step-reached', 'safety-alert.notification-sent']));
    // The events carry no contact data.
    const events = await withDb('survey-delivery', async (db) => (await db.query(`SELECT payload::text FROM outbox_event WHERE key = $1`, [child.alertId])).rows.map((r) => r.payload as string));
    expect(events.length).toBeGreaterThanOrEqual(11);
    for (const e of events) for (const c of [contacts.caseworker.workMobile, contacts.lead.email, contacts.duty.dutyPhone]) expect(e).not.toContain(c);
  }, 120_000);

  it('acknowledgement closes the ladder; colleagues see who acknowledged and when; answering again raises no second alert', async () => {
    const child = await childWithSafetyAlert(caseworker, newPhone(), caseRef('KVITT'));
    await waitFor(async () => (await smsAbout(contacts.caseworker.workMobile, child.alertId)).length === 1 || undefined, 20_000, 'the first SMS');
    const ack = await api('POST', `/api/v1/alerts/${child.alertId}/acknowledge`, { token: caseworker });
    expect(ack.status).toBe(200);
    const me = await staffIdentity(caseworker);
    await waitFor(async () => (await deliveryCall('GET', `/internal/v1/alert-ladder/${child.alertId}`)).body.ladder?.acknowledged_at || undefined, 20_000, 'the ladder to hear of the acknowledgement');
    const raised = (await raisedAt(child.alertId)).getTime();
    expect(await ladderAt(child.alertId, new Date(raised + 16 * 60_000))).toEqual([]);
    expect(await ladderAt(child.alertId, new Date(raised + 7 * 86_400_000))).toEqual([]);
    const state = (await deliveryCall('GET', `/internal/v1/alert-ladder/${child.alertId}`)).body;
    expect(state.ladder).toMatchObject({ last_step: 'raised', acknowledged_by: me.sub });
    expect(state.ladder.closed_at).not.toBeNull();
    expect(await smsAbout(contacts.lead.workMobile, child.alertId)).toHaveLength(1);

    const seen = ((await api('GET', '/api/v1/alerts', { token: lead })).body.items as any[]).find((a) => a.id === child.alertId);
    expect(seen).toMatchObject({ acknowledgedBy: me.sub, acknowledgedByName: 'Sara Lindqvist', acknowledgedAt: ack.body.acknowledgedAt, escalated: false });

    // The child tries to send the same safety answer again: refused (answers are final), still one alert and one ladder.
    const content = (await api('GET', '/api/v1/child/questionnaire', { token: child.child })).body?.content;
    const safety = (content?.areas.flatMap((a: any) => a.questions) as any[] | undefined)?.find((q) => q.options?.some((o: any) => o.safety));
    const again = await api('POST', '/api/v1/child/response/submit', {
      token: child.child,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { answers: safety ? [{ questionId: safety.id, value: { kind: 'option', optionId: safety.options.find((o: any) => o.safety).id }, wantsToTalk: true }] : [] },
    });
    expect(again.status).toBe(409);
    await new Promise((r) => setTimeout(r, 2000));
    const alerts = await withDb('responses', async (db) => (await db.query('SELECT count(*)::int AS n FROM safety_alert WHERE invitation_id = $1', [child.invitationId])).rows[0].n);
    expect(alerts).toBe(1);
    expect(await smsAbout(contacts.caseworker.workMobile, child.alertId)).toHaveLength(1);
  }, 120_000);

  it("work contacts: validated with a reason, another district's admin cannot change them, the change is audited without its values", async () => {
    const bad = await api('PUT', `/api/v1/admin/staff/${ids.caseworker}/contact`, { token: admin, body: { workMobile: '12345' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]).toMatchObject({ field: 'workMobile' });
    const other = await api('PUT', `/api/v1/admin/staff/${ids.caseworker}/contact`, { token: await tokenFor('admin.norrmalm'), body: { workMobile: newPhone() } });
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(contacts.caseworker.email);
    const badLadder = await api('PUT', '/api/v1/district/settings', { token: admin, body: { alertLadder: { ...LADDER, dutyMinutes: 10 } } });
    expect(badLadder.status).toBe(400);
    expect(JSON.stringify(badLadder.body)).toContain('dutyMinutes');

    const changed = await withDb('identity', async (db) =>
      (await db.query(`SELECT payload::text FROM outbox_event WHERE payload->>'type' = 'StaffContactChanged' ORDER BY seq DESC LIMIT 5`)).rows.map((r) => r.payload as string),
    );
    expect(changed.length).toBeGreaterThan(0);
    for (const e of changed) expect(e).not.toContain(contacts.caseworker.workMobile);
    await waitFor(
      () => withDb('audit', async (db) => (await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action LIKE 'staff.contact%'`)).rows[0].n > 0 || undefined),
      20_000,
      'the contact change in the audit log',
    );
  }, 60_000);

  it("identity gives work contacts to survey-delivery's notifier only", async () => {
    const who = await staffIdentity(caseworker);
    const res = await fetch(`http://127.0.0.1:${testEnv['IDENTITY_PORT']}/internal/v1/alert-contacts?districtId=skarpnack&caseworker=${encodeURIComponent(who.sub)}`, {
      headers: { 'x-delaktig-identity': await signIdentity(who, testEnv['INTERNAL_TOKEN_SECRET'] as string) },
    });
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).not.toContain(contacts.caseworker.workMobile);
  });
});
