import { withDb } from './api';

const KEPT = `SELECT district_id, period, k, n FROM participation_month WHERE n <> 0 ORDER BY 1, 2, 3`;

/**
 * The dashboard's counts as kept (participation_month) and as recomputed from the rows by
 * participation_month_rebuild() — inside a transaction that is rolled back, so nothing changes.
 */
export async function keptAndRecomputedCounts(): Promise<{ kept: unknown[]; recomputed: unknown[] }> {
  return withDb('statistics', async (db) => {
    const kept = (await db.query(KEPT)).rows;
    await db.query('BEGIN');
    try {
      await db.query('SELECT participation_month_rebuild()');
      return { kept, recomputed: (await db.query(KEPT)).rows };
    } finally {
      await db.query('ROLLBACK');
    }
  });
}
