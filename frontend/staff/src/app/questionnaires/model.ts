/**
 * The questionnaire content as the staff editor sees it (mirrors `questionnaireContent` in
 * libs/contracts, which the staff app may not import), and the pure editing operations on it.
 * The server validates everything again on save; these functions only keep edits tidy.
 */

export const LOCALES = ['sv', 'en', 'ar', 'so', 'fa', 'ti', 'fi'] as const;
export type Locale = (typeof LOCALES)[number];
export const REQUIRED_LOCALES: readonly Locale[] = ['sv', 'en'];
/** Languages written right to left (the text fields and the preview follow). */
export const RTL_LOCALES: readonly Locale[] = ['ar', 'fa'];

export const AREAS = ['home', 'school', 'leisure', 'health', 'social-services', 'about-answering'] as const;
export type AreaId = (typeof AREAS)[number];

export const QUESTION_TYPES = ['scale', 'yes-no-dont-know', 'single-choice', 'multiple-choice', 'free-text', 'talk-flag'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

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

export interface ShowWhen {
  questionId: string;
  anyOf: string[];
}

export interface Question {
  id: string;
  type: QuestionType;
  text: LocalizedText;
  help?: LocalizedText;
  declinable?: true;
  showWhen?: ShowWhen;
  safetyMessage?: LocalizedText;
  steps?: 3 | 5;
  options?: QuestionOption[];
  enabled?: boolean;
  sensitive?: boolean;
  maxLength?: number;
}

export interface Area {
  id: AreaId;
  title: LocalizedText;
  questions: Question[];
}

export interface QuestionnaireContent {
  schemaVersion: 1;
  ageBand: '6-11' | '12-18';
  title: LocalizedText;
  intro: LocalizedText;
  areas: Area[];
}

export interface Issue {
  path: string;
  message: string;
}

export interface VersionSummary {
  id: string;
  version: number;
  status: 'draft' | 'published';
  contentSha256: string;
  createdAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface TemplateView {
  id: string;
  key: string;
  ageBand: '6-11' | '12-18';
  name: { sv: string; en: string };
  latestPublished: VersionSummary | null;
  versions: VersionSummary[];
}

export interface VersionView extends VersionSummary {
  templateId: string;
  key: string;
  ageBand: '6-11' | '12-18';
  content: QuestionnaireContent;
  warnings: Issue[];
  missingForPublishing: Issue[];
}

export const hasOptions = (q: Question): boolean => q.type !== 'free-text' && q.type !== 'talk-flag';

/** Every text of the content with its path (the same walk as the server's `questionnaireTexts`). */
export function textsOf(c: QuestionnaireContent): { path: string; text: LocalizedText }[] {
  const out: { path: string; text: LocalizedText }[] = [
    { path: 'title', text: c.title },
    { path: 'intro', text: c.intro },
  ];
  c.areas.forEach((a, ai) => {
    out.push({ path: `areas.${ai}.title`, text: a.title });
    a.questions.forEach((q, qi) => {
      const p = `areas.${ai}.questions.${qi}`;
      out.push({ path: `${p}.text`, text: q.text });
      if (q.help) out.push({ path: `${p}.help`, text: q.help });
      if (q.safetyMessage) out.push({ path: `${p}.safetyMessage`, text: q.safetyMessage });
      (q.options ?? []).forEach((o, oi) => out.push({ path: `${p}.options.${oi}.label`, text: o.label }));
    });
  });
  return out;
}

export interface Completeness {
  locale: Locale;
  total: number;
  /** Written (or reviewed) by a person. */
  translated: number;
  machineDrafts: number;
  missing: number;
  percent: number;
}

/** Translation state of one language: machine drafts are counted apart and do not count as done. */
export function completenessOf(c: QuestionnaireContent, locale: Locale): Completeness {
  const texts = textsOf(c);
  let translated = 0;
  let machineDrafts = 0;
  for (const { text } of texts) {
    const e = text[locale];
    if (!e || !e.text.trim()) continue;
    if (e.machineDraft) machineDrafts++;
    else translated++;
  }
  const total = texts.length;
  return { locale, total, translated, machineDrafts, missing: total - translated - machineDrafts, percent: total ? Math.floor((translated * 100) / total) : 100 };
}

/** Reads a value by a dotted path (`areas.0.questions.2.text`). */
export function getAt(root: unknown, path: string): unknown {
  if (path === '') return root;
  return path.split('.').reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k]), root);
}

/** A deep copy to edit; the signal then gets the new object. */
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Sets one language of the text at `path`. Empty text removes that language. Editing a
 * machine draft by hand makes it a person's text (the draft mark goes away).
 */
export function setText(c: QuestionnaireContent, path: string, locale: Locale, text: string): QuestionnaireContent {
  const next = clone(c);
  const parts = path.split('.');
  const key = parts.pop() as string;
  const parent = getAt(next, parts.join('.')) as Record<string, LocalizedText | undefined>;
  const current: LocalizedText = { ...(parent[key] ?? {}) };
  if (!text.trim()) {
    delete current[locale];
  } else {
    const { audio } = current[locale] ?? {};
    current[locale] = { text, ...(audio ? { audio } : {}) };
  }
  parent[key] = current;
  return next;
}

/** Sets (or clears) the read-aloud audio key of one language of a text. */
export function setAudio(c: QuestionnaireContent, path: string, locale: Locale, audio: string): QuestionnaireContent {
  const next = clone(c);
  const text = getAt(next, path) as LocalizedText | undefined;
  if (!text) return c;
  const entry = text[locale];
  if (!entry) return c;
  if (audio.trim()) entry.audio = audio.trim();
  else delete entry.audio;
  text[locale] = entry;
  return next;
}

/** Moves an item one step up (-1) or down (+1) within its list; out of range does nothing. */
export function move<T>(list: T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to], copy[index]];
  return copy;
}

export function moveQuestion(c: QuestionnaireContent, ai: number, qi: number, delta: -1 | 1): QuestionnaireContent {
  const next = clone(c);
  next.areas[ai].questions = move(next.areas[ai].questions, qi, delta);
  return next;
}

export function removeQuestion(c: QuestionnaireContent, ai: number, qi: number): QuestionnaireContent {
  const next = clone(c);
  const [removed] = next.areas[ai].questions.splice(qi, 1);
  // Follow-ups of the removed question would point nowhere: they become ordinary questions.
  for (const a of next.areas) for (const q of a.questions) if (q.showWhen?.questionId === removed?.id) delete q.showWhen;
  return next;
}

const ids = (c: QuestionnaireContent) => new Set(c.areas.flatMap((a) => a.questions.map((q) => q.id)));

/** A free id such as `home-new-2`. */
export function freshQuestionId(c: QuestionnaireContent, area: AreaId): string {
  const used = ids(c);
  for (let n = 1; ; n++) {
    const id = `${area}-new-${n}`;
    if (!used.has(id)) return id;
  }
}

const opt = (id: string, icon: string, sv: string, en: string): QuestionOption => ({ id, icon, label: { sv: { text: sv }, en: { text: en } } });

/** A new question of a type with sensible starting options (the age band decides the scale). */
export function newQuestion(c: QuestionnaireContent, area: AreaId, type: QuestionType): Question {
  const id = freshQuestionId(c, area);
  const text: LocalizedText = {};
  switch (type) {
    case 'scale':
      return c.ageBand === '6-11'
        ? { id, type, text, steps: 3, options: [opt('sad', 'face-sad', 'Dåligt', 'Bad'), opt('neutral', 'face-neutral', 'Sådär', 'So-so'), opt('happy', 'face-happy', 'Bra', 'Good')] }
        : {
            id,
            type,
            text,
            steps: 5,
            options: [
              opt('very-bad', 'face-very-sad', 'Mycket dåligt', 'Very bad'),
              opt('bad', 'face-sad', 'Ganska dåligt', 'Quite bad'),
              opt('neutral', 'face-neutral', 'Varken bra eller dåligt', 'Neither good nor bad'),
              opt('good', 'face-happy', 'Ganska bra', 'Quite good'),
              opt('very-good', 'face-very-happy', 'Mycket bra', 'Very good'),
            ],
          };
    case 'yes-no-dont-know':
      return { id, type, text, options: [opt('yes', 'thumb-up', 'Ja', 'Yes'), opt('no', 'thumb-down', 'Nej', 'No'), opt('dont-know', 'question-mark', 'Vet inte', "Don't know")] };
    case 'single-choice':
    case 'multiple-choice':
      return { id, type, text, options: [opt('option-1', 'circle', '', ''), opt('option-2', 'circle', '', '')].map((o) => ({ ...o, label: {} })) };
    case 'free-text':
      return { id, type, text, enabled: false, maxLength: 500 };
    case 'talk-flag':
      return { id, type, text };
  }
}

/** Adds a question before the area's closing "want to talk" question (which must stay last). */
export function addQuestion(c: QuestionnaireContent, ai: number, type: QuestionType): { content: QuestionnaireContent; index: number } {
  const next = clone(c);
  const area = next.areas[ai];
  const q = newQuestion(next, area.id, type);
  const last = area.questions.length - 1;
  const index = type !== 'talk-flag' && last >= 0 && area.questions[last].type === 'talk-flag' ? last : area.questions.length;
  area.questions.splice(index, 0, q);
  return { content: next, index };
}

/** Changes a question's type, keeping its id and texts; options are reset when the new type needs others. */
export function changeType(c: QuestionnaireContent, ai: number, qi: number, type: QuestionType): QuestionnaireContent {
  const next = clone(c);
  const old = next.areas[ai].questions[qi];
  const fresh = newQuestion(next, next.areas[ai].id, type);
  const keepOptions = hasOptions(old) && (type === 'single-choice' || type === 'multiple-choice') && (old.type === 'single-choice' || old.type === 'multiple-choice');
  const q: Question = { ...fresh, id: old.id, text: old.text, ...(old.help ? { help: old.help } : {}), ...(old.showWhen && type !== 'talk-flag' ? { showWhen: old.showWhen } : {}) };
  if (keepOptions) q.options = old.options;
  if (q.options?.some((o) => o.safety) && old.safetyMessage) q.safetyMessage = old.safetyMessage;
  next.areas[ai].questions[qi] = q;
  return next;
}

export function addOption(c: QuestionnaireContent, ai: number, qi: number): QuestionnaireContent {
  const next = clone(c);
  const q = next.areas[ai].questions[qi];
  const used = new Set((q.options ?? []).map((o) => o.id));
  let n = (q.options?.length ?? 0) + 1;
  while (used.has(`option-${n}`)) n++;
  q.options = [...(q.options ?? []), { id: `option-${n}`, icon: 'circle', label: {} }];
  return next;
}

export function removeOption(c: QuestionnaireContent, ai: number, qi: number, oi: number): QuestionnaireContent {
  const next = clone(c);
  const q = next.areas[ai].questions[qi];
  const [removed] = (q.options ?? []).splice(oi, 1);
  if (!q.options?.some((o) => o.safety)) delete q.safetyMessage;
  for (const a of next.areas)
    for (const other of a.questions)
      if (other.showWhen?.questionId === q.id) other.showWhen.anyOf = other.showWhen.anyOf.filter((x) => x !== removed?.id);
  return next;
}

export function moveOption(c: QuestionnaireContent, ai: number, qi: number, oi: number, delta: -1 | 1): QuestionnaireContent {
  const next = clone(c);
  const q = next.areas[ai].questions[qi];
  q.options = move(q.options ?? [], oi, delta);
  return next;
}

/** Marks an option as raising a safety alert (or not); a question without safety options has no safety message. */
export function setSafety(c: QuestionnaireContent, ai: number, qi: number, oi: number, safety: boolean): QuestionnaireContent {
  const next = clone(c);
  const q = next.areas[ai].questions[qi];
  const o = q.options?.[oi];
  if (!o) return c;
  if (safety) o.safety = true;
  else delete o.safety;
  if (safety && !q.safetyMessage) q.safetyMessage = {};
  if (!q.options?.some((x) => x.safety)) delete q.safetyMessage;
  return next;
}

/** Sets a plain (non-text) field of a question or option, e.g. `id`, `icon`, `enabled`. */
export function setField(c: QuestionnaireContent, path: string, value: unknown): QuestionnaireContent {
  const next = clone(c);
  const parts = path.split('.');
  const key = parts.pop() as string;
  const parent = getAt(next, parts.join('.')) as Record<string, unknown> | undefined;
  if (!parent) return c;
  if (value === undefined) delete parent[key];
  else parent[key] = value;
  return next;
}

/** Free text on: always sensitive (encrypted, out of statistics). Off: nothing to protect. */
export function setFreeText(c: QuestionnaireContent, ai: number, qi: number, enabled: boolean): QuestionnaireContent {
  const next = clone(c);
  const q = next.areas[ai].questions[qi];
  q.enabled = enabled;
  if (enabled) q.sensitive = true;
  else delete q.sensitive;
  return next;
}

/** Questions before (ai, qi) that have options: what a follow-up may depend on. */
export function earlierWithOptions(c: QuestionnaireContent, ai: number, qi: number): Question[] {
  const out: Question[] = [];
  c.areas.forEach((a, i) =>
    a.questions.forEach((q, j) => {
      if ((i < ai || (i === ai && j < qi)) && hasOptions(q)) out.push(q);
    }),
  );
  return out;
}

export function setShowWhen(c: QuestionnaireContent, ai: number, qi: number, showWhen: ShowWhen | null): QuestionnaireContent {
  const next = clone(c);
  const q = next.areas[ai].questions[qi];
  if (showWhen) q.showWhen = showWhen;
  else delete q.showWhen;
  return next;
}

/**
 * Server issues at a field: an issue belongs to `path` when its path is the path itself or
 * lies inside it (`…text.en` and `…text.en.text` belong to `…text`).
 */
export function issuesAt(issues: readonly Issue[], path: string): Issue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
}

/** Which question (area and index) an issue's path points into, if any. */
export function questionOfPath(path: string): { ai: number; qi: number } | null {
  const m = /^areas\.(\d+)\.questions\.(\d+)/.exec(path);
  return m ? { ai: Number(m[1]), qi: Number(m[2]) } : null;
}
