import type { AnswerForEvent, ChildLanguage, Gender } from '../../libs/contracts/src/lib/answers';
import type { AgeBand } from '../../libs/contracts/src/lib/http';
import type { Question, QuestionnaireArea, QuestionnaireContent, QuestionOption } from '../../libs/contracts/src/lib/questionnaire';
import type { Rng } from './ids';

/**
 * Realistic answers to a published questionnaire version, generated from its content (so they
 * stay valid whatever the central office has published): one "how are things" level per
 * child, shifted per area by gender, age band and follow-up occasion, with noise per question;
 * "I don't want to answer" now and then, "I want to talk about this" mostly on the worse
 * answers, follow-up questions only when their condition holds, and never an option that
 * raises a safety alert (those would page a real caseworker in the live flow; in the history
 * they stay out too).
 */
export interface Child {
  gender: Gender;
  ageBand: AgeBand;
  language: ChildLanguage;
  /** 0 (very bad) … 1 (very good): how things are for the child overall. */
  wellbeing: number;
  occasion: number;
}

/** Same shape for the child API's answers and the ResponseSubmitted event's (no free text here). */
export type SeedAnswer = AnswerForEvent;

const clamp = (x: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, x));

/** How much better or worse each area tends to be for a group (a few tenths at most). */
export function areaOffset(child: Child, area: QuestionnaireArea): number {
  let o = 0;
  const teen = child.ageBand === '12-18';
  if (child.gender === 'girl') o += { home: 0, school: 0.04, leisure: -0.02, health: teen ? -0.14 : -0.03, 'social-services': 0.02, 'about-answering': 0.03 }[area];
  if (child.gender === 'boy') o += { home: 0, school: teen ? -0.09 : -0.05, leisure: 0.04, health: teen ? 0.03 : 0.02, 'social-services': -0.03, 'about-answering': -0.02 }[area];
  if (child.gender === 'other') o += { home: -0.06, school: -0.1, leisure: -0.06, health: -0.16, 'social-services': -0.02, 'about-answering': 0 }[area];
  if (!teen && area === 'about-answering') o -= 0.05;
  if (teen && area === 'home') o -= 0.03;
  if (child.language !== 'sv' && area === 'about-answering') o -= 0.06;
  // Follow-up occasions: somewhat better, most of all in the contact with social services.
  if (child.occasion > 1) o += (area === 'social-services' ? 0.12 : 0.07) * Math.min(child.occasion - 1, 2);
  return o;
}

/** Options in order from the best answer to the worst, as far as a question has an order. */
function bestFirst(q: Question & { options: QuestionOption[] }): QuestionOption[] {
  const real = q.options.filter((o) => o.id !== 'dont-know');
  if (q.type === 'scale') return [...real].reverse(); // scales are stored worst first
  if (q.type === 'yes-no-dont-know') {
    // "Yes" is the good answer unless "yes" is what raises the alert ("does anyone hurt you?").
    const yesIsBad = q.options.find((o) => o.id === 'yes')?.safety === true;
    return yesIsBad ? [...real].reverse() : real;
  }
  return real; // single choice: the defaults list the reassuring answer first
}

/**
 * The option at `position` (0 = best … 1 = worst). Where that option raises a safety alert the
 * child answers "don't know" if the question has it, else the nearest better option.
 */
function optionAt(ordered: QuestionOption[], position: number, dontKnow: QuestionOption | undefined): QuestionOption {
  let i = Math.min(ordered.length - 1, Math.floor(clamp(position, 0, 0.9999) * ordered.length));
  if (ordered[i]?.safety && dontKnow) return dontKnow;
  while (i > 0 && ordered[i]?.safety) i--;
  const o = ordered[i] as QuestionOption;
  if (o.safety) throw new Error('every option of a question raises an alert'); // cannot happen: the best one never does
  return o;
}

const LEISURE_WEIGHTS: Record<string, Partial<Record<Gender, number>>> = {
  sport: { boy: 1.7, girl: 0.9 },
  games: { boy: 1.9, girl: 0.6 },
  draw: { girl: 1.7, boy: 0.7 },
  'music-art': { girl: 1.8, boy: 0.7 },
  friends: { girl: 1.4 },
  'play-outside': {},
  'youth-club': { boy: 1.2 },
};

export function generateAnswers(content: QuestionnaireContent, child: Child, rng: Rng): SeedAnswer[] {
  const out: SeedAnswer[] = [];
  const given = new Map<string, SeedAnswer['value']>();
  const areaLevels = new Map<string, number[]>();
  const teen = child.ageBand === '12-18';

  for (const area of content.areas) {
    const levels: number[] = [];
    areaLevels.set(area.id, levels);
    let talkedInArea = false;
    for (const q of area.questions) {
      const sw = q.showWhen;
      if (sw) {
        const v = given.get(sw.questionId);
        const holds = (v?.kind === 'option' && sw.anyOf.includes(v.optionId)) || (v?.kind === 'options' && v.optionIds.some((o) => sw.anyOf.includes(o)));
        if (!holds) continue;
      }
      if (q.type === 'free-text') continue; // off by default; never filled in by the seed
      const level = clamp(child.wellbeing + areaOffset(child, area.id) + rng.normal(0.16));
      if (q.type === 'talk-flag') {
        const mean = levels.length ? levels.reduce((s, x) => s + x, 0) / levels.length : level;
        const on = (talkedInArea && rng.chance(0.8)) || (mean < 0.4 && rng.chance(0.45)) || rng.chance(0.02 + (1 - mean) * 0.08);
        push(q.id, { kind: 'flag', on }, false);
        continue;
      }
      levels.push(level);
      const declineRate = 0.02 + (teen ? 0.015 : 0) + (area.id === 'home' || area.id === 'health' ? 0.015 : 0) + (level < 0.3 ? 0.03 : 0);
      if (rng.chance(declineRate)) {
        push(q.id, { kind: 'declined' }, rng.chance(0.04));
        continue;
      }
      if (q.type === 'multiple-choice') {
        const chosen = chooseSeveral(q.options, child, areaLevels, rng);
        push(q.id, { kind: 'options', optionIds: chosen }, level < 0.3 && rng.chance(0.12));
        continue;
      }
      // scale, yes/no/don't know, single choice
      const dontKnow = q.options.find((o) => o.id === 'dont-know' && !o.safety);
      const unsure = 0.03 + 0.05 * (1 - Math.abs(2 * level - 1)) + (teen ? 0 : 0.02);
      let option: QuestionOption;
      if (dontKnow && rng.chance(unsure)) option = dontKnow;
      else {
        const ordered = bestFirst(q);
        const position = q.type === 'yes-no-dont-know' ? (rng.next() < 1 / (1 + Math.exp(-(level - 0.33) * 9)) ? 0 : 0.99) : Math.pow(clamp(1 - level + rng.normal(0.1)), 1.15);
        option = optionAt(ordered, position, rng.chance(0.5) ? dontKnow : undefined);
      }
      const bad = bestFirst(q).indexOf(option) >= Math.ceil(bestFirst(q).length / 2);
      const talk = bad ? rng.chance(0.16) : rng.chance(0.012);
      push(q.id, { kind: 'option', optionId: option.id }, talk);
    }

    function push(questionId: string, value: SeedAnswer['value'], wantsToTalk: boolean) {
      if (wantsToTalk) talkedInArea = true;
      given.set(questionId, value);
      out.push({ questionId, value, wantsToTalk });
    }
  }
  assertNoSafety(content, out);
  return out;
}

function chooseSeveral(options: QuestionOption[], child: Child, areaLevels: Map<string, number[]>, rng: Rng): string[] {
  const candidates = options.filter((o) => !o.safety);
  const weight = (o: QuestionOption): number => {
    if (o.id === 'nothing-special') return 0.3;
    if (o.id === 'other') return 0.35;
    if (o.id === 'language') return child.language === 'sv' ? 0.25 : 2.2;
    const levels = areaLevels.get(o.id);
    if (levels) {
      // "What would you like to talk about?": the areas that went worst.
      const mean = levels.length ? levels.reduce((s, x) => s + x, 0) / levels.length : 0.6;
      return 0.2 + 2.4 * (1 - mean) ** 2;
    }
    return LEISURE_WEIGHTS[o.id]?.[child.gender] ?? 1;
  };
  const wanted = Math.min(candidates.length, 1 + Math.min(3, rng.poisson(0.9)));
  const pool = candidates.map((o) => ({ o, w: weight(o) }));
  const chosen: string[] = [];
  while (chosen.length < wanted && pool.length) {
    const total = pool.reduce((s, p) => s + p.w, 0);
    let r = rng.next() * total;
    let idx = pool.findIndex((p) => (r -= p.w) < 0);
    if (idx < 0) idx = pool.length - 1;
    const [{ o }] = pool.splice(idx, 1) as [{ o: QuestionOption; w: number }];
    if (o.id === 'nothing-special' && chosen.length > 0) continue; // exclusive: only on its own
    chosen.push(o.id);
    if (o.id === 'nothing-special') break;
  }
  return chosen;
}

/** Refuses any answer on an option that raises a safety alert (belt and braces). */
export function assertNoSafety(content: QuestionnaireContent, answers: SeedAnswer[]): void {
  const safety = new Set(content.areas.flatMap((a) => a.questions.flatMap((q) => ('options' in q ? q.options.filter((o) => o.safety).map((o) => `${q.id}/${o.id}`) : []))));
  for (const a of answers) {
    const ids = a.value.kind === 'option' ? [a.value.optionId] : a.value.kind === 'options' ? a.value.optionIds : [];
    for (const id of ids) if (safety.has(`${a.questionId}/${id}`)) throw new Error(`seed answer ${a.questionId}=${id} would raise a safety alert`);
  }
}
