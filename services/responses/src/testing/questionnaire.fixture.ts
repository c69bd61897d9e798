import type { QuestionnaireContentInput } from '@delaktig/contracts';

/** A small questionnaire with every question type, a follow-up and safety options (tests only). */
const t = (sv: string, en: string) => ({ sv: { text: sv }, en: { text: en } });
const opt = (id: string, sv: string, en: string, icon: string, safety?: boolean) => ({ id, label: t(sv, en), icon, ...(safety ? { safety: true } : {}) });
const talk = (id: string) => ({ id, type: 'talk-flag' as const, text: t('Vill du prata om något här?', 'Do you want to talk about something here?') });
const safetyMessage = t('En vuxen hör av sig till dig snart.', 'An adult will get in touch with you soon.');

export function testQuestionnaire(marker = ''): QuestionnaireContentInput {
  return {
    schemaVersion: 1,
    ageBand: '6-11',
    title: t(`Hur har du det?${marker}`, `How are you?${marker}`),
    intro: t('Din socialsekreterare läser svaren.', 'Your social worker reads the answers.'),
    areas: [
      {
        id: 'home',
        title: t('Hemma', 'At home'),
        questions: [
          {
            id: 'home-safe',
            type: 'scale',
            steps: 3,
            text: t('Känner du dig trygg hemma?', 'Do you feel safe at home?'),
            options: [opt('sad', 'Nej', 'No', 'face-sad', true), opt('neutral', 'Ibland', 'Sometimes', 'face-neutral'), opt('happy', 'Ja', 'Yes', 'face-happy')],
            safetyMessage,
          },
          {
            id: 'home-why',
            type: 'single-choice',
            text: t('Vad gör att du inte känner dig trygg?', 'What makes you not feel safe?'),
            showWhen: { questionId: 'home-safe', anyOf: ['sad', 'neutral'] },
            options: [opt('family', 'Någon i familjen', 'Someone in the family', 'house'), opt('other', 'Något annat', 'Something else', 'question')],
          },
          {
            id: 'home-hurt',
            type: 'yes-no-dont-know',
            text: t('Har någon gjort dig illa?', 'Has anyone hurt you?'),
            options: [opt('yes', 'Ja', 'Yes', 'yes', true), opt('no', 'Nej', 'No', 'no'), opt('dont-know', 'Vet inte', "Don't know", 'dont-know')],
            safetyMessage,
          },
          talk('home-talk'),
        ],
      },
      {
        id: 'school',
        title: t('Skolan', 'School'),
        questions: [
          {
            id: 'school-like',
            type: 'scale',
            steps: 3,
            text: t('Trivs du i skolan?', 'Do you like school?'),
            options: [opt('sad', 'Nej', 'No', 'face-sad'), opt('neutral', 'Ibland', 'Sometimes', 'face-neutral'), opt('happy', 'Ja', 'Yes', 'face-happy')],
          },
          {
            id: 'school-good',
            type: 'multiple-choice',
            text: t('Vad är bra i skolan?', 'What is good at school?'),
            options: [opt('friends', 'Kompisar', 'Friends', 'friends'), opt('teachers', 'Lärare', 'Teachers', 'teacher'), opt('breaks', 'Raster', 'Breaks', 'ball')],
          },
          {
            id: 'school-words',
            type: 'free-text',
            enabled: true,
            sensitive: true,
            maxLength: 200,
            text: t('Vill du skriva något mer?', 'Do you want to write something more?'),
          },
          talk('school-talk'),
        ],
      },
      {
        id: 'leisure',
        title: t('Fritiden', 'Free time'),
        questions: [
          { id: 'leisure-words', type: 'free-text', enabled: false, text: t('Berätta om din fritid', 'Tell us about your free time') },
          talk('leisure-talk'),
        ],
      },
    ],
  };
}
