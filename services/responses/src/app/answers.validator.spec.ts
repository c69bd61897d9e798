import { questionnaireContent, validateQuestionnaire } from '@delaktig/contracts';
import { testQuestionnaire } from '../testing/questionnaire.fixture';
import { compileVersion, validateAnswers } from './answers.validator';
import { TextCipher } from './text-cipher';

const version = compileVersion('00000000-0000-4000-8000-000000000001', questionnaireContent.parse(testQuestionnaire()));
const ok = (answers: unknown[]) => {
  const r = validateAnswers(version, answers);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
};
const errors = (answers: unknown) => {
  const r = validateAnswers(version, answers);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
};
const opt = (questionId: string, optionId: string) => ({ questionId, value: { kind: 'option', optionId } });

describe('answers validator', () => {
  it('the fixture is a valid questionnaire', () => {
    expect(validateQuestionnaire(testQuestionnaire()).errors).toEqual([]);
  });

  it('accepts answers of every type, returns them in questionnaire order with wantsToTalk defaulted', () => {
    const r = ok([
      { questionId: 'school-words', value: { kind: 'text', text: 'Jag gillar rast' } },
      { questionId: 'home-talk', value: { kind: 'flag', on: true } },
      opt('home-safe', 'happy'),
      { questionId: 'school-good', value: { kind: 'options', optionIds: ['friends', 'breaks'] }, wantsToTalk: true },
      { questionId: 'leisure-words', value: { kind: 'declined' } },
    ]);
    expect(r.answers.map((a) => a.questionId)).toEqual(['home-safe', 'home-talk', 'school-good', 'school-words', 'leisure-words']);
    expect(r.answers[0]?.wantsToTalk).toBe(false);
    expect(r.answers[2]?.wantsToTalk).toBe(true);
    expect(r.safetyQuestionIds).toEqual([]);
  });

  it('names an unknown option with its field path', () => {
    expect(errors([opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'happy'), opt('school-like', 'ecstatic')])).toEqual([
      { field: 'answers[3].questionId', reason: 'school-like is already answered at answers[2]' },
    ]);
    expect(errors([opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'happy'), opt('home-talk', 'x')])).toEqual([
      { field: 'answers[3].value.kind', reason: 'must be flag or declined for a talk-flag question' },
    ]);
    expect(errors([opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'happy'), opt('home-hurt', 'maybe')])[0]).toEqual({
      field: 'answers[3].questionId',
      reason: 'home-hurt is already answered at answers[1]',
    });
    expect(errors([opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'happy'), opt('leisure-talk', 'x'), opt('school-good', 'x')])).toContainEqual({
      field: 'answers[4].value.kind',
      reason: 'must be options or declined for a multiple-choice question',
    });
    expect(errors([opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'happy'), opt('home-safe-x', 'happy')])).toEqual([
      { field: 'answers[3].questionId', reason: 'home-safe-x is not a question of this questionnaire' },
    ]);
    expect(errors([opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'happy'), { questionId: 'home-hurt' }].slice(1))).toEqual([
      { field: 'answers[2].value', reason: expect.any(String) },
    ]);
    expect(errors([opt('home-safe', 'ecstatic')])).toEqual([
      { field: 'answers[0].value.optionId', reason: 'ecstatic is not an option of home-safe (options: sad, neutral, happy)' },
    ]);
    expect(errors([{ questionId: 'school-good', value: { kind: 'options', optionIds: ['friends', 'gym', 'friends'] } }])).toEqual([
      { field: 'answers[0].value.optionIds[1]', reason: 'gym is not an option of school-good' },
      { field: 'answers[0].value.optionIds[2]', reason: 'friends is chosen twice' },
    ]);
  });

  it('refuses malformed answers naming the field, and anything but a list', () => {
    expect(errors({})).toEqual([{ field: 'answers', reason: 'must be a list of answers' }]);
    expect(errors([{ questionId: 'Home Safe', value: { kind: 'declined' } }])[0]?.field).toBe('answers[0].questionId');
    expect(errors([{ questionId: 'home-safe', value: { kind: 'declined' }, extra: 1 }])).toEqual([{ field: 'answers[0].extra', reason: 'is not a known field' }]);
    expect(errors(Array.from({ length: 201 }, () => opt('home-safe', 'happy')))).toEqual([{ field: 'answers', reason: 'may have at most 200 answers' }]);
  });

  it('answers a follow-up only when its condition holds; declining is always allowed', () => {
    expect(ok([opt('home-safe', 'neutral'), opt('home-why', 'family')]).answers).toHaveLength(2);
    expect(errors([opt('home-safe', 'happy'), opt('home-why', 'family')])).toEqual([
      { field: 'answers[1].questionId', reason: 'home-why is a follow-up question, asked only when home-safe is answered with sad or neutral' },
    ]);
    expect(errors([opt('home-why', 'family')])[0]?.field).toBe('answers[0].questionId');
    expect(ok([opt('home-safe', 'happy'), { questionId: 'home-why', value: { kind: 'declined' } }]).answers).toHaveLength(2);
    expect(ok([{ questionId: 'home-safe', value: { kind: 'declined' } }]).answers).toHaveLength(1);
  });

  it('refuses free text where it is turned off or too long', () => {
    expect(errors([{ questionId: 'leisure-words', value: { kind: 'text', text: 'hej' } }])).toEqual([
      { field: 'answers[0].value', reason: 'free text is turned off for leisure-words' },
    ]);
    expect(errors([{ questionId: 'school-words', value: { kind: 'text', text: 'a'.repeat(201) } }])).toEqual([
      { field: 'answers[0].value.text', reason: 'may be at most 200 characters' },
    ]);
  });

  it('reports the questions where a safety option was chosen', () => {
    expect(ok([opt('home-safe', 'sad'), opt('home-why', 'family'), opt('home-hurt', 'yes')]).safetyQuestionIds).toEqual(['home-safe', 'home-hurt']);
    expect(ok([opt('home-safe', 'neutral'), opt('home-hurt', 'no')]).safetyQuestionIds).toEqual([]);
  });
});

describe('text cipher', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  it('round-trips, binds the ciphertext to its answer, and reads old keys after rotation', () => {
    const c1 = new TextCipher('k1', key);
    const sealed = c1.seal('hemlig text', 'inv/q1');
    expect(sealed.k).toBe('k1');
    expect(Buffer.from(sealed.ct, 'base64').toString('utf8')).not.toContain('hemlig');
    expect(c1.open(sealed, 'inv/q1')).toBe('hemlig text');
    expect(() => c1.open(sealed, 'inv/q2')).toThrow();
    const c2 = new TextCipher('k2', Buffer.alloc(32, 9).toString('base64'), `k1:${key}`);
    expect(c2.open(sealed, 'inv/q1')).toBe('hemlig text');
    expect(c2.seal('x', 'a').k).toBe('k2');
  });
});
