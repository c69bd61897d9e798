import type { Answer, AnswerValue, Locale, Question, QuestionnaireContent } from './model';

/**
 * Pure logic of the answering flow: which questions are shown (follow-ups), moving back and
 * forward, resolving texts with a language fallback, and building the answers sent to the API.
 * No Angular and no browser APIs here, so it is unit tested directly.
 */

export type { Locale };
export const LOCALES: readonly Locale[] = ['sv', 'en', 'ar', 'so', 'fa', 'ti', 'fi'];
export const RTL_LOCALES: readonly Locale[] = ['ar', 'fa'];

/** What the child has said on one question so far (value may still be missing). */
export interface Draft {
  value?: AnswerValue;
  wantsToTalk?: boolean;
}
export type Drafts = Record<string, Draft>;

export interface FlowQuestion {
  question: Question;
  areaIndex: number;
}

type Text = Partial<Record<Locale, { text: string; audio?: string } | undefined>>;

/** A text in the wanted language, else the fallbacks in order; `lang` says which language it really is. */
export function resolveText(text: Text | undefined, wanted: Locale, fallbacks: readonly Locale[] = ['sv', 'en']): { text: string; lang: Locale; audio?: string } {
  if (!text) return { text: '', lang: wanted };
  for (const l of [wanted, ...fallbacks, ...LOCALES]) {
    const e = text[l];
    if (e?.text) return { text: e.text, lang: l, ...(e.audio ? { audio: e.audio } : {}) };
  }
  return { text: '', lang: wanted };
}

/** Every question a child may meet, in order; free-text questions that are turned off never appear. */
export function allQuestions(content: QuestionnaireContent): FlowQuestion[] {
  return content.areas.flatMap((a, areaIndex) =>
    a.questions.filter((q) => q.type !== 'free-text' || q.enabled).map((question) => ({ question, areaIndex })),
  );
}

/** Whether a question is shown given the answers so far (its `showWhen` is met, recursively). */
export function isShown(q: Question, drafts: Drafts, byId: Map<string, Question>, seen = new Set<string>()): boolean {
  const sw = q.showWhen;
  if (!sw) return true;
  if (seen.has(q.id)) return false;
  seen.add(q.id);
  const target = byId.get(sw.questionId);
  if (!target || !isShown(target, drafts, byId, seen)) return false;
  const v = drafts[sw.questionId]?.value;
  if (!v) return false;
  if (v.kind === 'option') return sw.anyOf.includes(v.optionId);
  if (v.kind === 'options') return v.optionIds.some((o) => sw.anyOf.includes(o));
  return false;
}

/** The questions shown right now, in order. */
export function visibleQuestions(content: QuestionnaireContent, drafts: Drafts): FlowQuestion[] {
  const all = allQuestions(content);
  const byId = new Map(all.map((f) => [f.question.id, f.question]));
  return all.filter((f) => isShown(f.question, drafts, byId));
}

/** Id of the question after `currentId` among the visible ones, or null at the end. */
export function nextId(content: QuestionnaireContent, drafts: Drafts, currentId: string | null): string | null {
  const visible = visibleQuestions(content, drafts);
  if (currentId === null) return visible[0]?.question.id ?? null;
  const all = allQuestions(content).map((f) => f.question.id);
  const at = all.indexOf(currentId);
  const next = visible.find((f) => all.indexOf(f.question.id) > at);
  return next?.question.id ?? null;
}

/** Id of the visible question before `currentId`, or null at the start. */
export function previousId(content: QuestionnaireContent, drafts: Drafts, currentId: string | null): string | null {
  const visible = visibleQuestions(content, drafts);
  if (currentId === null) return visible[visible.length - 1]?.question.id ?? null;
  const all = allQuestions(content).map((f) => f.question.id);
  const at = all.indexOf(currentId);
  const before = visible.filter((f) => all.indexOf(f.question.id) < at);
  return before[before.length - 1]?.question.id ?? null;
}

/** 1-based position and total among the visible questions. */
export function progress(content: QuestionnaireContent, drafts: Drafts, currentId: string): { index: number; total: number } {
  const visible = visibleQuestions(content, drafts);
  return { index: visible.findIndex((f) => f.question.id === currentId) + 1, total: visible.length };
}

/**
 * The answers to save or submit: only visible questions; a question marked "I want to talk
 * about this" without an answer counts as not answered ("declined") but keeps the talk mark.
 */
export function buildAnswers(content: QuestionnaireContent, drafts: Drafts): Answer[] {
  const out: Answer[] = [];
  for (const { question } of visibleQuestions(content, drafts)) {
    const d = drafts[question.id];
    if (!d) continue;
    const value = normalise(d.value);
    if (value) out.push({ questionId: question.id, value, wantsToTalk: !!d.wantsToTalk });
    else if (d.wantsToTalk) out.push({ questionId: question.id, value: { kind: 'declined' }, wantsToTalk: true });
  }
  return out;
}

function normalise(v: AnswerValue | undefined): AnswerValue | undefined {
  if (!v) return undefined;
  if (v.kind === 'options') return v.optionIds.length ? v : undefined;
  if (v.kind === 'text') {
    const text = v.text.trim();
    return text ? { kind: 'text', text } : undefined;
  }
  return v;
}

/** Drafts rebuilt from saved answers (to resume). */
export function draftsFrom(answers: readonly Answer[]): Drafts {
  const d: Drafts = {};
  for (const a of answers) d[a.questionId] = { value: a.value, wantsToTalk: a.wantsToTalk };
  return d;
}

/** The options of the current answer that raise a safety alert. */
export function chosenSafety(q: Question, d: Draft | undefined): boolean {
  if (!('options' in q) || !d?.value) return false;
  const v = d.value;
  const ids = v.kind === 'option' ? [v.optionId] : v.kind === 'options' ? v.optionIds : [];
  return q.options.some((o) => o.safety && ids.includes(o.id));
}

/** Where to resume: the saved position if still visible, else the first unanswered visible question. */
export function resumeAt(content: QuestionnaireContent, drafts: Drafts, position: string | null): string | null {
  const visible = visibleQuestions(content, drafts);
  if (position && visible.some((f) => f.question.id === position)) return position;
  return visible.find((f) => !drafts[f.question.id]?.value)?.question.id ?? visible[0]?.question.id ?? null;
}

/** Normalises what a child typed as a code: upper case, no spaces or dashes, common look-alikes fixed. `XXXX-XXXX` when 8 characters. */
export function normaliseCode(raw: string): string {
  const s = raw.toUpperCase().replace(/[\s\-_.–—]/g, '');
  return s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4)}` : s;
}
