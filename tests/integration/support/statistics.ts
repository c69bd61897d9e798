import { withDb } from './api';

const KEPT = `SELECT district_id, period, k, n, key_sum::text FROM participation_month WHERE n <> 0 ORDER BY 1, 2, 3`;
/** The answer counts in one line each: how many kept rows and a digest of all of them. */
const ANSWERS = ['answer_cell_district', 'answer_cell_unit', 'answer_cell_district_total', 'answer_cell_city'].map(
  (t) => `SELECT '${t}' AS t, count(*)::int AS rows, coalesce(sum(n), 0)::int AS n, md5(coalesce(string_agg(c::text, ',' ORDER BY c::text), '')) AS digest FROM ${t} c`,
);

/**
 * The dashboards' counts as kept (participation_month, the answer cells) and as recomputed
 * from the rows and the event store by participation_month_rebuild() and answer_cells_rebuild()
 * — inside a transaction that is rolled back, so nothing changes.
 */
export async function keptAndRecomputedCounts(): Promise<{ kept: unknown[]; recomputed: unknown[] }> {
  return withDb('statistics', async (db) => {
    const read = async () => [...(await db.query(KEPT)).rows, ...(await db.query(`${ANSWERS.join(' UNION ALL ')} ORDER BY t`)).rows];
    await db.query('BEGIN');
    try {
      // Writers wait until the rollback: kept and recomputed are read from the same rows.
      await db.query('LOCK TABLE invitation_progress, response_record, participation_month, answer_cell_district, answer_cell_unit, answer_cell_district_total, answer_cell_city IN SHARE MODE');
      const kept = await read();
      await db.query('SELECT participation_month_rebuild()');
      await db.query('SELECT answer_cells_rebuild()');
      return { kept, recomputed: await read() };
    } finally {
      await db.query('ROLLBACK');
    }
  });
}
