/**
 * The statement that reads kept answer counts for the dashboard (no imports, so the benchmark
 * can run exactly this statement through pgbench as the physical ceiling).
 */
export interface AnswerRowsFilter {
  districtIds: string[];
  /** districtIds are every district of the city: the city's rollup may be read. */
  wholeCity: boolean;
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

/**
 * The smallest table that has every column the filter and the split need (ADR 0011: each table's
 * rows are sums of answer_cell_district's, so a cell has the same count and key in every one).
 */
export function answerTable(f: AnswerRowsFilter): 'answer_cell_unit' | 'answer_cell_city' | 'answer_cell_district_total' | 'answer_cell_district' {
  if (f.unitId !== null) return 'answer_cell_unit';
  if (f.wholeCity && f.splitColumn !== 'district_id') return 'answer_cell_city';
  if (f.gender === null && f.occasion === null && f.splitColumn !== 'gender' && f.splitColumn !== 'occasion') return 'answer_cell_district_total';
  return 'answer_cell_district';
}

export function answerRowsSql(f: AnswerRowsFilter): { sql: string; params: unknown[] } {
  const table = answerTable(f);
  const unit = table === 'answer_cell_unit';
  const hasDistrict = table !== 'answer_cell_city';
  const hasGender = table !== 'answer_cell_district_total';
  const groupBy = f.splitColumn ? `GROUPING SETS ((question_id, option_id), (question_id, option_id, ${f.splitColumn}))` : 'question_id, option_id';
  const select = f.splitColumn ? `${f.splitColumn}::text AS g, GROUPING(${f.splitColumn}) AS total` : `NULL::text AS g, 1 AS total`;
  const where = [
    'question_id = ANY($1::text[])',
    'period BETWEEN $2 AND $3',
    hasDistrict ? 'district_id = ANY($4::text[])' : 'cardinality($4::text[]) > 0',
    '($5::text IS NULL OR age_band = $5)',
    hasGender ? '($6::text IS NULL OR gender = $6) AND ($7::text IS NULL OR occasion = $7)' : '$6::text IS NULL AND $7::text IS NULL',
    '($8::uuid IS NULL OR version_id = $8::uuid)',
    ...(unit ? ['unit_id = $9'] : []),
  ];
  return {
    sql: `SELECT ${select}, question_id, option_id, sum(n)::int AS n, (sum(key_sum) % 4294967296)::text AS k
            FROM ${table}
           WHERE ${where.join('\n             AND ')}
           GROUP BY ${groupBy}`,
    params: [f.questionIds, f.from, f.to, f.districtIds, f.ageBand, f.gender, f.occasion, f.versionId, ...(unit ? [f.unitId] : [])],
  };
}
