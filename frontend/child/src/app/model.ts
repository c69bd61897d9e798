/**
 * The shapes of libs/contracts (questionnaire.ts, answers.ts) as the child app reads them,
 * as plain types: importing the contracts library would pull zod and Node-only modules into
 * the browser build. model.spec.ts checks that these stay assignable to and from the contract.
 */
export type Locale = 'sv' | 'en' | 'ar' | 'so' | 'fa' | 'ti' | 'fi';
export interface LocalizedEntry {
  text: string;
  machineDraft?: boolean;
  audio?: string;
}
export type LocalizedText = Partial<Record<Locale, LocalizedEntry>>;
export interface QuestionOption {
  id: string;
  label: LocalizedText;
  icon: string;
  safety?: boolean;
}
interface Common {
  id: string;
  text: LocalizedText;
  help?: LocalizedText;
  declinable?: true;
  showWhen?: { questionId: string; anyOf: string[] };
  safetyMessage?: LocalizedText;
}
export type Question =
  | (Common & { type: 'scale'; steps: 3 | 5; options: QuestionOption[] })
  | (Common & { type: 'yes-no-dont-know' | 'single-choice' | 'multiple-choice'; options: QuestionOption[] })
  | (Common & { type: 'free-text'; enabled: boolean; sensitive?: boolean; maxLength?: number })
  | (Common & { type: 'talk-flag' });
export interface QuestionnaireContent {
  schemaVersion: 1;
  ageBand: '6-11' | '12-18';
  title: LocalizedText;
  intro: LocalizedText;
  areas: { id: string; title: LocalizedText; questions: Question[] }[];
}
export type AnswerValue =
  | { kind: 'option'; optionId: string }
  | { kind: 'options'; optionIds: string[] }
  | { kind: 'text'; text: string }
  | { kind: 'flag'; on: boolean }
  | { kind: 'declined' };
export interface Answer {
  questionId: string;
  value: AnswerValue;
  wantsToTalk: boolean;
}
