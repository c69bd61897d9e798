import {
  QuestionnaireContent,
  addOption,
  addQuestion,
  changeType,
  completenessOf,
  earlierWithOptions,
  issuesAt,
  moveQuestion,
  questionOfPath,
  removeOption,
  removeQuestion,
  setAudio,
  setFreeText,
  setSafety,
  setText,
} from './model';

export function sampleContent(): QuestionnaireContent {
  const t = (sv: string, en: string) => ({ sv: { text: sv }, en: { text: en } });
  return {
    schemaVersion: 1,
    ageBand: '6-11',
    title: t('Hur har du det?', 'How are things?'),
    intro: t('Hej!', 'Hi!'),
    areas: [
      {
        id: 'home',
        title: t('Hemma', 'At home'),
        questions: [
          {
            id: 'home-safe',
            type: 'yes-no-dont-know',
            text: t('Känner du dig trygg hemma?', 'Do you feel safe at home?'),
            options: [
              { id: 'yes', icon: 'thumb-up', label: t('Ja', 'Yes') },
              { id: 'no', icon: 'thumb-down', label: t('Nej', 'No'), safety: true },
              { id: 'dont-know', icon: 'question-mark', label: t('Vet inte', "Don't know") },
            ],
            safetyMessage: t('En vuxen kommer att höra av sig. BRIS 116 111.', 'An adult will get in touch. BRIS 116 111.'),
          },
          { id: 'home-why', type: 'single-choice', text: t('Varför?', 'Why?'), showWhen: { questionId: 'home-safe', anyOf: ['no'] }, options: [
            { id: 'a', icon: 'circle', label: t('A', 'A') },
            { id: 'b', icon: 'circle', label: t('B', 'B') },
          ] },
          { id: 'home-talk', type: 'talk-flag', text: t('Vill du prata?', 'Want to talk?') },
        ],
      },
    ],
  };
}

describe('questionnaire editing', () => {
  it('sets a text in one language without touching the others or the original', () => {
    const c = sampleContent();
    const next = setText(c, 'areas.0.questions.0.text', 'en', 'Are you safe at home?');
    expect(next.areas[0].questions[0].text).toEqual({ sv: { text: 'Känner du dig trygg hemma?' }, en: { text: 'Are you safe at home?' } });
    expect(c.areas[0].questions[0].text.en?.text).toBe('Do you feel safe at home?');
  });

  it('turns an edited machine draft into a person\'s text and removes an emptied language', () => {
    const c = sampleContent();
    c.title.fi = { text: 'Mitä kuuluu?', machineDraft: true, audio: 'audio/fi/title' };
    const reviewed = setText(c, 'title', 'fi', 'Mitä sinulle kuuluu?');
    expect(reviewed.title.fi).toEqual({ text: 'Mitä sinulle kuuluu?', audio: 'audio/fi/title' });
    expect(setText(c, 'title', 'fi', '  ').title.fi).toBeUndefined();
  });

  it('sets and clears an audio key only where the text exists', () => {
    const c = sampleContent();
    expect(setAudio(c, 'intro', 'sv', 'audio/sv/intro').intro.sv).toEqual({ text: 'Hej!', audio: 'audio/sv/intro' });
    expect(setAudio(c, 'intro', 'ar', 'audio/ar/intro')).toBe(c);
  });

  it('counts completeness per language, machine drafts apart', () => {
    const c = sampleContent();
    c.title.ar = { text: 'كيف حالك؟', machineDraft: true };
    c.intro.ar = { text: 'مرحبا' };
    const ar = completenessOf(c, 'ar');
    expect(ar).toMatchObject({ total: 12, translated: 1, machineDrafts: 1, missing: 10 });
    expect(completenessOf(c, 'sv')).toMatchObject({ translated: 12, percent: 100 });
  });

  it('moves questions up and down, ignoring moves past the ends', () => {
    const c = sampleContent();
    expect(moveQuestion(c, 0, 1, -1).areas[0].questions.map((q) => q.id)).toEqual(['home-why', 'home-safe', 'home-talk']);
    expect(moveQuestion(c, 0, 0, -1).areas[0].questions.map((q) => q.id)).toEqual(['home-safe', 'home-why', 'home-talk']);
  });

  it('adds a question before the closing "want to talk" question, with a fresh id', () => {
    const { content, index } = addQuestion(sampleContent(), 0, 'scale');
    expect(index).toBe(2);
    expect(content.areas[0].questions.map((q) => q.id)).toEqual(['home-safe', 'home-why', 'home-new-1', 'home-talk']);
    expect(content.areas[0].questions[2]).toMatchObject({ type: 'scale', steps: 3 });
    expect(content.areas[0].questions[2].options).toHaveLength(3);
  });

  it('removing a question turns its follow-ups into ordinary questions', () => {
    const next = removeQuestion(sampleContent(), 0, 0);
    expect(next.areas[0].questions[0]).toMatchObject({ id: 'home-why' });
    expect(next.areas[0].questions[0].showWhen).toBeUndefined();
  });

  it('adds and removes options; removing an option drops it from follow-up conditions', () => {
    const c = sampleContent();
    const added = addOption(c, 0, 1);
    expect(added.areas[0].questions[1].options?.map((o) => o.id)).toEqual(['a', 'b', 'option-3']);
    const removed = removeOption(c, 0, 0, 1);
    expect(removed.areas[0].questions[0].options?.map((o) => o.id)).toEqual(['yes', 'dont-know']);
    expect(removed.areas[0].questions[0].safetyMessage).toBeUndefined();
    expect(removed.areas[0].questions[1].showWhen?.anyOf).toEqual([]);
  });

  it('a safety option brings a safety message; without safety options there is none', () => {
    const c = sampleContent();
    const on = setSafety(c, 0, 1, 0, true);
    expect(on.areas[0].questions[1].options?.[0].safety).toBe(true);
    expect(on.areas[0].questions[1].safetyMessage).toEqual({});
    const off = setSafety(on, 0, 1, 0, false);
    expect(off.areas[0].questions[1].safetyMessage).toBeUndefined();
  });

  it('free text is always sensitive when turned on', () => {
    const c = changeType(sampleContent(), 0, 1, 'free-text');
    expect(c.areas[0].questions[1]).toMatchObject({ id: 'home-why', type: 'free-text', enabled: false });
    expect(c.areas[0].questions[1].options).toBeUndefined();
    expect(setFreeText(c, 0, 1, true).areas[0].questions[1]).toMatchObject({ enabled: true, sensitive: true });
  });

  it('offers only earlier questions with options as follow-up conditions', () => {
    expect(earlierWithOptions(sampleContent(), 0, 2).map((q) => q.id)).toEqual(['home-safe', 'home-why']);
    expect(earlierWithOptions(sampleContent(), 0, 0)).toEqual([]);
  });

  it('finds server issues at a field and the question they point into', () => {
    const issues = [
      { path: 'areas.0.questions.1.text.en', message: 'is missing; required for publishing' },
      { path: 'areas.0.questions.10.id', message: 'x' },
    ];
    expect(issuesAt(issues, 'areas.0.questions.1.text')).toEqual([issues[0]]);
    expect(issuesAt(issues, 'areas.0.questions.1')).toEqual([issues[0]]);
    expect(questionOfPath(issues[1].path)).toEqual({ ai: 0, qi: 10 });
  });
});
