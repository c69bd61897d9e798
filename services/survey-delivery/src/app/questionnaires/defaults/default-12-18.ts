import type { QuestionnaireContentInput } from '@delaktig/contracts';
import { multiple, opt, scale5, single, t, talk, yesNo } from './build';

/** Shown at once when a young person chooses an answer that raises a safety alert. */
const SAFETY_HOME = t(
  'Tack för att du berättar. Det är inte ditt fel. En vuxen kommer att höra av sig till dig snart. Är du i fara just nu? Ring 112. Du kan också prata med BRIS på 116 111. Det är gratis och du kan vara anonym.',
  'Thank you for telling us. It is not your fault. An adult will get in touch with you soon. Are you in danger right now? Call 112. You can also talk to BRIS on 116 111. It is free and you can stay anonymous.',
);
const SAFETY_BULLYING = t(
  'Tack för att du berättar. Ingen ska behöva bli mobbad. En vuxen kommer att höra av sig till dig snart. Du kan också prata med BRIS på 116 111. Det är gratis och du kan vara anonym.',
  'Thank you for telling us. Nobody should be bullied. An adult will get in touch with you soon. You can also talk to BRIS on 116 111. It is free and you can stay anonymous.',
);
const SAFETY_SELF_HARM = t(
  'Tack för att du berättar. Du är inte ensam, och det finns hjälp. En vuxen kommer att höra av sig till dig snart. Om du är i fara just nu: ring 112. Du kan också prata med BRIS på 116 111 eller Självmordslinjen på 90101. Du kan vara anonym.',
  'Thank you for telling us. You are not alone, and there is help. An adult will get in touch with you soon. If you are in danger right now: call 112. You can also talk to BRIS on 116 111 or the Suicide Line (Självmordslinjen) on 90101. You can stay anonymous.',
);

/**
 * The default questionnaire for young people aged 12–18: five-step scales, a few
 * multiple-choice questions, follow-ups where an answer calls for one.
 */
export const DEFAULT_12_18: QuestionnaireContentInput = {
  schemaVersion: 1,
  ageBand: '12-18',
  title: t('Hur har du det?', 'How are things for you?'),
  intro: t(
    'Frågorna handlar om hur du har det hemma, i skolan, på fritiden och med socialtjänsten. Din socialsekreterare läser dina svar och går igenom dem med dig. Svaren räknas också ihop med andras svar, utan ditt namn. Det hjälper socialtjänsten att bli bättre. Du kan hoppa över frågor. Om ett svar gör oss oroliga för dig hör en vuxen av sig direkt.',
    'The questions are about how things are for you at home, at school, in your free time and with social services. Your social worker reads your answers and goes through them with you. Your answers are also counted together with other answers, without your name. This helps social services get better. You can skip questions. If an answer makes us worried about you, an adult will get in touch at once.',
  ),
  areas: [
    {
      id: 'home',
      title: t('Hemma', 'At home'),
      questions: [
        yesNo('home-safe', 'Känner du dig trygg där du bor?', 'Do you feel safe where you live?', { safetyOn: 'no', safetyMessage: SAFETY_HOME }),
        scale5('home-adult', 'agree', 'Det finns en vuxen hemma som jag kan prata med.', 'There is an adult at home I can talk to.'),
        yesNo('home-food', 'Får du tillräckligt med mat hemma?', 'Do you get enough food at home?'),
        scale5('home-sleep', 'oftenGood', 'Hur ofta kan du sova i lugn och ro hemma?', 'How often can you sleep in peace at home?'),
        scale5('home-rules', 'agree', 'Jag förstår reglerna hemma.', 'I understand the rules at home.'),
        scale5('home-arguing', 'oftenBad', 'Hur ofta bråkar de vuxna hemma?', 'How often do the adults at home argue?'),
        single(
          'home-violence',
          'Händer det att någon hemma slår eller gör illa någon?',
          'Does anyone at home hit or hurt someone?',
          [
            opt('no', 'thumb-down', 'Nej', 'No'),
            opt('me', 'person-hurt', 'Ja, mig', 'Yes, me', true),
            opt('someone-else', 'people-hurt', 'Ja, någon annan hemma', 'Yes, someone else at home', true),
            opt('dont-know', 'question-mark', 'Vet inte', "Don't know"),
          ],
          { safetyMessage: SAFETY_HOME },
        ),
        single('home-family', 'Har du kontakt med någon i familjen som du inte bor med?', 'Are you in touch with someone in your family you do not live with?', [
          opt('yes', 'thumb-up', 'Ja', 'Yes'),
          opt('no', 'thumb-down', 'Nej', 'No'),
          opt('nobody', 'house', 'Jag bor med hela min familj', 'I live with all my family'),
        ]),
        single(
          'home-family-wish',
          'Vill du ha mer eller mindre kontakt med dem?',
          'Do you want more or less contact with them?',
          [
            opt('more', 'arrow-up', 'Mer', 'More'),
            opt('same', 'arrow-flat', 'Det är bra som det är', 'It is fine as it is'),
            opt('less', 'arrow-down', 'Mindre', 'Less'),
            opt('dont-know', 'question-mark', 'Vet inte', "Don't know"),
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
        scale5('school-like', 'good', 'Hur trivs du i skolan?', 'How do you like school?'),
        scale5('school-help', 'agree', 'Jag får hjälp med skolarbetet när jag behöver det.', 'I get help with schoolwork when I need it.'),
        multiple(
          'school-help-what',
          'Vad skulle hjälpa dig i skolan?',
          'What would help you at school?',
          [
            opt('teacher-time', 'teacher', 'Mer tid med läraren', 'More time with the teacher'),
            opt('homework-help', 'book', 'Läxhjälp', 'Homework help'),
            opt('quiet-place', 'desk', 'En lugn plats att plugga på', 'A quiet place to study'),
            opt('language', 'speech-bubble', 'Hjälp med språket', 'Help with the language'),
            opt('other', 'dots', 'Något annat', 'Something else'),
          ],
          { showWhen: { questionId: 'school-help', anyOf: ['not-at-all', 'not-really'] } },
        ),
        yesNo('school-adult', 'Finns det en vuxen i skolan som du litar på?', 'Is there an adult at school you trust?'),
        single(
          'school-bullied',
          'Blir du mobbad, i skolan eller på nätet?',
          'Are you bullied, at school or online?',
          [
            opt('never', 'face-happy', 'Nej', 'No'),
            opt('sometimes', 'face-neutral', 'Ja, någon gång', 'Yes, now and then'),
            opt('every-week', 'face-sad', 'Ja, varje vecka', 'Yes, every week'),
            opt('every-day', 'face-very-sad', 'Ja, varje dag', 'Yes, every day', true),
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
        multiple('leisure-does', 'Vad gör du på fritiden?', 'What do you do in your free time?', [
          opt('sport', 'ball', 'Sport eller träning', 'Sports or exercise'),
          opt('music-art', 'music-note', 'Musik, dans eller konst', 'Music, dance or art'),
          opt('games', 'game-controller', 'Spelar spel', 'Play games'),
          opt('friends', 'two-people', 'Är med kompisar', 'Spend time with friends'),
          opt('youth-club', 'house-people', 'Går till fritidsgård eller förening', 'Go to a youth club or association'),
          opt('nothing-special', 'dots', 'Inget särskilt', 'Nothing special'),
        ]),
        scale5('leisure-activities', 'agree', 'Jag kan göra de aktiviteter som jag vill.', 'I can do the activities I want to.'),
        multiple(
          'leisure-barriers',
          'Vad gör det svårt?',
          'What makes it hard?',
          [
            opt('money', 'coin', 'Det kostar för mycket', 'It costs too much'),
            opt('distance', 'map-pin', 'Det är för långt bort', 'It is too far away'),
            opt('not-allowed', 'hand-stop', 'Jag får inte för de vuxna', 'The adults do not let me'),
            opt('nobody-to-go-with', 'person-alone', 'Jag har ingen att gå med', 'I have nobody to go with'),
            opt('other', 'dots', 'Något annat', 'Something else'),
          ],
          { showWhen: { questionId: 'leisure-activities', anyOf: ['not-at-all', 'not-really'] } },
        ),
        yesNo('leisure-friend', 'Har du en nära vän?', 'Do you have a close friend?'),
        single('leisure-screen', 'Hur många timmar om dagen är du vid en skärm på fritiden?', 'How many hours a day are you in front of a screen in your free time?', [
          opt('under-2', 'clock-1', 'Mindre än 2 timmar', 'Less than 2 hours'),
          opt('2-4', 'clock-2', '2–4 timmar', '2–4 hours'),
          opt('4-6', 'clock-3', '4–6 timmar', '4–6 hours'),
          opt('over-6', 'clock-4', 'Mer än 6 timmar', 'More than 6 hours'),
        ]),
        scale5('leisure-rested', 'oftenGood', 'Hur ofta känner du dig utvilad på morgonen?', 'How often do you feel rested in the morning?'),
        talk('leisure'),
      ],
    },
    {
      id: 'health',
      title: t('Hälsa', 'Health'),
      questions: [
        scale5('health-body', 'good', 'Hur mår du i kroppen?', 'How do you feel in your body?'),
        scale5('health-mind', 'good', 'Hur mår du i dina tankar och känslor?', 'How do you feel in your thoughts and feelings?'),
        scale5('health-worry', 'oftenBad', 'Hur ofta oroar du dig för din hälsa?', 'How often do you worry about your health?'),
        scale5('health-sad', 'oftenBad', 'Hur ofta känner du dig ledsen?', 'How often do you feel sad?'),
        scale5('health-scared', 'oftenBad', 'Hur ofta känner du dig rädd?', 'How often do you feel scared?'),
        single(
          'health-self-harm',
          'Har du skadat dig själv, eller tänkt på att göra det?',
          'Have you hurt yourself, or thought about doing it?',
          [
            opt('no', 'thumb-down', 'Nej', 'No'),
            opt('thought', 'thought-bubble', 'Ja, jag har tänkt på det', 'Yes, I have thought about it', true),
            opt('done', 'bandage', 'Ja, jag har gjort det', 'Yes, I have done it', true),
          ],
          { safetyMessage: SAFETY_SELF_HARM },
        ),
        talk('health'),
      ],
    },
    {
      id: 'social-services',
      title: t('Socialtjänsten', 'Social services'),
      questions: [
        yesNo('ss-know', 'Vet du vem din socialsekreterare är?', 'Do you know who your social worker is?'),
        yesNo('ss-reach', 'Vet du hur du får kontakt med din socialsekreterare?', 'Do you know how to contact your social worker?', {
          showWhen: { questionId: 'ss-know', anyOf: ['yes'] },
        }),
        scale5('ss-listened', 'agree', 'Socialtjänsten lyssnar på mig.', 'Social services listen to me.'),
        scale5('ss-why', 'agree', 'Jag får veta varför socialtjänsten bestämmer saker om mig.', 'I am told why social services decide things about me.'),
        scale5('ss-better', 'change', 'Har det blivit bättre för dig sedan du fick kontakt med socialtjänsten?', 'Have things got better for you since you got in touch with social services?'),
        talk('social-services'),
      ],
    },
    {
      id: 'about-answering',
      title: t('Om frågorna', 'About the questions'),
      questions: [
        scale5('about-easy', 'agree', 'Frågorna var lätta att förstå.', 'The questions were easy to understand.'),
        yesNo('about-wanted', 'Ville du svara på frågorna?', 'Did you want to answer the questions?'),
        multiple('about-topics', 'Vad vill du helst prata om när vi ses?', 'What would you most like to talk about when we meet?', [
          opt('home', 'house', 'Hemma', 'Home'),
          opt('school', 'school', 'Skolan', 'School'),
          opt('leisure', 'ball', 'Fritiden', 'Free time'),
          opt('health', 'heart', 'Hur jag mår', 'How I feel'),
          opt('social-services', 'handshake', 'Kontakten med socialtjänsten', 'My contact with social services'),
          opt('other', 'dots', 'Något annat', 'Something else'),
        ]),
        talk('about-answering', 'Är det något mer du vill prata om när vi ses?', 'Is there anything else you want to talk about when we meet?'),
      ],
    },
  ],
};
