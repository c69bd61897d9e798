/**
 * Starting points for feedback (återkoppling) to a child after the meeting. The caseworker
 * picks one, completes it in their own words and may change everything. Swedish first;
 * plain words a child understands.
 */
export interface FeedbackTemplate {
  key: string;
  label: { sv: string; en: string };
  text: { sv: string; en: string };
}

export const FEEDBACK_TEMPLATES: readonly FeedbackTemplate[] = [
  {
    key: 'what-it-led-to',
    label: { sv: 'Det du berättade gjorde att…', en: 'What you told us led to…' },
    text: {
      sv: 'Tack för att du svarade på frågorna. Det du berättade gjorde att ',
      en: 'Thank you for answering the questions. What you told us led to ',
    },
  },
  {
    key: 'we-decided',
    label: { sv: 'Vi har bestämt att…', en: 'We have decided that…' },
    text: {
      sv: 'Vi har lyssnat på det du tyckte. Vi har bestämt att ',
      en: 'We listened to what you think. We have decided that ',
    },
  },
  {
    key: 'could-not',
    label: { sv: 'Vi kunde inte göra som du ville, för att…', en: 'We could not do what you wanted, because…' },
    text: {
      sv: 'Vi har tänkt mycket på det du önskade. Vi kunde inte göra som du ville, för att ',
      en: 'We thought a lot about what you wished for. We could not do what you wanted, because ',
    },
  },
  {
    key: 'next-step',
    label: { sv: 'Det här händer nu', en: 'What happens next' },
    text: {
      sv: 'Det här händer nu: ',
      en: 'This is what happens next: ',
    },
  },
  {
    key: 'talk-again',
    label: { sv: 'Hör av dig om du vill prata', en: 'Get in touch if you want to talk' },
    text: {
      sv: 'Om du vill prata mer om det här kan du alltid höra av dig till mig. ',
      en: 'If you want to talk more about this, you can always get in touch with me. ',
    },
  },
];

export const FEEDBACK_TEMPLATE_KEYS = FEEDBACK_TEMPLATES.map((t) => t.key);
