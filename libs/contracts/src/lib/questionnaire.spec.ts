import {
  completeness,
  publishBlockers,
  QuestionnaireContentInput,
  questionnaireTexts,
  validateQuestionnaire,
  type QuestionnaireValidation,
} from '../index';

const t = (sv: string, en: string) => ({ sv: { text: sv }, en: { text: en } });
const yesNo = (safetyOn?: 'yes' | 'no') =>
  (['yes', 'no', 'dont-know'] as const).map((id) => ({
    id,
    label: t(id, id),
    icon: id === 'yes' ? 'thumb-up' : id === 'no' ? 'thumb-down' : 'question-mark',
    ...(safetyOn === id ? { safety: true } : {}),
  }));
const faces = () => [
  { id: 'bad', label: t('Dåligt', 'Bad'), icon: 'face-sad' },
  { id: 'ok', label: t('Sådär', 'So-so'), icon: 'face-neutral' },
  { id: 'good', label: t('Bra', 'Good'), icon: 'face-happy' },
];
const talk = (id: string) => ({ id, type: 'talk-flag' as const, text: t('Vill du prata om det här?', 'Do you want to talk about this?') });

/** A small valid 6–11 questionnaire; each test breaks one thing. */
function sample(): QuestionnaireContentInput {
  return {
    schemaVersion: 1,
    ageBand: '6-11',
    title: t('Hur har du det?', 'How are you?'),
    intro: t('Din socialsekreterare läser svaren.', 'Your caseworker reads the answers.'),
    areas: [
      {
        id: 'home',
        title: t('Hemma', 'Home'),
        questions: [
          {
            id: 'home-safe',
            type: 'yes-no-dont-know',
            text: t('Känner du dig trygg hemma?', 'Do you feel safe at home?'),
            options: yesNo('no'),
            safetyMessage: t('En vuxen hör av sig.', 'An adult will get in touch.'),
          },
          { id: 'home-feel', type: 'scale', steps: 3, text: t('Hur är det hemma?', 'How is it at home?'), options: faces() },
          {
            id: 'home-feel-why',
            type: 'single-choice',
            text: t('Vad är svårt?', 'What is hard?'),
            showWhen: { questionId: 'home-feel', anyOf: ['bad'] },
            options: [
              { id: 'noise', label: t('Bråk', 'Arguing'), icon: 'speech-angry' },
              { id: 'alone', label: t('Ensam', 'Alone'), icon: 'person-alone' },
            ],
          },
          { id: 'home-words', type: 'free-text', enabled: false, text: t('Skriv', 'Write') },
          talk('home-talk'),
        ],
      },
      { id: 'school', title: t('Skolan', 'School'), questions: [talk('school-talk')] },
    ],
  };
}

function paths(v: QuestionnaireValidation) {
  return v.errors.map((e) => e.path);
}

describe('questionnaire content', () => {
  it('accepts a valid questionnaire, applies the fixed "I don\'t want to answer" flag and warns about missing areas', () => {
    const v = validateQuestionnaire(sample());
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.content?.areas[0].questions.every((q) => q.declinable === true)).toBe(true);
    expect(v.warnings.map((w) => w.message)).toEqual(expect.arrayContaining(['area leisure is missing', 'area about-answering is missing']));
  });

  it('refuses turning off "I don\'t want to answer"', () => {
    const c = sample() as any;
    c.areas[0].questions[1].declinable = false;
    expect(paths(validateQuestionnaire(c))).toContain('areas.0.questions.1.declinable');
  });

  it('refuses duplicate question ids and duplicate option ids, naming the path', () => {
    const c = sample() as any;
    c.areas[0].questions[1].id = 'home-safe';
    c.areas[0].questions[2].options[1].id = 'noise';
    const v = validateQuestionnaire(c);
    expect(v.ok).toBe(false);
    expect(paths(v)).toEqual(expect.arrayContaining(['areas.0.questions.1.id', 'areas.0.questions.2.options.1.id']));
  });

  it('requires follow-ups to refer to an existing, earlier question and its options', () => {
    const unknown = sample() as any;
    unknown.areas[0].questions[2].showWhen = { questionId: 'nope', anyOf: ['bad'] };
    expect(validateQuestionnaire(unknown).errors).toContainEqual({ path: 'areas.0.questions.2.showWhen.questionId', message: 'refers to an unknown question nope' });

    const forward = sample() as any;
    forward.areas[0].questions[0].showWhen = { questionId: 'home-feel', anyOf: ['bad'] };
    expect(validateQuestionnaire(forward).errors[0]).toMatchObject({ path: 'areas.0.questions.0.showWhen.questionId', message: expect.stringContaining('earlier') });

    const badOption = sample() as any;
    badOption.areas[0].questions[2].showWhen.anyOf = ['bad', 'terrible'];
    expect(paths(validateQuestionnaire(badOption))).toEqual(['areas.0.questions.2.showWhen.anyOf.1']);

    const onTalk = sample() as any;
    onTalk.areas[1].questions.unshift({ ...onTalk.areas[0].questions[2], id: 'x', showWhen: { questionId: 'home-talk', anyOf: ['yes'] } });
    expect(paths(validateQuestionnaire(onTalk))).toContain('areas.1.questions.0.showWhen.questionId');
  });

  it('allows safety only on options', () => {
    const c = sample() as any;
    c.areas[0].questions[1].safety = true;
    expect(validateQuestionnaire(c).errors).toContainEqual({ path: 'areas.0.questions.1.safety', message: 'safety may only be set on an answer option' });
  });

  it('requires a caring message for the child on a question with a safety option', () => {
    const c = sample() as any;
    delete c.areas[0].questions[0].safetyMessage;
    expect(paths(validateQuestionnaire(c))).toEqual(['areas.0.questions.0.safetyMessage']);
  });

  it('fits scale steps to the age band', () => {
    const c = sample() as any;
    c.areas[0].questions[1].steps = 5;
    expect(validateQuestionnaire(c).errors).toEqual(
      expect.arrayContaining([
        { path: 'areas.0.questions.1.steps', message: 'must be 3 for age band 6-11' },
        { path: 'areas.0.questions.1.options', message: 'must have exactly 5 options, one per step' },
      ]),
    );
    const teen = sample() as any;
    teen.ageBand = '12-18';
    expect(paths(validateQuestionnaire(teen))).toContain('areas.0.questions.1.steps');
  });

  it('keeps yes / no / don\'t know to its three fixed options', () => {
    const c = sample() as any;
    c.areas[0].questions[0].options = c.areas[0].questions[0].options.slice(0, 2);
    expect(paths(validateQuestionnaire(c))).toEqual(['areas.0.questions.0.options']);
  });

  it('keeps free text off unless explicitly enabled, and then sensitive with a warning', () => {
    const missing = sample() as any;
    delete missing.areas[0].questions[3].enabled;
    expect(paths(validateQuestionnaire(missing))).toEqual(['areas.0.questions.3.enabled']);

    const onNotSensitive = sample() as any;
    onNotSensitive.areas[0].questions[3].enabled = true;
    expect(paths(validateQuestionnaire(onNotSensitive))).toEqual(['areas.0.questions.3.sensitive']);

    const on = sample() as any;
    on.areas[0].questions[3].enabled = true;
    on.areas[0].questions[3].sensitive = true;
    const v = validateQuestionnaire(on);
    expect(v.ok).toBe(true);
    expect(v.warnings).toContainEqual(expect.objectContaining({ path: 'areas.0.questions.3.enabled', message: expect.stringContaining('free text is turned on') }));
  });

  it('ends every area with one "want to talk about this" flag', () => {
    const c = sample() as any;
    c.areas[0].questions.pop();
    expect(paths(validateQuestionnaire(c))).toEqual(['areas.0.questions.3']);
    const twice = sample() as any;
    twice.areas[1].questions.unshift(talk('school-talk-2'));
    expect(paths(validateQuestionnaire(twice))).toEqual(['areas.1.questions.0.type']);
  });

  it('limits the youngest band to five options and refuses repeated areas and unknown fields', () => {
    const c = sample() as any;
    const q = c.areas[0].questions[2];
    q.options = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, label: t(id, id), icon: 'dot' }));
    c.areas[1].id = 'home';
    const v = validateQuestionnaire(c);
    expect(paths(v)).toEqual(expect.arrayContaining(['areas.0.questions.2.options', 'areas.1.id']));
    c.areas[1].id = 'school';
    c.areas[0].questions[2].options[0].icon = '😀';
    c.extra = 1;
    expect(paths(validateQuestionnaire(c))).toEqual(expect.arrayContaining(['areas.0.questions.2.options.0.icon', 'extra']));
  });

  it('reports completeness per locale, counting machine drafts as missing, and blocks publishing without sv and en', () => {
    const c = sample() as any;
    c.areas[0].questions[0].text.ar = { text: 'هل تشعر بالأمان في المنزل؟', machineDraft: true, audio: 'audio/ar/home-safe' };
    delete c.areas[0].questions[1].text.en;
    c.title.en.machineDraft = true;
    const v = validateQuestionnaire(c);
    expect(v.ok).toBe(true);
    const report = completeness(v.content!);
    const total = questionnaireTexts(v.content!).length;
    expect(report.sv).toMatchObject({ complete: true, translated: total, missing: [] });
    expect(report.en).toMatchObject({ complete: false, machineDrafts: 1, missing: ['title', 'areas.0.questions.1.text'] });
    expect(report.ar).toMatchObject({ complete: false, translated: 0, machineDrafts: 1, withAudio: 1, required: false });
    expect(publishBlockers(v.content!)).toEqual([
      { path: 'title.en', message: 'is only a machine draft; a person must review it before publishing' },
      { path: 'areas.0.questions.1.text.en', message: 'is missing; required for publishing' },
    ]);
    expect(publishBlockers(validateQuestionnaire(sample()).content!)).toEqual([]);
  });

  it('refuses a text with no language at all', () => {
    const c = sample() as any;
    c.areas[0].questions[1].text = {};
    expect(paths(validateQuestionnaire(c))).toEqual(['areas.0.questions.1.text']);
  });
});
