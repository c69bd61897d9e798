import { z } from 'zod';
import { AGE_BANDS, type AgeBand } from './http';

/**
 * The content of a questionnaire version: what a child is asked, in which order, in which
 * languages, and which answers must raise a safety alert. Stored as JSON by
 * survey-delivery (immutable once published); read by the child app, responses and
 * statistics. `validateQuestionnaire` checks the rules a schema cannot express;
 * `completeness` reports each language's translation state.
 */

/** Languages of the child app. Swedish and English are required for publishing. */
export const QUESTIONNAIRE_LOCALES = ['sv', 'en', 'ar', 'so', 'fa', 'ti', 'fi'] as const;
export type QuestionnaireLocale = (typeof QUESTIONNAIRE_LOCALES)[number];
export const REQUIRED_LOCALES: readonly QuestionnaireLocale[] = ['sv', 'en'];

/** The areas every questionnaire is organised in, in their usual order. */
export const QUESTIONNAIRE_AREAS = ['home', 'school', 'leisure', 'health', 'social-services', 'about-answering'] as const;
export type QuestionnaireArea = (typeof QUESTIONNAIRE_AREAS)[number];

/** Scale steps per age band: 6–11 answer with three faces, 12–18 with five steps. */
export const SCALE_STEPS: Record<AgeBand, 3 | 5> = { '6-11': 3, '12-18': 5 };
/** At most this many options on a choice question for the youngest band ("fewer options"). */
export const MAX_OPTIONS_6_11 = 5;
/** Fixed option ids of a yes / no / don't know question. */
export const YES_NO_DONT_KNOW_IDS = ['yes', 'no', 'dont-know'] as const;

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ASSET_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

const id = z
  .string()
  .max(64, 'may be at most 64 characters')
  .regex(ID_RE, 'must be lower-case letters, digits and single dashes, e.g. home-safe');

/** Key of an image, icon or audio asset (e.g. `face-happy`, `house`, `audio/sv/home-safe`); never an emoji or URL. */
export const assetKey = z
  .string()
  .max(120, 'may be at most 120 characters')
  .regex(ASSET_RE, 'must be an asset key such as face-happy or audio/sv/home-safe')
  .describe('Key of an image, icon or audio asset in the asset catalogue.');

export const localizedEntry = z
  .object({
    text: z.string().trim().min(1, 'must not be empty').max(600, 'may be at most 600 characters'),
    machineDraft: z.boolean().optional().describe('Machine translation not yet reviewed by a person.'),
    audio: assetKey.optional().describe('Recorded read-aloud of this text.'),
  })
  .strict();
export type LocalizedEntry = z.infer<typeof localizedEntry>;

/** A text in one or more languages. */
export const localizedText = z
  .object(Object.fromEntries(QUESTIONNAIRE_LOCALES.map((l) => [l, localizedEntry.optional()])) as Record<QuestionnaireLocale, z.ZodOptional<typeof localizedEntry>>)
  .strict()
  .refine((t) => Object.values(t).some((v) => v !== undefined), 'needs the text in at least one language');
export type LocalizedText = z.infer<typeof localizedText>;

export const questionOption = z
  .object({
    id,
    label: localizedText,
    icon: assetKey.describe('Picture shown with the option.'),
    safety: z.boolean().optional().describe('Choosing this option raises a safety alert to the caseworker and the unit at once.'),
  })
  .strict();
export type QuestionOption = z.infer<typeof questionOption>;

export const showWhen = z
  .object({
    questionId: id.describe('An earlier question of the same version.'),
    anyOf: z.array(id).min(1, 'needs at least one option id'),
  })
  .strict()
  .describe('Show this question only when the earlier question was answered with one of these options.');

const common = {
  id,
  text: localizedText,
  help: localizedText.optional().describe('Extra explanation shown under the question.'),
  /** "I don't want to answer" is always offered; it cannot be turned off. */
  declinable: z.literal(true, { error: 'cannot be turned off: every question allows "I don\'t want to answer"' }).default(true),
  showWhen: showWhen.optional(),
  safetyMessage: localizedText
    .optional()
    .describe('Shown to the child at once after a safety option: that an adult will get in touch, and where to get help now.'),
};

const options = z.array(questionOption).min(2, 'needs at least 2 options').max(10, 'may have at most 10 options');

export const scaleQuestion = z
  .object({ ...common, type: z.literal('scale'), steps: z.union([z.literal(3), z.literal(5)], { error: 'must be 3 or 5' }), options })
  .strict()
  .describe('Picture/smiley scale; options ordered from the worst to the best.');
export const yesNoQuestion = z.object({ ...common, type: z.literal('yes-no-dont-know'), options }).strict();
export const singleChoiceQuestion = z.object({ ...common, type: z.literal('single-choice'), options }).strict();
export const multipleChoiceQuestion = z.object({ ...common, type: z.literal('multiple-choice'), options }).strict();
export const freeTextQuestion = z
  .object({
    ...common,
    type: z.literal('free-text'),
    enabled: z.boolean({ error: 'must be stated (free text is off unless explicitly turned on)' }),
    sensitive: z.boolean().optional().describe('Must be true when enabled: stored encrypted, excluded from statistics.'),
    maxLength: z.number().int().min(1).max(1000).default(500),
  })
  .strict()
  .describe('Free text: off by default (SKR advises against it); when on it is sensitive, encrypted and excluded from statistics.');
export const talkFlagQuestion = z
  .object({ ...common, type: z.literal('talk-flag') })
  .strict()
  .describe('"Is there something you want to talk about?" — a flag, never free text; ends every area.');

export const question = z.discriminatedUnion('type', [
  scaleQuestion,
  yesNoQuestion,
  singleChoiceQuestion,
  multipleChoiceQuestion,
  freeTextQuestion,
  talkFlagQuestion,
]);
export type Question = z.infer<typeof question>;
export type QuestionInput = z.input<typeof question>;
export type QuestionType = Question['type'];

export const questionnaireAreaSchema = z
  .object({
    id: z.enum(QUESTIONNAIRE_AREAS, { error: `must be one of ${QUESTIONNAIRE_AREAS.join(', ')}` }),
    title: localizedText,
    questions: z.array(question).min(1, 'needs at least one question').max(60),
  })
  .strict();

export const questionnaireContent = z
  .object({
    schemaVersion: z.literal(1),
    ageBand: z.enum(AGE_BANDS, { error: `must be one of ${AGE_BANDS.join(', ')}` }),
    title: localizedText,
    intro: localizedText.describe('Told to the child before starting: who sees the answers and what happens next.'),
    areas: z.array(questionnaireAreaSchema).min(1, 'needs at least one area').max(QUESTIONNAIRE_AREAS.length),
  })
  .strict();
export type QuestionnaireContent = z.infer<typeof questionnaireContent>;
export type QuestionnaireContentInput = z.input<typeof questionnaireContent>;

export interface QuestionnaireIssue {
  /** Dotted path into the content, e.g. `areas.0.questions.3.options.1.safety`. */
  path: string;
  message: string;
}

export interface QuestionnaireValidation {
  ok: boolean;
  /** The normalised content (defaults applied) when the structure is valid. */
  content?: QuestionnaireContent;
  errors: QuestionnaireIssue[];
  warnings: QuestionnaireIssue[];
}

const hasOptions = (q: Question): q is Extract<Question, { options: unknown }> => 'options' in q;

/** Checks a questionnaire's structure and every rule across questions. Never throws. */
export function validateQuestionnaire(raw: unknown): QuestionnaireValidation {
  const parsed = questionnaireContent.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((i): QuestionnaireIssue[] => {
      const path = i.path.join('.');
      if (i.code === 'unrecognized_keys') {
        return i.keys.map((k) => ({
          path: path ? `${path}.${k}` : k,
          message: k === 'safety' ? 'safety may only be set on an answer option' : 'is not a known field',
        }));
      }
      return [{ path, message: i.message }];
    });
    return { ok: false, errors: dedupe(errors), warnings: [] };
  }
  const content = parsed.data;
  const errors: QuestionnaireIssue[] = [];
  const warnings: QuestionnaireIssue[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });

  const seenAreas = new Map<string, number>();
  content.areas.forEach((a, ai) => {
    if (seenAreas.has(a.id)) err(`areas.${ai}.id`, `area ${a.id} appears twice (also areas.${seenAreas.get(a.id)})`);
    else seenAreas.set(a.id, ai);
  });
  for (const area of QUESTIONNAIRE_AREAS) {
    if (!seenAreas.has(area)) warnings.push({ path: 'areas', message: `area ${area} is missing` });
  }

  // Questions in the order the child meets them.
  const earlier = new Map<string, { q: Question }>();
  const allIds = new Map<string, string>();
  content.areas.forEach((a, ai) => a.questions.forEach((q, qi) => {
    const p = `areas.${ai}.questions.${qi}`;
    if (allIds.has(q.id)) err(`${p}.id`, `question id ${q.id} is already used at ${allIds.get(q.id)}`);
    else allIds.set(q.id, p);
  }));

  content.areas.forEach((area, ai) => {
    const last = area.questions.length - 1;
    area.questions.forEach((q, qi) => {
      const p = `areas.${ai}.questions.${qi}`;
      if (q.type === 'talk-flag' && qi !== last) err(`${p}.type`, 'a "want to talk about this" question must be the last question of its area');
      if (qi === last && q.type !== 'talk-flag') err(`${p}`, 'every area must end with a "want to talk about this" question (type talk-flag)');

      if (hasOptions(q)) {
        const optionIds = new Set<string>();
        q.options.forEach((o, oi) => {
          if (optionIds.has(o.id)) err(`${p}.options.${oi}.id`, `option id ${o.id} is used twice in this question`);
          optionIds.add(o.id);
        });
        if (q.type === 'scale') {
          const expected = SCALE_STEPS[content.ageBand];
          if (q.steps !== expected) err(`${p}.steps`, `must be ${expected} for age band ${content.ageBand}`);
          if (q.options.length !== q.steps) err(`${p}.options`, `must have exactly ${q.steps} options, one per step`);
        }
        if (q.type === 'yes-no-dont-know') {
          const ids = q.options.map((o) => o.id);
          if (ids.length !== 3 || YES_NO_DONT_KNOW_IDS.some((x, i) => ids[i] !== x)) {
            err(`${p}.options`, `must be the options ${YES_NO_DONT_KNOW_IDS.join(', ')} in this order`);
          }
        }
        if ((q.type === 'single-choice' || q.type === 'multiple-choice') && content.ageBand === '6-11' && q.options.length > MAX_OPTIONS_6_11) {
          err(`${p}.options`, `may have at most ${MAX_OPTIONS_6_11} options for age band 6-11`);
        }
        if (q.options.some((o) => o.safety) && !q.safetyMessage) {
          err(`${p}.safetyMessage`, 'is required when an option raises a safety alert: tell the child an adult will get in touch and where to get help now');
        }
      } else if (q.safetyMessage) {
        err(`${p}.safetyMessage`, 'only questions with a safety option may have a safety message');
      }

      if (q.type === 'free-text') {
        if (q.enabled) {
          if (q.sensitive !== true) err(`${p}.sensitive`, 'must be true when free text is enabled (stored encrypted, excluded from statistics)');
          warnings.push({
            path: `${p}.enabled`,
            message: 'free text is turned on: children may write sensitive details; SKR advises against free text. The answers are encrypted and excluded from statistics.',
          });
        }
      }

      const sw = q.showWhen;
      if (sw) {
        const target = earlier.get(sw.questionId);
        if (!target) {
          const exists = allIds.has(sw.questionId);
          err(
            `${p}.showWhen.questionId`,
            exists ? `must refer to an earlier question (${sw.questionId} comes later)` : `refers to an unknown question ${sw.questionId}`,
          );
        } else if (!hasOptions(target.q)) {
          err(`${p}.showWhen.questionId`, `must refer to a question with options (${sw.questionId} is ${target.q.type})`);
        } else {
          const targetOptions = new Set(target.q.options.map((o) => o.id));
          sw.anyOf.forEach((o, oi) => {
            if (!targetOptions.has(o)) err(`${p}.showWhen.anyOf.${oi}`, `${o} is not an option of ${sw.questionId}`);
          });
        }
        if (q.type === 'talk-flag') err(`${p}.showWhen`, 'a "want to talk about this" question is always shown');
      }
      earlier.set(q.id, { q });
    });
  });

  return { ok: errors.length === 0, content, errors, warnings };
}

export interface LocaleCompleteness {
  locale: QuestionnaireLocale;
  required: boolean;
  /** Number of texts in the questionnaire. */
  total: number;
  /** Texts written in this language by a person. */
  translated: number;
  /** Texts present only as an unreviewed machine draft. */
  machineDrafts: number;
  /** Texts with a recorded read-aloud. */
  withAudio: number;
  /** Paths of texts missing in this language (machine drafts count as missing). */
  missing: string[];
  complete: boolean;
}

/** Walks every text of the content: titles, questions, help, options and safety messages. */
export function questionnaireTexts(content: QuestionnaireContent): { path: string; text: LocalizedText }[] {
  const out: { path: string; text: LocalizedText }[] = [
    { path: 'title', text: content.title },
    { path: 'intro', text: content.intro },
  ];
  content.areas.forEach((a, ai) => {
    out.push({ path: `areas.${ai}.title`, text: a.title });
    a.questions.forEach((q, qi) => {
      const p = `areas.${ai}.questions.${qi}`;
      out.push({ path: `${p}.text`, text: q.text });
      if (q.help) out.push({ path: `${p}.help`, text: q.help });
      if (q.safetyMessage) out.push({ path: `${p}.safetyMessage`, text: q.safetyMessage });
      if (hasOptions(q)) q.options.forEach((o, oi) => out.push({ path: `${p}.options.${oi}.label`, text: o.label }));
    });
  });
  return out;
}

/** Translation state of every language. */
export function completeness(content: QuestionnaireContent): Record<QuestionnaireLocale, LocaleCompleteness> {
  const texts = questionnaireTexts(content);
  const result = {} as Record<QuestionnaireLocale, LocaleCompleteness>;
  for (const locale of QUESTIONNAIRE_LOCALES) {
    const missing: string[] = [];
    let translated = 0;
    let machineDrafts = 0;
    let withAudio = 0;
    for (const { path, text } of texts) {
      const entry = text[locale];
      if (!entry) missing.push(path);
      else if (entry.machineDraft) {
        machineDrafts++;
        missing.push(path);
      } else translated++;
      if (entry?.audio) withAudio++;
    }
    result[locale] = {
      locale,
      required: REQUIRED_LOCALES.includes(locale),
      total: texts.length,
      translated,
      machineDrafts,
      withAudio,
      missing,
      complete: missing.length === 0,
    };
  }
  return result;
}

/** What stops a valid content from being published: texts missing (or only machine-drafted) in a required language. */
export function publishBlockers(content: QuestionnaireContent): QuestionnaireIssue[] {
  const texts = questionnaireTexts(content);
  return REQUIRED_LOCALES.flatMap((locale) =>
    texts.flatMap(({ path, text }): QuestionnaireIssue[] => {
      const entry = text[locale];
      if (!entry) return [{ path: `${path}.${locale}`, message: 'is missing; required for publishing' }];
      if (entry.machineDraft) return [{ path: `${path}.${locale}`, message: 'is only a machine draft; a person must review it before publishing' }];
      return [];
    }),
  );
}

function dedupe(issues: QuestionnaireIssue[]): QuestionnaireIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Questions of a content, in the order the child meets them, with their area. */
export function questionsOf(content: QuestionnaireContent): { area: QuestionnaireArea; question: Question }[] {
  return content.areas.flatMap((a) => a.questions.map((question) => ({ area: a.id, question })));
}

// ---- HTTP views -------------------------------------------------------------------------

export const QUESTIONNAIRE_VERSION_STATUSES = ['draft', 'published'] as const;
export type QuestionnaireVersionStatus = (typeof QUESTIONNAIRE_VERSION_STATUSES)[number];

export const questionnaireIssue = z.object({ path: z.string(), message: z.string() });

export const questionnaireVersionSummary = z.object({
  id: z.uuid(),
  version: z.number().int().positive(),
  status: z.enum(QUESTIONNAIRE_VERSION_STATUSES),
  contentSha256: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  publishedBy: z.string().nullable().describe("Staff subject of the publisher, or 'system'."),
});
export type QuestionnaireVersionSummary = z.infer<typeof questionnaireVersionSummary>;

export const questionnaireTemplateView = z.object({
  id: z.uuid(),
  key: z.string(),
  ageBand: z.enum(AGE_BANDS),
  name: z.object({ sv: z.string(), en: z.string() }),
  latestPublished: questionnaireVersionSummary.nullable(),
  versions: z.array(questionnaireVersionSummary).describe('Newest first; drafts only for the central office.'),
});
export type QuestionnaireTemplateView = z.infer<typeof questionnaireTemplateView>;
export const questionnaireListView = z.object({ items: z.array(questionnaireTemplateView) });

export const questionnaireVersionView = questionnaireVersionSummary.extend({
  templateId: z.uuid(),
  key: z.string(),
  ageBand: z.enum(AGE_BANDS),
  content: questionnaireContent,
  warnings: z.array(questionnaireIssue).describe('Things the editor should know (e.g. free text turned on); they do not block publishing.'),
  missingForPublishing: z.array(questionnaireIssue).describe('Texts missing in a required language (sv, en); publishing is refused while any remain.'),
});
export type QuestionnaireVersionView = z.infer<typeof questionnaireVersionView>;
