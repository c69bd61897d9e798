/**
 * The statement that reads kept answer counts for the dashboard (no imports, so the benchmark
 * can run exactly this statement through pgbench as the physical ceiling).
 */
export interface AnswerRowsFilter {
  districtIds: string[];
  /** Set for a unit lead: read the per-unit counts of this unit. */
  unitId: string | null;
  /** Column of the split, or null for totals only. */
  splitColumn: string | null;
  from: string;
  to: string;
  ageBand: string | null;
  gender: string | null;
  occasion: string | null;
  versionId: string | null;
  questionIds: string[];
}

export function answerRowsSql(f: AnswerRowsFilter): { sql: string; params: unknown[] } {
  const unit = f.unitId !== null;
  const table = unit ? 'answer_cell_unit' : 'answer_cell_district';
  const groupBy = f.splitColumn ? `GROUPING SETS ((question_id, option_id), (question_id, option_id, ${f.splitColumn}))` : 'question_id, option_id';
  const select = f.splitColumn ? `${f.splitColumn}::text AS g, GROUPING(${f.splitColumn}) AS total` : `NULL::text AS g, 1 AS total`;
  return {
    sql: `SELECT ${select}, question_id, option_id, sum(n)::int AS n, (sum(key_sum) % 4294967296)::text AS k
            FROM ${table}
           WHERE question_id = ANY($1::text[]) AND period BETWEEN $2 AND $3 AND district_id = ANY($4::text[])
             AND ($5::text IS NULL OR age_band = $5) AND ($6::text IS NULL OR gender = $6) AND ($7::text IS NULL OR occasion = $7)
             AND ($8::uuid IS NULL OR version_id = $8::uuid) ${unit ? 'AND unit_id = $9' : ''}
           GROUP BY ${groupBy}`,
    params: [f.questionIds, f.from, f.to, f.districtIds, f.ageBand, f.gender, f.occasion, f.versionId, ...(unit ? [f.unitId] : [])],
  };
}
