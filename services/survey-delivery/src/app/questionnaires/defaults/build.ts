import type { QuestionInput, QuestionnaireArea } from '@delaktig/contracts';
import { DRAFT_LOCALES, MACHINE_DRAFTS, type DraftLocale } from './machine-drafts';

/** Small builders that keep the default questionnaires readable. */

export type Text = { sv: { text: string }; en: { text: string } } & Partial<Record<DraftLocale, { text: string; machineDraft: true }>>;
export type Option = { id: string; label: Text; icon: string; safety?: boolean };

/** A text written in Swedish and English, plus the machine drafts of the other languages when there are any. */
export const t = (sv: string, en: string): Text => {
  const drafts = MACHINE_DRAFTS[sv];
  const text: Text = { sv: { text: sv }, en: { text: en } };
  if (drafts) DRAFT_LOCALES.forEach((locale, i) => (text[locale] = { text: drafts[i], machineDraft: true }));
  return text;
};

export const opt = (id: string, icon: string, sv: string, en: string, safety = false): Option => ({
  id,
  label: t(sv, en),
  icon,
  ...(safety ? { safety: true } : {}),
});

/** Yes / no / don't know, optionally with one answer raising a safety alert. */
export function yesNo(id: string, sv: string, en: string, extra: { safetyOn?: 'yes' | 'no'; safetyMessage?: Text; showWhen?: QuestionInput['showWhen'] } = {}): QuestionInput {
  return {
    id,
    type: 'yes-no-dont-know',
    text: t(sv, en),
    options: [
      opt('yes', 'thumb-up', 'Ja', 'Yes', extra.safetyOn === 'yes'),
      opt('no', 'thumb-down', 'Nej', 'No', extra.safetyOn === 'no'),
      opt('dont-know', 'question-mark', 'Vet inte', "Don't know"),
    ],
    ...(extra.safetyMessage ? { safetyMessage: extra.safetyMessage } : {}),
    ...(extra.showWhen ? { showWhen: extra.showWhen } : {}),
  };
}

/** Three faces for 6–11, worst first; the labels default to bad / so-so / good. */
export function faces3(
  id: string,
  sv: string,
  en: string,
  labels: [[string, string], [string, string], [string, string]] = [
    ['Dåligt', 'Bad'],
    ['Sådär', 'So-so'],
    ['Bra', 'Good'],
  ],
): QuestionInput {
  const [sad, neutral, happy] = labels;
  return {
    id,
    type: 'scale',
    steps: 3,
    text: t(sv, en),
    options: [opt('sad', 'face-sad', ...sad), opt('neutral', 'face-neutral', ...neutral), opt('happy', 'face-happy', ...happy)],
  };
}

/** Five-step scales for 12–18, worst first. */
const SCALES = {
  /** How something is. */
  good: [
    ['very-bad', 'face-very-sad', 'Mycket dåligt', 'Very bad'],
    ['bad', 'face-sad', 'Ganska dåligt', 'Quite bad'],
    ['neutral', 'face-neutral', 'Varken bra eller dåligt', 'Neither good nor bad'],
    ['good', 'face-happy', 'Ganska bra', 'Quite good'],
    ['very-good', 'face-very-happy', 'Mycket bra', 'Very good'],
  ],
  /** How true a statement is. */
  agree: [
    ['not-at-all', 'face-very-sad', 'Stämmer inte alls', 'Not true at all'],
    ['not-really', 'face-sad', 'Stämmer inte så bra', 'Not really true'],
    ['partly', 'face-neutral', 'Stämmer delvis', 'Partly true'],
    ['mostly', 'face-happy', 'Stämmer ganska bra', 'Mostly true'],
    ['completely', 'face-very-happy', 'Stämmer helt', 'Completely true'],
  ],
  /** How often something bad happens: "always" is the worst. */
  oftenBad: [
    ['always', 'frequency-5', 'Alltid', 'Always'],
    ['often', 'frequency-4', 'Ofta', 'Often'],
    ['sometimes', 'frequency-3', 'Ibland', 'Sometimes'],
    ['rarely', 'frequency-2', 'Sällan', 'Rarely'],
    ['never', 'frequency-1', 'Aldrig', 'Never'],
  ],
  /** How often something good happens: "never" is the worst. */
  oftenGood: [
    ['never', 'frequency-1', 'Aldrig', 'Never'],
    ['rarely', 'frequency-2', 'Sällan', 'Rarely'],
    ['sometimes', 'frequency-3', 'Ibland', 'Sometimes'],
    ['often', 'frequency-4', 'Ofta', 'Often'],
    ['always', 'frequency-5', 'Alltid', 'Always'],
  ],
  /** Change since something started. */
  change: [
    ['much-worse', 'arrow-down-double', 'Mycket sämre', 'Much worse'],
    ['worse', 'arrow-down', 'Lite sämre', 'A little worse'],
    ['same', 'arrow-flat', 'Ingen skillnad', 'No difference'],
    ['better', 'arrow-up', 'Lite bättre', 'A little better'],
    ['much-better', 'arrow-up-double', 'Mycket bättre', 'Much better'],
  ],
} as const;

export function scale5(id: string, kind: keyof typeof SCALES, sv: string, en: string): QuestionInput {
  return {
    id,
    type: 'scale',
    steps: 5,
    text: t(sv, en),
    options: (SCALES[kind] as readonly (readonly [string, string, string, string])[]).map(([oid, icon, osv, oen]) => opt(oid, icon, osv, oen)),
  };
}

export function single(id: string, sv: string, en: string, options: Option[], extra: Partial<QuestionInput> = {}): QuestionInput {
  return { id, type: 'single-choice', text: t(sv, en), options, ...extra } as QuestionInput;
}

export function multiple(id: string, sv: string, en: string, options: Option[], extra: Partial<QuestionInput> = {}): QuestionInput {
  return { id, type: 'multiple-choice', text: t(sv, en), options, ...extra } as QuestionInput;
}

/** "Is there something you want to talk about?" — ends every area. */
export function talk(area: QuestionnaireArea, sv = 'Vill du prata om något av det här när vi ses?', en = 'Is there something here you want to talk about when we meet?'): QuestionInput {
  return { id: `${area}-talk`, type: 'talk-flag', text: t(sv, en) };
}
