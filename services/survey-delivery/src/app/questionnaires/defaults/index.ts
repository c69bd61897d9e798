import type { AgeBand, QuestionnaireContentInput } from '@delaktig/contracts';
import { DEFAULT_12_18 } from './default-12-18';
import { DEFAULT_6_11 } from './default-6-11';

export interface DefaultQuestionnaire {
  key: string;
  ageBand: AgeBand;
  name: { sv: string; en: string };
  content: QuestionnaireContentInput;
}

/** Seeded on start-up (version 1 of each is published when the template has no version yet). */
export const DEFAULT_QUESTIONNAIRES: readonly DefaultQuestionnaire[] = [
  { key: 'default-6-11', ageBand: '6-11', name: { sv: 'Hur har du det? 6–11 år', en: 'How are things? Ages 6–11' }, content: DEFAULT_6_11 },
  { key: 'default-12-18', ageBand: '12-18', name: { sv: 'Hur har du det? 12–18 år', en: 'How are things? Ages 12–18' }, content: DEFAULT_12_18 },
];
