import { Inject, Injectable } from '@nestjs/common';
import {
  DISTRICTS,
  GENDERS,
  districtName,
  monthIndex,
  monthOf,
  OCCASION_KINDS,
  type AnswerCells,
  type AnswerStatisticsQuery,
  type AnswerStatisticsQuestion,
  type AnswerStatisticsView,
  type DistrictId,
  type StatisticsCell,
} from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import type { Identity } from '@delaktig/service-kit';
import { PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { answerRowsSql } from './answers.sql';
import { CellSum, PROTECTION } from './disclosure/cell-key';

/** Every district of the city (the central office has no children of its own). */
export const CITY: DistrictId[] = DISTRICTS.filter((d) => d.id !== 'central').map((d) => d.id);

type Label = { sv: string; en: string };
export interface Scope {
  level: 'unit' | 'district' | 'city';
  districtIds: DistrictId[];
  unitId: string | null;
}
/** A kept count read from the database: per group, question and option. */
interface Row {
  g: string | null;
  total: number;
  question_id: string;
  option_id: string;
  n: number;
  k: string;
}
interface Part {
  /** The group this part fills ("all", a district id, …), or null when the split fills it. */
  group: string | null;
  scope: Scope;
}

const GENDER_LABEL: Record<string, Label> = {
  girl: { sv: 'Flickor', en: 'Girls' },
  boy: { sv: 'Pojkar', en: 'Boys' },
  other: { sv: 'Annat', en: 'Other' },
  'not-stated': { sv: 'Ej angivet', en: 'Not stated' },
};
const OCCASION_LABEL: Record<string, Label> = {
  first: { sv: 'Första tillfället', en: 'First occasion' },
  'follow-up': { sv: 'Uppföljning', en: 'Follow-up' },
};
const AGE_LABEL: Record<string, Label> = { '6-11': { sv: '6–11 år', en: 'Age 6–11' }, '12-18': { sv: '12–18 år', en: 'Age 12–18' } };
const FLAG_OPTIONS = [
  { optionId: 'yes', label: { sv: 'Ja', en: 'Yes' } },
  { optionId: 'no', label: { sv: 'Nej', en: 'No' } },
];
const SPLIT_COLUMN = { gender: 'gender', ageBand: 'age_band', district: 'district_id', period: 'period', occasion: 'occasion' } as const;

/** Current month in Europe/Stockholm, YYYY-MM. */
export function currentMonth(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).formatToParts(now);
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}

/** Whose answers a caller may see: central office the city (or chosen districts), district staff their district, unit leads their unit. */
export function scopeOf(who: Identity, districtIds?: DistrictId[]): Scope {
  if (who.roles.includes('central-analyst')) return { level: 'city', districtIds: districtIds?.length ? districtIds : CITY, unitId: null };
  if (districtIds?.some((d) => d !== who.districtId)) throw new AppError('FORBIDDEN', 'You can only see the statistics of your own district.');
  if (who.roles.includes('district-admin') || who.roles.includes('caseworker')) return { level: 'district', districtIds: [who.districtId], unitId: null };
  if (who.roles.includes('unit-lead')) {
    if (!who.unitId) throw new AppError('FORBIDDEN', 'Your account belongs to no unit, so there are no unit statistics to show.');
    return { level: 'unit', districtIds: [who.districtId], unitId: who.unitId };
  }
  throw new AppError('FORBIDDEN', 'Your role does not see statistics.');
}

/**
 * Answer distributions from the kept counts, every number a protected cell (ADR 0011): the
 * counts and key sums of the kept rows in a cell are added up in SQL and the published value
 * is derived from their total and cell key, so "all" and each group are cells of their own.
 */
@Injectable()
export class AnswersQuery {
  /** Published questionnaire contents by version id (immutable once published). */
  private readonly contents = new Map<string, unknown>();

  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async view(who: Identity, q: AnswerStatisticsQuery): Promise<AnswerStatisticsView> {
    const scope = scopeOf(who, q.districtIds);
    const to = q.to ?? currentMonth();
    const from = q.from ?? monthOf(monthIndex(to) - 11);
    if (monthIndex(to) - monthIndex(from) + 1 > 36) throw AppError.validation([{ field: 'from', reason: 'the period may be at most 36 months' }]);
    if (q.from && monthIndex(from) > monthIndex(to)) throw AppError.validation([{ field: 'from', reason: 'must not be after to' }]);
    const split = q.paired ? 'occasion' : q.split;
    if (q.paired && q.split !== 'occasion' && q.split !== 'none') {
      throw AppError.validation([{ field: 'split', reason: 'before/after (paired) compares first and follow-up occasions: use split=occasion' }]);
    }

    const questions = await this.questions(q.ageBand, split === 'ageBand', q.versionId, q.area, q.questionId);
    const questionIds = questions.map((x) => x.questionId);

    // Which parts fill which groups.
    const parts: Part[] = [];
    const groups: { key: string; label: Label }[] = [{ key: 'all', label: this.scopeLabel(scope) }];
    if (split === 'district') {
      if (scope.level === 'city' && scope.districtIds.length > 1) {
        parts.push({ group: null, scope });
        for (const d of scope.districtIds) groups.push({ key: d, label: { sv: districtName(d) ?? d, en: districtName(d) ?? d } });
      } else if (scope.level === 'district' || scope.level === 'city') {
        // One district (a district's staff, or the central office choosing one): beside the city.
        const city: Scope = { level: 'city', districtIds: CITY, unitId: null };
        parts.push({ group: 'all', scope }, { group: 'city', scope: city });
        groups.push({ key: 'city', label: { sv: 'Hela staden', en: 'The whole city' } });
      } else {
        const district: Scope = { level: 'district', districtIds: scope.districtIds, unitId: null };
        parts.push({ group: 'all', scope }, { group: scope.districtIds[0], scope: district });
        groups.push({ key: scope.districtIds[0], label: this.scopeLabel(district) });
      }
    } else {
      parts.push({ group: split === 'none' ? 'all' : null, scope });
      if (split === 'gender') for (const g of q.gender ? [q.gender] : GENDERS) groups.push({ key: g, label: GENDER_LABEL[g] });
      if (split === 'occasion') for (const o of q.occasion ? [q.occasion] : OCCASION_KINDS) groups.push({ key: o, label: OCCASION_LABEL[o] });
      if (split === 'ageBand') for (const a of ['6-11', '12-18']) groups.push({ key: a, label: AGE_LABEL[a] });
      if (split === 'period') for (let m = monthIndex(from); m <= monthIndex(to); m++) groups.push({ key: monthOf(m), label: { sv: monthOf(m), en: monthOf(m) } });
    }

    const cells = new Map<string, CellSum>(); // `${group}|${question}|${option}`
    const add = (group: string, question: string, option: string, n: number, k: string) => {
      const id = `${group}|${question}|${option}`;
      (cells.get(id) ?? cells.set(id, new CellSum()).get(id) as CellSum).add(n, k);
    };
    for (const part of parts) {
      const rows = q.paired
        ? await this.pairedRows(part.scope, from, to, q.ageBand, q.gender ?? null, q.versionId ?? null, questionIds)
        : await this.rows(part.scope, part.group === null && split !== 'none' ? SPLIT_COLUMN[split] : null, {
            from,
            to,
            ageBand: split === 'ageBand' ? null : q.ageBand,
            gender: q.gender ?? null,
            occasion: q.occasion ?? null,
            versionId: q.versionId ?? null,
            questionIds: [...questionIds, '~response'],
          });
      for (const r of rows) add(part.group ?? (Number(r.total) === 1 ? 'all' : String(r.g)), r.question_id, r.option_id, Number(r.n), r.k);
    }

    const cell = (group: string, question: string, option: string): StatisticsCell => cells.get(`${group}|${question}|${option}`)?.publish() ?? 0;
    const groupKeys = groups.map((g) => g.key);
    return {
      scope,
      from,
      to,
      ageBand: q.ageBand,
      area: q.area ?? null,
      gender: q.gender ?? null,
      occasion: q.occasion ?? null,
      paired: q.paired,
      split,
      groups,
      responses: Object.fromEntries(groupKeys.map((g) => [g, cell(g, '~response', '~')])),
      questions: questions.map((question) => ({
        ...question,
        cells: Object.fromEntries(
          groupKeys.map((g): [string, AnswerCells] => [
            g,
            {
              respondents: cell(g, question.questionId, '~answered'),
              options: Object.fromEntries(question.options.map((o) => [o.optionId, cell(g, question.questionId, o.optionId)])),
              declined: cell(g, question.questionId, '~declined'),
              wantsToTalk: cell(g, question.questionId, '~talk'),
            },
          ]),
        ),
      })),
      protection: PROTECTION,
    };
  }

  private scopeLabel(scope: Scope): Label {
    if (scope.level === 'unit') return { sv: `Enheten ${scope.unitId}`, en: `Unit ${scope.unitId}` };
    if (scope.level === 'district' || scope.districtIds.length === 1) {
      const name = districtName(scope.districtIds[0]) ?? scope.districtIds[0];
      return { sv: name, en: name };
    }
    if (scope.districtIds.length === CITY.length) return { sv: 'Hela staden', en: 'The whole city' };
    return { sv: `${scope.districtIds.length} stadsdelar`, en: `${scope.districtIds.length} districts` };
  }

  /** Kept counts of a scope, summed per question and option, per value of the split column and in all. */
  private async rows(
    scope: Scope,
    splitColumn: string | null,
    f: { from: string; to: string; ageBand: string | null; gender: string | null; occasion: string | null; versionId: string | null; questionIds: string[] },
  ): Promise<Row[]> {
    const unitId = scope.level === 'unit' ? scope.unitId : null;
    const wholeCity = unitId === null && CITY.every((d) => scope.districtIds.includes(d));
    const { sql, params } = answerRowsSql({ districtIds: scope.districtIds, wholeCity, unitId, splitColumn, ...f });
    return this.prisma.$queryRawUnsafe<Row[]>(sql, ...params);
  }

  /**
   * Before/after: only children (pseudonymous child ref within a district) with a first and a
   * follow-up response in the period; their first and their latest follow-up are counted.
   */
  private async pairedRows(scope: Scope, from: string, to: string, ageBand: string, gender: string | null, versionId: string | null, questionIds: string[]): Promise<Row[]> {
    return this.prisma.$queryRawUnsafe<Row[]>(
      `WITH rs AS (
         SELECT r.*, ip.child_ref FROM response_record r JOIN invitation_progress ip USING (invitation_id)
          WHERE r.district_id = ANY($1::text[]) AND r.age_band = $2 AND r.period BETWEEN $3 AND $4 AND ip.child_ref IS NOT NULL
            AND ($5::text IS NULL OR r.gender = $5) AND ($6::text IS NULL OR r.unit_id = $6) AND ($8::uuid IS NULL OR r.questionnaire_version_id = $8::uuid)
       ),
       paired AS (
         SELECT DISTINCT ON (district_id, child_ref, occasion = 1) *
           FROM rs
          WHERE (district_id, child_ref) IN (SELECT district_id, child_ref FROM rs GROUP BY 1, 2 HAVING bool_or(occasion = 1) AND bool_or(occasion > 1))
          ORDER BY district_id, child_ref, occasion = 1, occasion DESC
       )
       SELECT CASE WHEN p.occasion = 1 THEN 'first' ELSE 'follow-up' END AS g, GROUPING(CASE WHEN p.occasion = 1 THEN 'first' ELSE 'follow-up' END) AS total,
              c.question_id, c.option_id, count(*)::int AS n, (sum(p.record_key) % 4294967296)::text AS k
         FROM paired p, LATERAL response_answer_cells(p.answers) c
        WHERE c.question_id = ANY($7::text[])
        GROUP BY GROUPING SETS ((c.question_id, c.option_id), (c.question_id, c.option_id, CASE WHEN p.occasion = 1 THEN 'first' ELSE 'follow-up' END))`,
      scope.districtIds,
      ageBand,
      from,
      to,
      gender,
      scope.level === 'unit' ? scope.unitId : null,
      [...questionIds, '~response'],
      versionId,
    );
  }

  /** The questions shown: those of the chosen (or newest published) version of the age band, free text left out. */
  private async questions(ageBand: string, bothBands: boolean, versionId?: string, area?: string, questionId?: string): Promise<Omit<AnswerStatisticsQuestion, 'cells'>[]> {
    // Which versions label the questions (ids only); their content is immutable once published, so it is cached.
    const picked = await this.prisma.$queryRawUnsafe<{ version_id: string; age_band: string }[]>(
      `SELECT DISTINCT ON (age_band) version_id::text, age_band FROM questionnaire_version
        WHERE content IS NOT NULL AND ($1::uuid IS NULL OR version_id = $1::uuid) AND (age_band = $2 OR $3::boolean)
        ORDER BY age_band, (age_band = $2) DESC, published_at DESC`,
      versionId ?? null,
      ageBand,
      bothBands && !versionId,
    );
    const missing = picked.filter((v) => !this.contents.has(v.version_id)).map((v) => v.version_id);
    if (missing.length) {
      const rows = await this.prisma.$queryRawUnsafe<{ version_id: string; content: unknown }[]>(
        `SELECT version_id::text, content FROM questionnaire_version WHERE version_id = ANY($1::uuid[])`,
        missing,
      );
      for (const r of rows) this.contents.set(r.version_id, r.content);
    }
    const versions = picked.map((v) => ({ ...v, content: this.contents.get(v.version_id) }));
    if (versionId && versions.length === 0) throw new AppError('NOT_FOUND', 'No published questionnaire version with that id.');
    versions.sort((a, b) => Number(b.age_band === ageBand) - Number(a.age_band === ageBand));
    const out = new Map<string, Omit<AnswerStatisticsQuestion, 'cells'>>();
    for (const v of versions) {
      const content = v.content as { areas: { id: string; questions: QuestionContent[] }[] };
      for (const a of content.areas ?? []) {
        if (area && a.id !== area) continue;
        for (const question of a.questions) {
          if (question.type === 'free-text' || (questionId && question.id !== questionId)) continue;
          const known = out.get(question.id);
          const options = question.type === 'talk-flag' ? FLAG_OPTIONS : (question.options ?? []).map((o) => ({ optionId: o.id, label: text(o.label) }));
          if (known) {
            for (const o of options) if (!known.options.some((k) => k.optionId === o.optionId)) known.options.push(o);
            continue;
          }
          out.set(question.id, { questionId: question.id, area: a.id, type: question.type, text: text(question.text), options });
        }
      }
    }
    return [...out.values()];
  }
}

interface QuestionContent {
  id: string;
  type: string;
  text: Record<string, { text: string } | undefined>;
  options?: { id: string; label: Record<string, { text: string } | undefined> }[];
}

function text(t: Record<string, { text: string } | undefined>): Label {
  const sv = t['sv']?.text ?? t['en']?.text ?? '';
  return { sv, en: t['en']?.text ?? sv };
}
