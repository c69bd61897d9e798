import type { QuestionnaireContentInput } from '@delaktig/contracts';
import { faces3, multiple, opt, single, t, talk, yesNo } from './build';

/** Shown at once when a child chooses an answer that raises a safety alert. */
const SAFETY_HOME = t(
  'Tack för att du berättar. Det är inte ditt fel. En vuxen kommer att höra av sig till dig snart. Är du i fara just nu? Ring 112. Du kan också ringa BRIS på 116 111. Det är gratis.',
  'Thank you for telling us. It is not your fault. An adult will get in touch with you soon. Are you in danger right now? Call 112. You can also call BRIS on 116 111. It is free.',
);
const SAFETY_BULLYING = t(
  'Tack för att du berättar. Ingen ska behöva bli mobbad. En vuxen kommer att höra av sig till dig snart. Du kan också ringa BRIS på 116 111. Det är gratis.',
  'Thank you for telling us. Nobody should be bullied. An adult will get in touch with you soon. You can also call BRIS on 116 111. It is free.',
);

/**
 * The default questionnaire for children aged 6–11: short questions, three faces,
 * yes / no / don't know, a picture for every answer, at most five options.
 */
export const DEFAULT_6_11: QuestionnaireContentInput = {
  schemaVersion: 1,
  ageBand: '6-11',
  title: t('Hur har du det?', 'How are things for you?'),
  intro: t(
    'Här kommer några frågor om hur du har det. Det finns inga rätt eller fel svar. Din socialsekreterare läser dina svar. Sedan pratar ni om dem tillsammans. Du behöver inte svara på allt.',
    'Here are some questions about how things are for you. There are no right or wrong answers. Your social worker reads your answers. Then you talk about them together. You do not have to answer everything.',
  ),
  areas: [
    {
      id: 'home',
      title: t('Hemma', 'At home'),
      questions: [
        yesNo('home-safe', 'Känner du dig trygg där du bor?', 'Do you feel safe where you live?', { safetyOn: 'no', safetyMessage: SAFETY_HOME }),
        yesNo('home-adult', 'Finns det en vuxen hemma som du kan prata med?', 'Is there a grown-up at home you can talk to?'),
        yesNo('home-food', 'Får du äta dig mätt hemma?', 'Do you get enough to eat at home?'),
        yesNo('home-hurt', 'Är det någon hemma som slår dig eller gör dig illa?', 'Does anyone at home hit you or hurt you?', {
          safetyOn: 'yes',
          safetyMessage: SAFETY_HOME,
        }),
        single('home-family', 'Träffar du någon i din familj som du inte bor med?', 'Do you see someone in your family you do not live with?', [
          opt('yes', 'thumb-up', 'Ja', 'Yes'),
          opt('no', 'thumb-down', 'Nej', 'No'),
          opt('nobody', 'house', 'Jag bor med hela min familj', 'I live with all my family'),
        ]),
        single(
          'home-family-more',
          'Vill du träffa dem mer?',
          'Do you want to see them more?',
          [
            opt('more', 'arrow-up', 'Ja, mer', 'Yes, more'),
            opt('same', 'arrow-flat', 'Det är bra som det är', 'It is fine as it is'),
            opt('less', 'arrow-down', 'Nej, mindre', 'No, less'),
          ],
          { showWhen: { questionId: 'home-family', anyOf: ['yes', 'no'] } },
        ),
        talk('home'),
      ],
    },
    {
      id: 'school',
      title: t('Skolan', 'School'),
      questions: [
        faces3('school-like', 'Hur tycker du att det är i skolan?', 'How do you like school?'),
        yesNo('school-help', 'Får du hjälp med skolarbetet när du behöver?', 'Do you get help with schoolwork when you need it?'),
        yesNo('school-adult', 'Finns det en vuxen i skolan som du litar på?', 'Is there a grown-up at school you trust?'),
        single(
          'school-bullied',
          'Är det någon som mobbar dig?',
          'Does anyone bully you?',
          [
            opt('never', 'face-happy', 'Nej', 'No'),
            opt('sometimes', 'face-neutral', 'Ibland', 'Sometimes'),
            opt('every-day', 'face-sad', 'Ja, varje dag', 'Yes, every day', true),
          ],
          { safetyMessage: SAFETY_BULLYING },
        ),
        talk('school'),
      ],
    },
    {
      id: 'leisure',
      title: t('Fritiden', 'Free time'),
      questions: [
        yesNo('leisure-friend', 'Har du en kompis?', 'Do you have a friend?'),
        multiple('leisure-likes', 'Vad tycker du om att göra?', 'What do you like doing?', [
          opt('play-outside', 'tree', 'Leka ute', 'Playing outside'),
          opt('sport', 'ball', 'Sport', 'Sports'),
          opt('games', 'game-controller', 'Spela spel', 'Playing games'),
          opt('draw', 'pencil', 'Rita eller pyssla', 'Drawing or crafts'),
          opt('friends', 'two-children', 'Vara med kompisar', 'Being with friends'),
        ]),
        talk('leisure'),
      ],
    },
    {
      id: 'health',
      title: t('Hur du mår', 'How you feel'),
      questions: [
        faces3('health-feel', 'Hur mår du?', 'How do you feel?'),
        single('health-sad', 'Är du ledsen?', 'Are you sad?', [
          opt('never', 'face-happy', 'Nej, nästan aldrig', 'No, almost never'),
          opt('sometimes', 'face-neutral', 'Ibland', 'Sometimes'),
          opt('often', 'face-sad', 'Ja, ofta', 'Yes, often'),
        ]),
        talk('health'),
      ],
    },
    {
      id: 'social-services',
      title: t('Socialtjänsten', 'Social services'),
      questions: [
        yesNo('ss-know', 'Vet du vem din socialsekreterare är?', 'Do you know who your social worker is?'),
        faces3('ss-listened', 'Lyssnar din socialsekreterare på dig?', 'Does your social worker listen to you?', [
          ['Nej', 'No'],
          ['Ibland', 'Sometimes'],
          ['Ja', 'Yes'],
        ]),
        talk('social-services'),
      ],
    },
    {
      id: 'about-answering',
      title: t('Om frågorna', 'About the questions'),
      questions: [
        faces3('about-easy', 'Var frågorna lätta att förstå?', 'Were the questions easy to understand?', [
          ['Nej, de var svåra', 'No, they were hard'],
          ['Några var svåra', 'Some were hard'],
          ['Ja, de var lätta', 'Yes, they were easy'],
        ]),
        talk('about-answering', 'Är det något mer du vill prata om när vi ses?', 'Is there anything else you want to talk about when we meet?'),
      ],
    },
  ],
};
