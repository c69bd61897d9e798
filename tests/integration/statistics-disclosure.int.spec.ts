import { randomUUID } from 'node:crypto';
import { createEvent, QuestionnaireVersionPublishedV2, ResponseSubmittedV1, TOPICS, type EventDefinition, type EventEnvelope } from '@delaktig/contracts';
import { api, tokenFor, waitFor, withDb } from './support/api';
import { TOPIC_PREFIX } from './support/env';
import { kafka } from './support/kafka';

/**
 * The attacks of issue 10 mounted on the real service (ADR 0011): differencing (city minus the
 * other districts), complement (all minus the other genders), overlapping periods, repeated
 * queries and "yesterday vs today" with one new response. Each test also runs the same attack
 * on the true counts (known here, because we published them) to show that it would recover the
 * hidden value without the protection — and asserts that on the published numbers it does not.
 */
type Cell = number | '<5';
const DISTRICTS = ['bromma', 'enskede-arsta-vantor', 'farsta', 'hagersten-alvsjo', 'hasselby-vallingby', 'kungsholmen', 'norrmalm', 'rinkeby-kista', 'skarpnack', 'skarholmen', 'spanga-tensta', 'sodermalm', 'ostermalm'] as const;
const TARGET = 'farsta';
const num = (c: Cell | undefined): number => (typeof c === 'number' ? c : 0);
const month = (back: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - back, 12, 10)).toISOString();

interface Q {
  id: string;
  options: string[];
}
interface Resp {
  invitationId: string;
  districtId: string;
  gender: 'girl' | 'boy';
  at: string;
  answers: Record<string, string>;
}

describe('statistics disclosure control: the attacks recover nothing', () => {
  const versionId = randomUUID();
  let questions: Q[] = [];
  const responses: Resp[] = [];
  let analyst: string;
  // Deterministic "random" answers, so a failure can be reproduced.
  let seed = 20261206;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  const publish = async (events: EventEnvelope[]) => {
    const producer = kafka.producer();
    await producer.connect();
    for (const topic of [TOPICS.questionnaire, TOPICS.response]) {
      const messages = events.filter((e) => (topic === TOPICS.questionnaire ? e.type === 'QuestionnaireVersionPublished' : e.type === 'ResponseSubmitted'));
      if (messages.length) await producer.send({ topic: `${TOPIC_PREFIX}${topic}`, messages: messages.map((e) => ({ key: e.key, value: JSON.stringify(e) })) });
    }
    await producer.disconnect();
  };
  const ev = (def: EventDefinition, data: unknown, key: string) => createEvent(def, data as never, { key, source: 'integration-test', correlationId: randomUUID() });
  const submitted = (r: Resp) =>
    ev(
      ResponseSubmittedV1,
      {
        responseId: randomUUID(), invitationId: r.invitationId, districtId: r.districtId, unitId: null, ageBand: '12-18', gender: r.gender, occasion: 1,
        questionnaireVersionId: versionId, submittedAt: r.at,
        answers: Object.entries(r.answers).map(([questionId, optionId]) => ({ questionId, value: { kind: 'option', optionId }, wantsToTalk: false })),
      },
      r.invitationId,
    );
  const waitStored = (n: number) =>
    waitFor(
      async () => withDb('statistics', async (db) => ((await db.query('SELECT count(*)::int AS n FROM response_record WHERE questionnaire_version_id = $1', [versionId])).rows[0].n === n ? true : undefined)),
      30_000,
      `${n} responses in statistics`,
    );
  const view = async (query: string) => {
    const r = await api('GET', `/api/v1/statistics/answers?versionId=${versionId}&from=${month(2).slice(0, 7)}&to=${month(0).slice(0, 7)}&${query}`, { token: analyst });
    expect(r.status).toBe(200);
    return r.body as { responses: Record<string, Cell>; questions: { questionId: string; cells: Record<string, { options: Record<string, Cell> }> }[] };
  };
  const truth = (pick: (r: Resp) => boolean, q: string, o: string) => responses.filter((r) => pick(r) && r.answers[q] === o).length;
  const cellsOf = () => questions.flatMap((q) => q.options.map((o) => ({ q: q.id, o })));

  beforeAll(async () => {
    analyst = await tokenFor('analytiker.central');
    const base = await withDb('statistics', async (db) =>
      (await db.query(`SELECT content FROM questionnaire_version WHERE age_band = '12-18' AND content IS NOT NULL ORDER BY published_at DESC LIMIT 1`)).rows[0],
    );
    const content = base.content as { areas: { questions: { id: string; type: string; options?: { id: string }[] }[] }[] };
    questions = content.areas
      .flatMap((a) => a.questions)
      .filter((q) => ['scale', 'yes-no-dont-know', 'single-choice'].includes(q.type))
      .map((q) => ({ id: q.id, options: (q.options ?? []).map((o) => o.id) }));
    const templateId = randomUUID();
    const events = [
      ev(QuestionnaireVersionPublishedV2, { versionId, templateId, key: `it-sdc-${versionId.slice(0, 8)}`, ageBand: '12-18', version: 1, contentSha256: 'b'.repeat(64), publishedBy: 'it-staff', publishedAt: new Date().toISOString(), content: base.content }, templateId),
    ];
    // The target district has few answers (many small cells); every other district has many.
    for (const districtId of DISTRICTS) {
      const n = districtId === TARGET ? 12 : 25;
      for (let i = 0; i < n; i++) {
        const r: Resp = {
          invitationId: randomUUID(), districtId, gender: rnd() < 0.5 ? 'girl' : 'boy', at: month(i % 3),
          answers: Object.fromEntries(questions.map((q) => [q.id, q.options[Math.floor(rnd() * q.options.length)]])),
        };
        responses.push(r);
        events.push(submitted(r));
      }
    }
    await publish(events);
    await waitStored(responses.length);
  }, 60_000);

  it('differencing: the city minus the other twelve districts does not give the target district’s small cells', async () => {
    const city = await view('split=district');
    let hidden = 0;
    let exact = 0;
    let trueAttackExact = 0;
    const errors: number[] = [];
    for (const { q, o } of cellsOf()) {
      const t = truth((r) => r.districtId === TARGET, q, o);
      const cells = city.questions.find((x) => x.questionId === q)!.cells;
      if (cells[TARGET].options[o] !== '<5' || t === 0) continue;
      hidden++;
      // The attack on the true counts recovers the cell exactly, every time.
      const trueEstimate = truth(() => true, q, o) - DISTRICTS.filter((d) => d !== TARGET).reduce((s, d) => s + truth((r) => r.districtId === d, q, o), 0);
      if (trueEstimate === t) trueAttackExact++;
      // On the published numbers it does not.
      const estimate = num(cells['all'].options[o]) - DISTRICTS.filter((d) => d !== TARGET).reduce((s, d) => s + num(cells[d].options[o]), 0);
      if (estimate === t) exact++;
      errors.push(Math.abs(estimate - t));
    }
    expect(hidden).toBeGreaterThanOrEqual(20);
    expect(trueAttackExact).toBe(hidden);
    expect(exact / hidden).toBeLessThan(0.5);
    expect(errors.reduce((a, b) => a + b, 0) / errors.length).toBeGreaterThanOrEqual(1);
  });

  it('complement: the district minus the other gender does not give a protected gender cell; a published number is never a small count', async () => {
    const byGender = await view(`split=gender&districtIds=${TARGET}`);
    let hidden = 0;
    let exact = 0;
    for (const { q, o } of cellsOf()) {
      const cells = byGender.questions.find((x) => x.questionId === q)!.cells;
      for (const [g, other] of [['girl', 'boy'], ['boy', 'girl']] as const) {
        const t = truth((r) => r.districtId === TARGET && r.gender === g, q, o);
        if (cells[g].options[o] !== '<5' || t === 0) continue;
        hidden++;
        if (num(cells['all'].options[o]) - num(cells[other].options[o]) === t) exact++;
      }
      for (const g of ['all', 'girl', 'boy']) {
        const c = cells[g].options[o];
        expect(c === '<5' || c === 0 || c >= 5).toBe(true);
      }
    }
    expect(hidden).toBeGreaterThan(0);
    expect(exact / Math.max(hidden, 1)).toBeLessThan(0.6);
  });

  it('overlapping periods: three months minus the last two do not give the first month exactly', async () => {
    const three = await view('split=district');
    const two = (await api('GET', `/api/v1/statistics/answers?versionId=${versionId}&from=${month(1).slice(0, 7)}&to=${month(0).slice(0, 7)}&split=district`, { token: analyst })).body;
    let compared = 0;
    let exact = 0;
    for (const { q, o } of cellsOf()) {
      const t = truth((r) => r.districtId === TARGET && r.at === month(2), q, o);
      if (t === 0) continue;
      compared++;
      const a = three.questions.find((x) => x.questionId === q)!.cells[TARGET].options[o];
      const b = two.questions.find((x: { questionId: string }) => x.questionId === q).cells[TARGET].options[o];
      if (typeof a === 'number' && typeof b === 'number' && a - b === t) exact++;
    }
    expect(compared).toBeGreaterThan(10);
    expect(exact / compared).toBeLessThan(0.5);
  });

  it('repeated queries give the same numbers every time, so averaging gains nothing', async () => {
    const first = JSON.stringify(await view('split=gender'));
    for (let i = 0; i < 10; i++) expect(JSON.stringify(await view('split=gender'))).toBe(first);
  });

  it('the same cell is one number whichever split (and so whichever kept table) answers it, so asking it several ways gains nothing', async () => {
    // The city's total: from the city rollup (by gender, by occasion, unsplit), from the districts
    // without gender (by district) and with every district named; a district's total: from the
    // district table (by gender), its rollup (unsplit) and the city's side-by-side view.
    const cityAll = await Promise.all(['split=gender', 'split=occasion', 'split=none', 'split=district', `split=gender&districtIds=${DISTRICTS.join(',')}`].map((q) => view(q)));
    const districtAll = await Promise.all([`districtIds=${TARGET}&split=gender`, `districtIds=${TARGET}&split=none`].map((q) => view(q)));
    let compared = 0;
    for (const { q, o } of cellsOf()) {
      const of = (v: Awaited<ReturnType<typeof view>>, g: string) => v.questions.find((x) => x.questionId === q)!.cells[g].options[o];
      const city = cityAll.map((v) => of(v, 'all'));
      const district = [...districtAll.map((v) => of(v, 'all')), of(cityAll[3], TARGET)];
      expect([q, o, new Set(city).size, new Set(district).size]).toEqual([q, o, 1, 1]);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(20);
    expect(new Set([...cityAll, ...districtAll].map((v) => JSON.stringify(v.responses['all']))).size).toBe(2);
  });

  it('yesterday vs today: one new response does not show which answers it gave', async () => {
    const before = await view('split=district');
    const r: Resp = {
      invitationId: randomUUID(), districtId: TARGET, gender: 'girl', at: month(0),
      answers: Object.fromEntries(questions.map((q) => [q.id, q.options[Math.floor(rnd() * q.options.length)]])),
    };
    responses.push(r);
    await publish([submitted(r)]);
    await waitStored(responses.length);
    const after = await view('split=district');
    let guessedRight = 0;
    let sameAsTruth = 0;
    for (const q of questions) {
      const diff = q.options.map((o) =>
        num(after.questions.find((x) => x.questionId === q.id)!.cells[TARGET].options[o]) - num(before.questions.find((x) => x.questionId === q.id)!.cells[TARGET].options[o]),
      );
      const trueDiff = q.options.map((o) => (r.answers[q.id] === o ? 1 : 0));
      if (diff.join() === trueDiff.join()) sameAsTruth++;
      // The attacker's best guess: the option whose count rose most.
      if (q.options[diff.indexOf(Math.max(...diff))] === r.answers[q.id]) guessedRight++;
    }
    expect(sameAsTruth / questions.length).toBeLessThan(0.3);
    expect(guessedRight / questions.length).toBeLessThan(0.8);
  });
});
