// The real default questionnaires and the contract types, to test the flow against what children meet.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { type Answer as ContractAnswer, type QuestionnaireContent as ContractContent, answer, questionnaireContent } from '@delaktig/contracts';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { DEFAULT_6_11 } from '../../../../services/survey-delivery/src/app/questionnaires/defaults/default-6-11';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { DEFAULT_12_18 } from '../../../../services/survey-delivery/src/app/questionnaires/defaults/default-12-18';
import {
  allQuestions,
  buildAnswers,
  chosenSafety,
  type Drafts,
  draftsFrom,
  nextId,
  normaliseCode,
  previousId,
  progress,
  resolveText,
  resumeAt,
  visibleQuestions,
} from './flow';
import type { Answer, QuestionnaireContent } from './model';

const content6: QuestionnaireContent = questionnaireContent.parse(DEFAULT_6_11);
const content12: QuestionnaireContent = questionnaireContent.parse(DEFAULT_12_18);

describe('the local model matches the contract', () => {
  it('is assignable both ways (compile-time) and the defaults parse', () => {
    const a: ContractContent = content6 as ContractContent;
    const b: QuestionnaireContent = a;
    const x: ContractAnswer = { questionId: 'a', value: { kind: 'declined' }, wantsToTalk: false } satisfies Answer;
    expect(b.areas.length).toBeGreaterThan(0);
    expect(x.value.kind).toBe('declined');
  });
});

describe('follow-ups (showWhen)', () => {
  it('hides "do you want to see them more?" until the child says they see family they do not live with', () => {
    const ids = (d: Drafts) => visibleQuestions(content6, d).map((f) => f.question.id);
    expect(ids({})).not.toContain('home-family-more');
    expect(ids({ 'home-family': { value: { kind: 'option', optionId: 'nobody' } } })).not.toContain('home-family-more');
    expect(ids({ 'home-family': { value: { kind: 'option', optionId: 'yes' } } })).toContain('home-family-more');
    expect(ids({ 'home-family': { value: { kind: 'declined' } } })).not.toContain('home-family-more');
  });

  it('moves forward over a hidden follow-up and back over it too', () => {
    const d: Drafts = { 'home-family': { value: { kind: 'option', optionId: 'nobody' } } };
    expect(nextId(content6, d, 'home-family')).toBe('home-talk');
    expect(previousId(content6, d, 'home-talk')).toBe('home-family');
    const shown: Drafts = { 'home-family': { value: { kind: 'option', optionId: 'no' } } };
    expect(nextId(content6, shown, 'home-family')).toBe('home-family-more');
    expect(previousId(content6, shown, 'home-talk')).toBe('home-family-more');
  });

  it('drops the answer of a follow-up that is hidden again', () => {
    const d: Drafts = {
      'home-family': { value: { kind: 'option', optionId: 'nobody' } },
      'home-family-more': { value: { kind: 'option', optionId: 'more' } },
    };
    expect(buildAnswers(content6, d).map((a) => a.questionId)).toEqual(['home-family']);
  });
});

describe('navigation and progress', () => {
  it('starts at the first question, ends after the last and counts only visible questions', () => {
    expect(nextId(content6, {}, null)).toBe('home-safe');
    expect(previousId(content6, {}, 'home-safe')).toBeNull();
    const last = allQuestions(content6).at(-1)!.question.id;
    expect(nextId(content6, {}, last)).toBeNull();
    expect(previousId(content6, {}, null)).toBe(last);
    const total = visibleQuestions(content6, {}).length;
    expect(progress(content6, {}, 'home-safe')).toEqual({ index: 1, total });
    expect(progress(content6, { 'home-family': { value: { kind: 'option', optionId: 'yes' } } }, 'home-safe').total).toBe(total + 1);
  });

  it('walks every visible question of both defaults exactly once', () => {
    for (const c of [content6, content12]) {
      const seen: string[] = [];
      for (let id = nextId(c, {}, null); id; id = nextId(c, {}, id)) seen.push(id);
      expect(seen).toEqual(visibleQuestions(c, {}).map((f) => f.question.id));
    }
  });

  it('resumes at the saved position, or at the first unanswered question when the position is gone', () => {
    const d = draftsFrom([{ questionId: 'home-safe', value: { kind: 'option', optionId: 'yes' }, wantsToTalk: false }]);
    expect(resumeAt(content6, d, 'school-like')).toBe('school-like');
    expect(resumeAt(content6, d, 'home-family-more')).toBe('home-adult');
    expect(resumeAt(content6, d, null)).toBe('home-adult');
  });
});

describe('answers', () => {
  it('builds answers the contract accepts: options, multiple, flag, declined, talk marks', () => {
    const d: Drafts = {
      'home-safe': { value: { kind: 'option', optionId: 'no' }, wantsToTalk: true },
      'home-adult': { value: { kind: 'declined' } },
      'home-food': { wantsToTalk: true },
      'home-talk': { value: { kind: 'flag', on: true } },
      'leisure-likes': { value: { kind: 'options', optionIds: ['sport', 'draw'] } },
      'school-like': { value: { kind: 'options', optionIds: [] } },
      'ss-know': {},
    };
    const answers = buildAnswers(content6, d);
    expect(answers).toEqual([
      { questionId: 'home-safe', value: { kind: 'option', optionId: 'no' }, wantsToTalk: true },
      { questionId: 'home-adult', value: { kind: 'declined' }, wantsToTalk: false },
      { questionId: 'home-food', value: { kind: 'declined' }, wantsToTalk: true },
      { questionId: 'home-talk', value: { kind: 'flag', on: true }, wantsToTalk: false },
      { questionId: 'leisure-likes', value: { kind: 'options', optionIds: ['sport', 'draw'] }, wantsToTalk: false },
    ]);
    for (const a of answers) expect(answer.safeParse(a).success).toBe(true);
    expect(draftsFrom(answers)['home-safe']).toEqual({ value: { kind: 'option', optionId: 'no' }, wantsToTalk: true });
  });

  it('trims free text and leaves out empty text', () => {
    const c: QuestionnaireContent = {
      ...content6,
      areas: [{ id: 'home', title: { sv: { text: 'Hemma' } }, questions: [{ id: 'free', type: 'free-text', enabled: true, sensitive: true, text: { sv: { text: 'Skriv' } } }, { id: 'home-talk', type: 'talk-flag', text: { sv: { text: 'Prata?' } } }] }],
    };
    expect(buildAnswers(c, { free: { value: { kind: 'text', text: '  hej  ' } } })).toEqual([{ questionId: 'free', value: { kind: 'text', text: 'hej' }, wantsToTalk: false }]);
    expect(buildAnswers(c, { free: { value: { kind: 'text', text: '   ' } } })).toEqual([]);
    const off = { ...c, areas: [{ ...c.areas[0], questions: [{ ...c.areas[0].questions[0], enabled: false }, c.areas[0].questions[1]] }] } as QuestionnaireContent;
    expect(allQuestions(off).map((f) => f.question.id)).toEqual(['home-talk']);
  });

  it('knows when a safety option is chosen', () => {
    const q = allQuestions(content6).find((f) => f.question.id === 'home-hurt')!.question;
    expect(chosenSafety(q, { value: { kind: 'option', optionId: 'yes' } })).toBe(true);
    expect(chosenSafety(q, { value: { kind: 'option', optionId: 'no' } })).toBe(false);
    expect(chosenSafety(q, { value: { kind: 'declined' } })).toBe(false);
    expect(chosenSafety(q, undefined)).toBe(false);
  });
});

describe('texts and codes', () => {
  it('falls back to Swedish, then English, and says which language the text really is', () => {
    expect(resolveText({ sv: { text: 'Hej' }, en: { text: 'Hi' } }, 'ar')).toEqual({ text: 'Hej', lang: 'sv' });
    expect(resolveText({ en: { text: 'Hi' } }, 'ar')).toEqual({ text: 'Hi', lang: 'en' });
    expect(resolveText({ sv: { text: 'Hej' }, ar: { text: 'مرحبا', audio: 'audio/ar/hi' } }, 'ar')).toEqual({ text: 'مرحبا', lang: 'ar', audio: 'audio/ar/hi' });
    expect(resolveText({ sv: { text: 'Hej' }, en: { text: 'Hi' } }, 'so', ['en', 'sv']).lang).toBe('en');
  });

  it('forgives how a code is typed', () => {
    expect(normaliseCode(' abcd 2345 ')).toBe('ABCD-2345');
    expect(normaliseCode('abcd–2345')).toBe('ABCD-2345');
    expect(normaliseCode('ABCD-2345')).toBe('ABCD-2345');
    expect(normaliseCode('abc')).toBe('ABC');
    expect(normaliseCode('')).toBe('');
  });
});
