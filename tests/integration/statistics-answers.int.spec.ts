import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import {
  createEvent,
  InvitationCreatedV2,
  QuestionnaireVersionPublishedV2,
  ResponseSubmittedV1,
  TOPICS,
  type EventDefinition,
  type EventEnvelope,
} from '@delaktig/contracts';
import { api, tokenFor, waitFor, withDb } from './support/api';
import { PROFILE, REPO_ROOT, TOPIC_PREFIX } from './support/env';
import { kafka, waitForConsumers } from './support/kafka';

/**
 * Answer statistics through Kafka and the gateway: ResponseSubmitted events of a questionnaire
 * version of our own (so the counts are exactly ours) come out per question and option, split by
 * gender, month, district, occasion and before/after, each number within the protection's ±2 of
 * the truth — and only in the caller's scope.
 */
type Answer = { questionId: string; value: Record<string, unknown>; wantsToTalk: boolean };
interface Sent {
  invitationId: string;
  districtId: 'skarpnack' | 'farsta';
  unitId: string | null;
  gender: 'girl' | 'boy';
  occasion: number;
  month: string;
  childRef: string;
  safe: 'yes' | 'no' | 'dont-know' | 'declined';
  talk: boolean;
}

const monthsAgo = (m: number) => {
  const d = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - m, 12, 10));
  return { iso: d.toISOString(), month: d.toISOString().slice(0, 7) };
};

function within(published: number | '<5', truth: number) {
  if (truth === 0) return published === 0;
  if (published === '<5' || published === 0) return truth <= 6;
  return published >= 5 && Math.abs(published - truth) <= 2;
}

describe('statistics: answers per question, split and protected', () => {
  const versionId = randomUUID();
  const sent: Sent[] = [];
  let analyst: string;
  let adminSkarpnack: string;
  let unitLead: string;

  beforeAll(async () => {
    [analyst, adminSkarpnack, unitLead] = await Promise.all([tokenFor('analytiker.central'), tokenFor('admin.skarpnack'), tokenFor('enhetschef.skarpnack')]);
    // Our own version: the content of the published 12–18 questionnaire under a new id.
    const base = await withDb('statistics', async (db) =>
      (await db.query(`SELECT * FROM questionnaire_version WHERE age_band = '12-18' AND content IS NOT NULL ORDER BY published_at DESC LIMIT 1`)).rows[0],
    );
    const events: EventEnvelope[] = [];
    const ev = <T extends EventDefinition>(def: T, data: unknown, key: string) =>
      events.push(createEvent(def, data as never, { key, source: 'integration-test', correlationId: randomUUID() }));
    const templateId = randomUUID();
    ev(
      QuestionnaireVersionPublishedV2,
      {
        versionId, templateId, key: `it-stat-${versionId.slice(0, 8)}`, ageBand: '12-18', version: 1, contentSha256: 'a'.repeat(64),
        publishedBy: 'it-staff', publishedAt: new Date().toISOString(), content: base.content,
      },
      templateId,
    );
    // 40 children in Skarpnäck (half in the unit lead's unit) and 24 in Farsta over two months;
    // 12 Skarpnäck children answer again at a follow-up with better answers.
    const safeFor = (i: number): Sent['safe'] => (['yes', 'yes', 'yes', 'no', 'dont-know', 'declined'] as const)[i % 6];
    for (let i = 0; i < 64; i++) {
      const districtId = i < 40 ? 'skarpnack' : 'farsta';
      sent.push({
        invitationId: randomUUID(), districtId, unitId: districtId === 'skarpnack' && i % 2 === 0 ? 'Barn och unga 1' : 'Barn och unga 2',
        gender: i % 3 === 0 ? 'boy' : 'girl', occasion: 1, month: monthsAgo(1 + (i % 2)).month, childRef: randomUUID().replace(/-/g, '').padEnd(64, '0'),
        safe: safeFor(i), talk: i % 4 === 0,
      });
    }
    for (let i = 0; i < 12; i++) {
      const first = sent[i];
      sent.push({ ...first, invitationId: randomUUID(), occasion: 2, month: monthsAgo(0).month, safe: 'yes', talk: false });
    }
    for (const s of sent) {
      const at = s.month === monthsAgo(0).month ? monthsAgo(0).iso : s.month === monthsAgo(1).month ? monthsAgo(1).iso : monthsAgo(2).iso;
      ev(
        InvitationCreatedV2,
        {
          invitationId: s.invitationId, districtId: s.districtId, unitId: s.unitId, ageBand: '12-18', createdBy: 'it-staff', createdAt: at, questionnaireVersionId: versionId,
          expiresAt: at, language: 'sv', channel: 'sms', discreet: true, gender: s.gender, birthYear: 2012, occasion: s.occasion, childRef: s.childRef,
        },
        s.invitationId,
      );
      const answers: Answer[] = [
        { questionId: 'home-safe', value: s.safe === 'declined' ? { kind: 'declined' } : { kind: 'option', optionId: s.safe }, wantsToTalk: s.talk },
        { questionId: 'school-help-what', value: { kind: 'options', optionIds: s.gender === 'girl' ? ['teacher-time', 'homework-help'] : ['teacher-time'] }, wantsToTalk: false },
      ];
      ev(
        ResponseSubmittedV1,
        {
          responseId: randomUUID(), invitationId: s.invitationId, districtId: s.districtId, unitId: s.unitId, ageBand: '12-18', gender: s.gender,
          occasion: s.occasion, questionnaireVersionId: versionId, submittedAt: at, answers,
        },
        s.invitationId,
      );
    }
    const producer = kafka.producer();
    await producer.connect();
    for (const topic of [TOPICS.questionnaire, TOPICS.invitation, TOPICS.response]) {
      const messages = events.filter((e) => ({ QuestionnaireVersionPublished: TOPICS.questionnaire, InvitationCreated: TOPICS.invitation, ResponseSubmitted: TOPICS.response })[e.type] === topic);
      await producer.send({ topic: `${TOPIC_PREFIX}${topic}`, messages: messages.map((e) => ({ key: e.key, value: JSON.stringify(e) })) });
    }
    await producer.disconnect();
    await waitForConsumers(TOPICS.invitation, ['statistics'], 30_000);
    await waitForConsumers(TOPICS.response, ['statistics'], 30_000);
    await waitFor(
      async () => withDb('statistics', async (db) => ((await db.query(`SELECT count(*)::int AS n FROM response_record WHERE questionnaire_version_id = $1`, [versionId])).rows[0].n === sent.length ? true : undefined)),
      20_000,
      'our responses in statistics',
    );
  });

  const view = (token: string, query: string) => api('GET', `/api/v1/statistics/answers?versionId=${versionId}&from=${monthsAgo(2).month}&to=${monthsAgo(0).month}&${query}`, { token });
  const truth = (filter: (s: Sent) => boolean, safe: Sent['safe']) => sent.filter((s) => filter(s) && s.safe === safe).length;

  it('gives the central analyst each option per gender, every number within ±2 of the truth, "all" its own cell', async () => {
    const r = await view(analyst, 'area=home&split=gender');
    expect(r.status).toBe(200);
    expect(r.body.groups.map((g: { key: string }) => g.key)).toEqual(['all', 'girl', 'boy', 'other', 'not-stated']);
    const q = r.body.questions.find((x: { questionId: string }) => x.questionId === 'home-safe');
    expect(q.text.sv).toBe('Känner du dig trygg där du bor?');
    for (const [group, pick] of [['all', () => true], ['girl', (s: Sent) => s.gender === 'girl'], ['boy', (s: Sent) => s.gender === 'boy']] as const) {
      for (const option of ['yes', 'no', 'dont-know'] as const) expect([group, option, within(q.cells[group].options[option], truth(pick, option))]).toEqual([group, option, true]);
      expect(within(q.cells[group].declined, truth(pick, 'declined'))).toBe(true);
      expect(within(q.cells[group].respondents, sent.filter(pick).length)).toBe(true);
      expect(within(q.cells[group].wantsToTalk, sent.filter((s) => pick(s) && s.talk).length)).toBe(true);
    }
    expect(within(r.body.responses.all, sent.length)).toBe(true);
    expect(r.body.questions.some((x: { type: string }) => x.type === 'free-text')).toBe(false);
    expect(r.body.protection).toEqual({ method: 'cell-key', threshold: 5, maxDeviation: 2 });
  });

  it('counts multiple choice per option, months per period, districts side by side, first vs follow-up, and before/after pairs', async () => {
    const school = (await view(analyst, 'questionId=school-help-what')).body.questions[0];
    expect(within(school.cells.all.options['teacher-time'], sent.length)).toBe(true);
    expect(within(school.cells.all.options['homework-help'], sent.filter((s) => s.gender === 'girl').length)).toBe(true);

    const byMonth = (await view(analyst, 'area=home&split=period')).body;
    expect(byMonth.groups.map((g: { key: string }) => g.key)).toEqual(['all', monthsAgo(2).month, monthsAgo(1).month, monthsAgo(0).month]);
    for (const m of [monthsAgo(2).month, monthsAgo(1).month, monthsAgo(0).month]) expect(within(byMonth.responses[m], sent.filter((s) => s.month === m).length)).toBe(true);

    const byDistrict = (await view(analyst, 'area=home&split=district&districtIds=skarpnack,farsta')).body;
    expect(byDistrict.groups.map((g: { key: string }) => g.key)).toEqual(['all', 'skarpnack', 'farsta']);
    expect(within(byDistrict.responses.farsta, 24)).toBe(true);

    const occasions = (await view(analyst, 'area=home&split=occasion')).body;
    expect(within(occasions.responses['follow-up'], 12)).toBe(true);
    const paired = (await view(analyst, 'area=home&paired=true&split=occasion')).body;
    expect(paired.paired).toBe(true);
    const safe = paired.questions.find((x: { questionId: string }) => x.questionId === 'home-safe');
    // The 12 children answered at both occasions: "yes" at the follow-up for all of them.
    expect(within(paired.responses.first, 12)).toBe(true);
    expect(within(safe.cells['follow-up'].options.yes, 12)).toBe(true);
    expect(within(safe.cells.first.options.yes, sent.slice(0, 12).filter((s) => s.safe === 'yes').length)).toBe(true);
  });

  it('scopes a district admin to her district (with the city beside it) and a unit lead to his unit; refuses others and names bad parameters', async () => {
    const own = await view(adminSkarpnack, 'area=home&split=district');
    expect(own.status).toBe(200);
    expect(own.body.scope).toEqual({ level: 'district', districtIds: ['skarpnack'], unitId: null });
    expect(own.body.groups.map((g: { key: string }) => g.key)).toEqual(['all', 'city']);
    expect(within(own.body.responses.all, sent.filter((s) => s.districtId === 'skarpnack').length)).toBe(true);
    expect(within(own.body.responses.city, sent.length)).toBe(true);
    expect((await view(adminSkarpnack, 'districtIds=farsta')).status).toBe(403);

    const unit = await view(unitLead, 'area=home');
    expect(unit.body.scope).toEqual({ level: 'unit', districtIds: ['skarpnack'], unitId: 'Barn och unga 1' });
    expect(within(unit.body.responses.all, sent.filter((s) => s.unitId === 'Barn och unga 1').length)).toBe(true);

    for (const [query, field] of [
      ['split=colour', 'split'],
      ['from=2026-13', 'from'],
      ['from=2020-01&to=2026-01', 'from'],
      ['gender=robot', 'gender'],
      ['districtIds=atlantis', 'districtIds'],
    ]) {
      const bad = await api('GET', `/api/v1/statistics/answers?${query}`, { token: analyst });
      expect([query, bad.status, bad.body.errors?.[0]?.field]).toEqual([query, 400, field]);
    }
    const unknown = await api('GET', '/api/v1/statistics/answers?foo=1', { token: analyst });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('foo');
    const auditor = await api('GET', '/api/v1/statistics/answers', { token: await tokenFor('revisor.skarpnack') });
    expect(auditor.status).toBe(403);
  });

  it('keeps counts (and their rollups per district and for the city) equal to a recomputation from its own event store', async () => {
    const diff = await withDb('statistics', async (db) => {
      await db.query('BEGIN');
      try {
        const tables = ['answer_cell_district', 'answer_cell_unit', 'answer_cell_district_total', 'answer_cell_city'];
        for (const t of tables) await db.query(`CREATE TEMP TABLE live_${t} ON COMMIT DROP AS SELECT * FROM ${t} WHERE version_id = $1`, [versionId]);
        await db.query('SELECT answer_cells_rebuild()');
        const out: Record<string, [number, number]> = {};
        for (const t of tables) {
          const { rows } = await db.query(
            `SELECT (SELECT count(*)::int FROM live_${t}) AS rows,
                    (SELECT count(*)::int FROM ((SELECT * FROM live_${t} EXCEPT SELECT * FROM ${t} WHERE version_id = $1)
                                                UNION ALL (SELECT * FROM ${t} WHERE version_id = $1 EXCEPT SELECT * FROM live_${t})) d) AS differing`,
            [versionId],
          );
          out[t] = [rows[0].rows > 0 ? 1 : 0, rows[0].differing];
        }
        return out;
      } finally {
        await db.query('ROLLBACK');
      }
    });
    // Every table has rows of this version, and none differs from its recomputation.
    expect(diff).toEqual({ answer_cell_district: [1, 0], answer_cell_unit: [1, 0], answer_cell_district_total: [1, 0], answer_cell_city: [1, 0] });
  });

  it('npm run statistics:rebuild proves the live counts equal a recomputation, names a corrupted one and repairs it with --apply', async () => {
    const rebuild = async (...extra: string[]) => {
      try {
        const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'statistics:rebuild', '--', '--profile', PROFILE, ...extra], { cwd: REPO_ROOT, timeout: 120_000 });
        return { code: 0, out: stdout };
      } catch (e) {
        const err = e as { code: number; stdout: string };
        return { code: err.code, out: err.stdout };
      }
    };
    const equal = await rebuild();
    expect([equal.code, equal.out]).toEqual([0, expect.stringContaining('equal: every live aggregate equals its recomputation')]);
    // A kept count goes wrong (as a bug or a hand edit would do it).
    await withDb('statistics', (db) =>
      db.query(`UPDATE answer_cell_district SET n = n + 1 WHERE version_id = $1 AND question_id = 'home-safe' AND option_id = 'yes' AND district_id = 'farsta' AND period = $2 AND gender = 'girl' AND occasion = 'first'`, [
        versionId,
        sent.find((s) => s.districtId === 'farsta' && s.gender === 'girl' && s.safe === 'yes')!.month,
      ]),
    );
    const differs = await rebuild();
    expect(differs.code).toBe(1);
    expect(differs.out).toContain('DIFFERENT');
    expect(differs.out).toContain('home-safe');
    expect((await rebuild('--apply')).code).toBe(0);
    expect((await rebuild()).code).toBe(0);
  }, 180_000);
});
