import {
  completeness,
  publishBlockers,
  questionnaireTexts,
  questionsOf,
  QUESTIONNAIRE_LOCALES,
  validateQuestionnaire,
  type Question,
  type QuestionnaireContent,
} from '@delaktig/contracts';
import { DEFAULT_QUESTIONNAIRES } from './index';

/** Phone numbers a child may be sent to: 112 (emergency), BRIS 116 111, Självmordslinjen 90101. Nothing else. */
const KNOWN_NUMBERS = ['112', '116 111', '90101'];

describe.each(DEFAULT_QUESTIONNAIRES)('default questionnaire $key', ({ content, ageBand }) => {
  const v = validateQuestionnaire(content);
  const questions = v.content ? questionsOf(v.content) : [];
  /** The normalised content (a failed validation fails the first test and leaves this empty). */
  const parsed = (v.content ?? { ageBand: undefined, areas: [] }) as QuestionnaireContent;
  const byId = new Map(questions.map((q) => [q.question.id, q.question]));
  const sv = (q: Question | undefined) => q?.text.sv?.text ?? '';

  it('is valid, for its age band, without warnings, and publishable in Swedish and English', () => {
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual([]);
    expect(parsed.ageBand).toBe(ageBand);
    expect(publishBlockers(parsed)).toEqual([]);
    const c = completeness(parsed);
    expect(c.sv.complete && c.en.complete).toBe(true);
    expect(c.sv.machineDrafts + c.en.machineDrafts).toBe(0);
  });

  it('has the expected length: about 15 questions for 6–11, 25–30 for 12–18 (not counting follow-ups and talk flags)', () => {
    const main = questions.filter((q) => !q.question.showWhen && q.question.type !== 'talk-flag');
    const [min, max] = ageBand === '6-11' ? [13, 17] : [25, 31];
    expect(main.length).toBeGreaterThanOrEqual(min);
    expect(main.length).toBeLessThanOrEqual(max);
    expect(questions.some((q) => q.question.showWhen)).toBe(true);
  });

  it('uses no free text', () => {
    expect(questions.filter((q) => q.question.type === 'free-text')).toEqual([]);
  });

  it('marks exactly the answers the brief names as safety alerts, each with a message naming where to get help', () => {
    const safety = questions
      .flatMap(({ question: q }) => ('options' in q ? q.options.filter((o) => o.safety).map((o) => `${q.id}:${o.id}`) : []))
      .sort();
    const expected =
      ageBand === '6-11'
        ? ['home-hurt:yes', 'home-safe:no', 'school-bullied:every-day']
        : ['health-self-harm:done', 'health-self-harm:thought', 'home-safe:no', 'home-violence:me', 'home-violence:someone-else', 'school-bullied:every-day'];
    expect(safety).toEqual(expected);
    for (const id of new Set(safety.map((s) => s.split(':')[0]))) {
      const q = byId.get(id);
      for (const locale of ['sv', 'en'] as const) {
        const msg = q?.safetyMessage?.[locale]?.text ?? '';
        expect(msg).toMatch(/116 111/); // BRIS, the children's helpline
        expect((msg.match(/\d[\d ]*\d/g) ?? []).filter((n) => !KNOWN_NUMBERS.includes(n))).toEqual([]);
        expect(msg).toMatch(locale === 'sv' ? /En vuxen kommer att höra av sig/ : /An adult will get in touch/);
      }
    }
    if (ageBand === '12-18') expect(byId.get('health-self-harm')?.safetyMessage?.sv?.text).toMatch(/90101/);
  });

  it('is written in short sentences at a child\'s reading level', () => {
    const limit = ageBand === '6-11' ? 60 : 80;
    for (const { question: q } of questions) {
      expect({ id: q.id, length: sv(q).length <= limit }).toEqual({ id: q.id, length: true });
      // One idea per sentence: no long chains of clauses.
      expect(sv(q).split(/[.?!]/).every((s) => s.split(' ').length <= 14)).toBe(true);
      if ('options' in q && ageBand === '6-11') expect(q.options.length).toBeLessThanOrEqual(5);
    }
  });

  it('covers every area and ends each with "want to talk about this"', () => {
    expect(parsed.areas.map((a) => a.id)).toEqual(['home', 'school', 'leisure', 'health', 'social-services', 'about-answering']);
    for (const a of parsed.areas) expect(a.questions.at(-1)?.type).toBe('talk-flag');
  });

  it('uses the scale the age band calls for and gives every option a picture', () => {
    for (const { question: q } of questions) {
      if (q.type === 'scale') expect(q.steps).toBe(ageBand === '6-11' ? 3 : 5);
      if ('options' in q) for (const o of q.options) expect(o.icon).toMatch(/^[a-z0-9/-]+$/);
    }
    if (ageBand === '12-18') expect(questions.filter((q) => q.question.type === 'multiple-choice').length).toBeGreaterThanOrEqual(2);
  });

  it('can be answered in every language of the child app: every text in all 7, the five beyond Swedish and English marked as machine drafts', () => {
    const texts = questionnaireTexts(parsed);
    expect(texts.length).toBeGreaterThan(0);
    const c = completeness(parsed);
    for (const locale of QUESTIONNAIRE_LOCALES) {
      const missing = texts.filter(({ text }) => !text[locale]?.text.trim()).map(({ path }) => path);
      expect({ locale, missing }).toEqual({ locale, missing: [] });
      if (locale !== 'sv' && locale !== 'en') expect(c[locale]).toMatchObject({ translated: 0, machineDrafts: texts.length });
    }
    for (const { question: q } of questions) {
      for (const locale of QUESTIONNAIRE_LOCALES) expect({ id: q.id, locale, has: Boolean(q.text[locale]?.text) }).toEqual({ id: q.id, locale, has: true });
    }
  });

  it('keeps the helpline numbers of the safety messages in every language', () => {
    for (const { question: q } of questions) {
      if (!q.safetyMessage) continue;
      const numbers = (q.safetyMessage.sv?.text.match(/\d[\d ]*\d/g) ?? []).sort();
      for (const locale of QUESTIONNAIRE_LOCALES) {
        const text = q.safetyMessage[locale]?.text ?? '';
        for (const n of numbers) expect({ id: q.id, locale, n, found: text.includes(n) }).toEqual({ id: q.id, locale, n, found: true });
      }
    }
  });
});
