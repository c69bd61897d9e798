import {
  answer as answerSchema,
  type Answer,
  type Question,
  type QuestionnaireArea,
  type QuestionnaireContent,
  type QuestionOption,
} from '@delaktig/contracts';
import type { FieldError } from '@delaktig/errors';

/** Most answers one request may carry (a questionnaire has at most 6 areas × 60 questions, in practice ~30). */
export const MAX_ANSWERS = 200;

export interface CompiledQuestion {
  question: Question;
  area: QuestionnaireArea;
  /** Position in the questionnaire (0-based, across areas). */
  order: number;
  options: Map<string, QuestionOption> | null;
}

/** A questionnaire version prepared for validating answers quickly (kept in memory). */
export interface CompiledVersion {
  id: string;
  content: QuestionnaireContent;
  questions: Map<string, CompiledQuestion>;
}

export function compileVersion(id: string, content: QuestionnaireContent): CompiledVersion {
  const questions = new Map<string, CompiledQuestion>();
  let order = 0;
  for (const area of content.areas) {
    for (const question of area.questions) {
      const options = 'options' in question ? new Map(question.options.map((o) => [o.id, o])) : null;
      questions.set(question.id, { question, area: area.id, order: order++, options });
    }
  }
  return { id, content, questions };
}

export type ValidationResult =
  | { ok: true; answers: Answer[]; safetyQuestionIds: string[] }
  | { ok: false; errors: FieldError[] };

const at = (base: string, i: number, rest?: string) => `${base}[${i}]${rest ? `.${rest}` : ''}`;
const zodPath = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/** The kinds of answer each question type takes (besides "declined", always allowed). */
const KIND_OF: Record<Question['type'], Answer['value']['kind']> = {
  scale: 'option',
  'yes-no-dont-know': 'option',
  'single-choice': 'option',
  'multiple-choice': 'options',
  'free-text': 'text',
  'talk-flag': 'flag',
};

/**
 * Checks answers against the exact questionnaire version: each answer's shape, that the
 * question exists and is answered once, that the answer fits the question's type and
 * options, that free text is turned on, and that a follow-up is answered only when its
 * condition holds ("I don't want to answer" is always allowed). Field names follow the
 * request body, e.g. `answers[3].value.optionId`. Answers come back in questionnaire order,
 * with the questions on which a safety-marked option was chosen.
 */
export function validateAnswers(version: CompiledVersion, input: unknown, base = 'answers'): ValidationResult {
  if (!Array.isArray(input)) return { ok: false, errors: [{ field: base, reason: 'must be a list of answers' }] };
  if (input.length > MAX_ANSWERS) return { ok: false, errors: [{ field: base, reason: `may have at most ${MAX_ANSWERS} answers` }] };
  const errors: FieldError[] = [];
  const accepted = new Map<string, { answer: Answer; index: number; q: CompiledQuestion }>();

  input.forEach((raw, i) => {
    const parsed = answerSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
        for (const k of keys) {
          const path = zodPath(k ? [...issue.path, k] : issue.path);
          errors.push({ field: at(base, i, path || undefined).replace('.[', '['), reason: k ? 'is not a known field' : issue.message });
        }
      }
      return;
    }
    const a = parsed.data;
    const q = version.questions.get(a.questionId);
    if (!q) {
      errors.push({ field: at(base, i, 'questionId'), reason: `${a.questionId} is not a question of this questionnaire` });
      return;
    }
    const earlier = accepted.get(a.questionId);
    if (earlier) {
      errors.push({ field: at(base, i, 'questionId'), reason: `${a.questionId} is already answered at ${at(base, earlier.index)}` });
      return;
    }
    const err = checkValue(q, a, (path, reason) => errors.push({ field: at(base, i, path), reason }));
    if (!err) accepted.set(a.questionId, { answer: a, index: i, q });
  });

  // Follow-ups: only when the earlier question was answered with one of the listed options.
  for (const { answer: a, index, q } of accepted.values()) {
    const sw = q.question.showWhen;
    if (!sw || a.value.kind === 'declined') continue;
    const target = accepted.get(sw.questionId)?.answer.value;
    const holds =
      (target?.kind === 'option' && sw.anyOf.includes(target.optionId)) ||
      (target?.kind === 'options' && target.optionIds.some((o) => sw.anyOf.includes(o)));
    if (!holds) {
      errors.push({
        field: at(base, index, 'questionId'),
        reason: `${a.questionId} is a follow-up question, asked only when ${sw.questionId} is answered with ${sw.anyOf.join(' or ')}`,
      });
    }
  }

  if (errors.length) return { ok: false, errors };
  const ordered = [...accepted.values()].sort((x, y) => x.q.order - y.q.order);
  const safetyQuestionIds = ordered.filter(({ answer, q }) => hitsSafety(q, answer)).map(({ answer }) => answer.questionId);
  return { ok: true, answers: ordered.map((x) => x.answer), safetyQuestionIds };
}

function checkValue(q: CompiledQuestion, a: Answer, fail: (path: string, reason: string) => void): boolean {
  const v = a.value;
  if (v.kind === 'declined') return false;
  const type = q.question.type;
  const expected = KIND_OF[type];
  if (v.kind !== expected) {
    fail('value.kind', `must be ${expected} or declined for a ${type} question`);
    return true;
  }
  if (v.kind === 'option') {
    if (!q.options?.has(v.optionId)) {
      fail('value.optionId', `${v.optionId} is not an option of ${a.questionId} (options: ${[...(q.options?.keys() ?? [])].join(', ')})`);
      return true;
    }
  } else if (v.kind === 'options') {
    let bad = false;
    const seen = new Set<string>();
    v.optionIds.forEach((o, oi) => {
      if (!q.options?.has(o)) {
        fail(`value.optionIds[${oi}]`, `${o} is not an option of ${a.questionId}`);
        bad = true;
      } else if (seen.has(o)) {
        fail(`value.optionIds[${oi}]`, `${o} is chosen twice`);
        bad = true;
      }
      seen.add(o);
    });
    return bad;
  } else if (v.kind === 'text' && q.question.type === 'free-text') {
    if (!q.question.enabled) {
      fail('value', `free text is turned off for ${a.questionId}`);
      return true;
    }
    if (v.text.length > q.question.maxLength) {
      fail('value.text', `may be at most ${q.question.maxLength} characters`);
      return true;
    }
  }
  return false;
}

/** Whether the answer chose an option marked as a safety concern. */
export function hitsSafety(q: CompiledQuestion, a: Answer): boolean {
  const v = a.value;
  if (v.kind === 'option') return q.options?.get(v.optionId)?.safety === true;
  if (v.kind === 'options') return v.optionIds.some((o) => q.options?.get(o)?.safety === true);
  return false;
}
