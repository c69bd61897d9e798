/**
 * npm run statistics:rebuild -- [--profile dev|test] [--apply]
 *
 * Recomputes every statistics aggregate from what the service keeps of the events — the answer
 * counts from its event store (response_record, one ResponseSubmitted per row) and the
 * participation counts from invitation_progress — and compares them with the live ones (counts
 * and cell keys). Without --apply nothing changes (the recomputation is rolled back); with
 * --apply the recomputed aggregates replace the live ones. Exit 0 when equal (or applied), 1
 * when they differ. DATABASE_URL wins over the profile's database.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const args = process.argv.slice(2);
const profile = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : 'dev';
const apply = args.includes('--apply');

function databaseUrl(): string {
  if (process.env['DATABASE_URL']) return process.env['DATABASE_URL'];
  const env = readFileSync(join(__dirname, '..', 'infra', 'env', `${profile}.env`), 'utf8');
  const suffix = /^DB_SUFFIX=(.*)$/m.exec(env)?.[1]?.trim() ?? '';
  return `postgresql://${process.env['PGUSER'] ?? 'postgres'}@${process.env['PGHOST'] ?? '127.0.0.1'}:${process.env['PGPORT'] ?? '5432'}/delaktig_statistics${suffix}`;
}

const TABLES = [
  { name: 'participation_month', key: 'district_id, period, k', rebuild: 'SELECT participation_month_rebuild()', where: 'WHERE n <> 0' },
  { name: 'answer_cell_district', key: 'question_id, period, district_id, age_band, version_id, option_id, gender, occasion', rebuild: 'SELECT answer_cells_rebuild()', where: '' },
  { name: 'answer_cell_unit', key: 'district_id, unit_id, question_id, period, age_band, version_id, option_id, gender, occasion', rebuild: '', where: '' },
  { name: 'answer_cell_district_total', key: 'question_id, period, district_id, age_band, version_id, option_id', rebuild: '', where: '' },
  { name: 'answer_cell_city', key: 'question_id, period, age_band, version_id, option_id, gender, occasion', rebuild: '', where: '' },
];

async function main(): Promise<number> {
  const db = new Client({ connectionString: databaseUrl(), application_name: 'statistics-rebuild' });
  await db.connect();
  try {
    await db.query('BEGIN');
    // Writers (the consumers) wait until this ends, so live and recomputed read the same rows.
    await db.query('LOCK TABLE invitation_progress, response_record, participation_month, answer_cell_district, answer_cell_unit, answer_cell_district_total, answer_cell_city IN SHARE ROW EXCLUSIVE MODE');
    for (const t of TABLES) await db.query(`CREATE TEMP TABLE live_${t.name} ON COMMIT DROP AS SELECT * FROM ${t.name} ${t.where}`);
    for (const t of TABLES) if (t.rebuild) await db.query(t.rebuild);
    const source = (await db.query(`SELECT (SELECT count(*) FROM response_record)::int AS responses, (SELECT count(*) FROM invitation_progress)::int AS invitations`)).rows[0];
    const rows: { table: string; live: number; recomputed: number; differing: number }[] = [];
    const examples: string[] = [];
    for (const t of TABLES) {
      const live = (await db.query(`SELECT count(*)::int AS n FROM live_${t.name}`)).rows[0].n;
      const recomputed = (await db.query(`SELECT count(*)::int AS n FROM ${t.name} ${t.where}`)).rows[0].n;
      const diff = await db.query(
        `SELECT 'live' AS side, * FROM (SELECT * FROM live_${t.name} EXCEPT SELECT * FROM ${t.name} ${t.where}) a
         UNION ALL SELECT 'recomputed', * FROM (SELECT * FROM ${t.name} ${t.where} EXCEPT SELECT * FROM live_${t.name}) b
         ORDER BY 2, 3, 4`,
      );
      rows.push({ table: t.name, live, recomputed, differing: diff.rowCount ?? 0 });
      for (const r of diff.rows.slice(0, 5)) examples.push(`${t.name} ${r.side}: ${JSON.stringify(r)}`);
    }
    const equal = rows.every((r) => r.differing === 0);
    console.log(`statistics rebuild (${profile}${process.env['DATABASE_URL'] ? ', DATABASE_URL' : ''}): from ${source.responses} stored responses and ${source.invitations} invitations`);
    console.table(rows);
    for (const e of examples) console.log(`  differs: ${e}`);
    if (apply) {
      await db.query('COMMIT');
      console.log(equal ? 'equal: the live aggregates already were the recomputation; applied.' : 'applied: the live aggregates are now the recomputation.');
      return 0;
    }
    await db.query('ROLLBACK');
    console.log(equal ? 'equal: every live aggregate equals its recomputation from the events.' : 'DIFFERENT: the live aggregates differ from the recomputation (run with --apply to replace them).');
    return equal ? 0 : 1;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await db.end();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`statistics rebuild failed: ${(e as Error).message}`);
    process.exit(2);
  },
);
