/**
 * Benchmark: the answer dashboard at national scale (issue 10). Seeds N stored responses of
 * ~30 answers each (default 333,000 ≈ 10 million answers, 13 districts, 3 units each, 3 years,
 * genders, first and follow-up occasions) into the statistics database under a marker version,
 * builds their kept counts, then measures in one sitting:
 *  - the dashboard (`GET /internal/v1/answers`, area "home", split by gender, last 12 months) for a
 *    district admin and for the central office (the city, and split by district), p50/p95/p99;
 *  - the same numbers by a naive GROUP BY over the raw answers (jsonb of the stored responses);
 *  - utility: the mean absolute error of the published counts against the true ones (district, city);
 *  - freshness: ResponseSubmitted events published to Kafka at a steady rate, the time until each
 *    is in the kept counts (p50/p95).
 * Everything seeded is removed afterwards (--keep keeps it).
 *   npm run bench:statistics-answers -- [--profile test] [--responses 333000] [--requests 200] [--rate 200] [--seconds 15] [--keep]
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { createEvent, ResponseSubmittedV1, TOPICS } from '../libs/contracts/src';
import { DISTRICTS } from '../libs/contracts/src/lib/districts';
import { answerRowsSql } from '../services/statistics/src/app/answers.sql';
import { benchArgs, inlineParams, pgbenchCeiling, profileEnv, staffIdentity } from './profile';

const args = benchArgs();
const profile = args['profile'] || 'test';
const env = profileEnv(profile);
const STATISTICS = `http://127.0.0.1:${env['STATISTICS_PORT']}`;
const RESPONSES = Number(args['responses'] || 333_000);
const REQUESTS = Number(args['requests'] || 200);
const RATE = Number(args['rate'] || 200);
const SECONDS = Number(args['seconds'] || 15);
const BENCH_VERSION = '00000000-0000-4000-8000-0000000a5e55';
const DISTRICT_IDS = DISTRICTS.map((d) => d.id).filter((id) => id !== 'central');
const DATABASE = `delaktig_statistics${env['DB_SUFFIX'] ?? ''}`;
const db = new Client({ connectionString: `postgresql://${process.env['PGUSER'] ?? 'postgres'}@127.0.0.1:5432/${DATABASE}` });

const identity = (districtId: string, roles: string[]) => staffIdentity(env, districtId, roles);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (x: number) => Number(x.toFixed(1));
const month = (back: number) => {
  const d = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
};

async function timed<T>(n: number, f: () => Promise<T>): Promise<{ p50: number; p95: number; p99: number; last: T }> {
  const lat: number[] = [];
  let last!: T;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await f();
    lat.push(performance.now() - t0);
  }
  return { p50: ms(pct(lat, 50)), p95: ms(pct(lat, 95)), p99: ms(pct(lat, 99)), last };
}

async function seed(): Promise<{ questions: { id: string; opts: string[] }[]; homeQuestions: string[] }> {
  const base = (await db.query(`SELECT content FROM questionnaire_version WHERE age_band = '12-18' AND content IS NOT NULL AND version_id <> $1 ORDER BY published_at DESC LIMIT 1`, [BENCH_VERSION])).rows[0];
  if (!base) throw new Error('no published 12-18 questionnaire in statistics: start the stack first');
  const content = base.content as { areas: { id: string; questions: { id: string; type: string; options?: { id: string }[] }[] }[] };
  const choice = (q: { type: string }) => ['scale', 'yes-no-dont-know', 'single-choice'].includes(q.type);
  const questions = content.areas.flatMap((a) => a.questions.filter(choice).map((q) => ({ id: q.id, opts: (q.options ?? []).map((o) => o.id) })));
  const homeQuestions = content.areas.find((a) => a.id === 'home')!.questions.filter(choice).map((q) => q.id);
  await db.query(
    `INSERT INTO questionnaire_version (version_id, template_id, key, age_band, version, content_sha256, content, published_at)
     VALUES ($1, $1, 'bench-answers', '12-18', 1, $2, $3, now() - interval '10 years') ON CONFLICT (version_id) DO NOTHING`,
    [BENCH_VERSION, 'c'.repeat(64), JSON.stringify(base.content)],
  );
  const t0 = performance.now();
  // Answers lean by district and gender, so the dashboard has something to show.
  await db.query(
    `INSERT INTO response_record (invitation_id, event_id, district_id, unit_id, gender, age_band, occasion, questionnaire_version_id, period, submitted_at, record_key, answers)
     SELECT md5('bench-a' || g)::uuid, md5('bench-e' || g)::uuid, d, 'Enhet ' || (g % 3), gd, '12-18', CASE WHEN g % 4 = 0 THEN 2 ELSE 1 END, $1::uuid,
            participation_period(ts), ts, ('x' || substr(md5('bench-k' || g), 1, 8))::bit(32)::bigint,
            (SELECT jsonb_agg(jsonb_build_object('questionId', q->>'id', 'value', jsonb_build_object('kind', 'option', 'optionId',
                      q->'opts'->>((abs(hashtext(g::text || (q->>'id'))::bigint) + CASE WHEN gd = 'girl' THEN 1 ELSE 0 END) % jsonb_array_length(q->'opts'))::int), 'wantsToTalk', g % 17 = 0))
               FROM jsonb_array_elements($2::jsonb) q)
       FROM generate_series(1, $3::int) g,
            LATERAL (SELECT ($4::text[])[1 + g % 13] AS d, (ARRAY['girl', 'boy', 'girl', 'boy', 'other', 'not-stated'])[1 + (g / 13) % 6] AS gd,
                            now() - ((g::bigint * 7919) % 1095) * interval '1 day' AS ts) x
     ON CONFLICT DO NOTHING`,
    [BENCH_VERSION, JSON.stringify(questions), RESPONSES, DISTRICT_IDS],
  );
  const inserted = performance.now();
  for (const [table, cols] of [
    ['answer_cell_district', 'question_id, period, district_id, age_band, version_id, option_id, gender, occasion'],
    ['answer_cell_unit', 'district_id, unit_id, question_id, period, age_band, version_id, option_id, gender, occasion'],
  ]) {
    await db.query(
      `INSERT INTO ${table} SELECT ${cols}, count(*)::int, sum(record_key) % 4294967296 FROM response_record_cell WHERE version_id = $1 GROUP BY ${cols}
       ON CONFLICT DO NOTHING`,
      [BENCH_VERSION],
    );
  }
  // Their rollups, as answer_rollups_rebuild() and the consumer keep them.
  await db.query(
    `INSERT INTO answer_cell_district_total SELECT question_id, period, district_id, age_band, version_id, option_id, sum(n)::int, sum(key_sum) % 4294967296
       FROM answer_cell_district WHERE version_id = $1 GROUP BY 1, 2, 3, 4, 5, 6 ON CONFLICT DO NOTHING`,
    [BENCH_VERSION],
  );
  await db.query(
    `INSERT INTO answer_cell_city SELECT question_id, period, age_band, version_id, option_id, gender, occasion, sum(n)::int, sum(key_sum) % 4294967296
       FROM answer_cell_district WHERE version_id = $1 AND district_id <> 'central' GROUP BY 1, 2, 3, 4, 5, 6, 7 ON CONFLICT DO NOTHING`,
    [BENCH_VERSION],
  );
  const answers = (await db.query(`SELECT sum(jsonb_array_length(answers))::bigint AS n FROM response_record WHERE questionnaire_version_id = $1`, [BENCH_VERSION])).rows[0].n;
  console.error(`seeded ${RESPONSES} responses (${answers} answers) in ${((inserted - t0) / 1000).toFixed(0)} s, kept counts in ${((performance.now() - inserted) / 1000).toFixed(0)} s`);
  return { questions, homeQuestions };
}

/** The true counts per question, option and group straight from the raw answers. */
function naive(districts: string[], group: 'gender' | 'district_id', from: string, to: string, questionIds: string[]) {
  return db.query<{ q: string; o: string; g: string; n: number }>(
    `SELECT a->>'questionId' AS q, a->'value'->>'optionId' AS o, ${group} AS g, count(*)::int AS n
       FROM response_record r, jsonb_array_elements(r.answers) a
      WHERE r.questionnaire_version_id = $1 AND r.district_id = ANY($2::text[]) AND r.period BETWEEN $3 AND $4 AND a->>'questionId' = ANY($5::text[])
      GROUP BY 1, 2, 3`,
    [BENCH_VERSION, districts, from, to, questionIds],
  );
}

function mae(view: any, truth: { q: string; o: string; g: string; n: number }[], groupOf: (g: string) => string): { mae: number; cells: number; protected: number } {
  const t = new Map(truth.map((r) => [`${r.q}|${r.o}|${groupOf(r.g)}`, r.n]));
  let sum = 0;
  let cells = 0;
  let prot = 0;
  for (const q of view.questions) {
    for (const g of view.groups.filter((x: { key: string }) => x.key !== 'all')) {
      for (const o of q.options) {
        const published = q.cells[g.key].options[o.optionId];
        const trueN = t.get(`${q.questionId}|${o.optionId}|${g.key}`) ?? 0;
        if (published === '<5') {
          prot++;
          continue;
        }
        sum += Math.abs(published - trueN);
        cells++;
      }
    }
  }
  return { mae: Number((sum / Math.max(cells, 1)).toFixed(3)), cells, protected: prot };
}

async function freshness(): Promise<{ events: number; p50: number; p95: number; max: number }> {
  const kafka = new Kafka({ clientId: 'bench-statistics-answers', brokers: (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  const sentAt = new Map<string, number>();
  const seen = new Map<string, number>();
  const answers = [{ questionId: 'home-safe', value: { kind: 'option', optionId: 'yes' }, wantsToTalk: false }];
  let stop = false;
  const poller = (async () => {
    while (!stop || seen.size < sentAt.size) {
      const pending = [...sentAt.keys()].filter((id) => !seen.has(id));
      if (pending.length) {
        const { rows } = await db.query(`SELECT invitation_id::text AS id FROM response_record WHERE invitation_id = ANY($1::uuid[])`, [pending]);
        const now = performance.now();
        for (const r of rows) seen.set(r.id, now);
      }
      if (stop && performance.now() - Math.max(...sentAt.values()) > 30_000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const perTick = Math.max(1, Math.round(RATE / 10));
  const started = performance.now();
  while (performance.now() - started < SECONDS * 1000) {
    const tick = performance.now();
    const messages = [];
    for (let i = 0; i < perTick; i++) {
      const invitationId = randomUUID();
      const e = createEvent(
        ResponseSubmittedV1,
        { responseId: randomUUID(), invitationId, districtId: 'farsta', unitId: null, ageBand: '12-18', gender: 'girl', occasion: 1, questionnaireVersionId: BENCH_VERSION, submittedAt: new Date().toISOString(), answers } as never,
        { key: invitationId, source: 'bench', correlationId: invitationId },
      );
      messages.push({ key: invitationId, value: JSON.stringify(e) });
      sentAt.set(invitationId, performance.now());
    }
    await producer.send({ topic: `${env['KAFKA_TOPIC_PREFIX'] ?? ''}${TOPICS.response}`, messages });
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - tick))));
  }
  stop = true;
  await poller;
  await producer.disconnect();
  const lags = [...sentAt].map(([id, t]) => (seen.get(id) ?? Infinity) - t);
  return { events: sentAt.size, p50: ms(pct(lags, 50)), p95: ms(pct(lags, 95)), max: ms(Math.max(...lags)) };
}

async function cleanup(): Promise<void> {
  await db.query(`DELETE FROM invitation_progress WHERE invitation_id IN (SELECT invitation_id FROM response_record WHERE questionnaire_version_id = $1)`, [BENCH_VERSION]);
  for (const t of ['answer_cell_district', 'answer_cell_unit', 'answer_cell_district_total', 'answer_cell_city']) await db.query(`DELETE FROM ${t} WHERE version_id = $1`, [BENCH_VERSION]);
  await db.query(`DELETE FROM response_record WHERE questionnaire_version_id = $1`, [BENCH_VERSION]);
  await db.query(`DELETE FROM questionnaire_version WHERE version_id = $1`, [BENCH_VERSION]);
}

async function main() {
  await db.connect();
  try {
    await cleanup();
    const { homeQuestions } = await seed();
    // As autovacuum leaves them after a bulk load (statistics, and the visibility map for index-only scans).
    for (const t of ['answer_cell_district', 'answer_cell_unit', 'answer_cell_district_total', 'answer_cell_city', 'response_record']) await db.query(`VACUUM ANALYZE ${t}`);
    const from = month(11);
    const to = month(0);
    const query = `versionId=${BENCH_VERSION}&from=${from}&to=${to}&area=home`;
    const get = async (header: string, q: string) => {
      const res = await fetch(`${STATISTICS}/internal/v1/answers?${q}`, { headers: { 'x-delaktig-identity': header } });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`answers: ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
    const admin = await identity('skarpnack', ['district-admin']);
    const central = await identity('central', ['central-analyst']);
    const district = await timed(REQUESTS, () => get(admin, `${query}&split=gender`));
    const city = await timed(REQUESTS, () => get(central, `${query}&split=gender`));
    const cityByDistrict = await timed(REQUESTS, () => get(central, `${query}&split=district`));
    const naiveDistrict = await timed(5, () => naive(['skarpnack'], 'gender', from, to, homeQuestions));
    const naiveCity = await timed(5, () => naive(DISTRICT_IDS, 'district_id', from, to, homeQuestions));
    // The physical ceiling: the dashboard's statement for the kept counts, alone, through pgbench.
    const statement = (districtIds: string[], splitColumn: string) => {
      const { sql, params } = answerRowsSql({ districtIds, wholeCity: districtIds.length === DISTRICT_IDS.length, unitId: null, splitColumn, from, to, ageBand: '12-18', gender: null, occasion: null, versionId: BENCH_VERSION, questionIds: [...homeQuestions, '~response'] });
      return inlineParams(sql, params);
    };
    const ceilingDistrict = pgbenchCeiling(DATABASE, statement(['skarpnack'], 'gender'), { transactions: REQUESTS });
    const ceilingCityGender = pgbenchCeiling(DATABASE, statement(DISTRICT_IDS, 'gender'), { transactions: REQUESTS });
    const ceilingCity = pgbenchCeiling(DATABASE, statement(DISTRICT_IDS, 'district_id'), { transactions: REQUESTS });
    const utilityDistrict = mae(district.last, naiveDistrict.last.rows, (g) => g);
    const utilityCity = mae(cityByDistrict.last, naiveCity.last.rows, (g) => g);
    const fresh = await freshness();
    const result = {
      responses: RESPONSES,
      answers: RESPONSES * homeQuestions.length > 0 ? Number((await db.query(`SELECT sum(jsonb_array_length(answers))::bigint AS n FROM response_record WHERE questionnaire_version_id = $1`, [BENCH_VERSION])).rows[0].n) : 0,
      dashboard: {
        'district admin, home by gender (kept counts)': { p50: district.p50, p95: district.p95, p99: district.p99 },
        'central office, home by gender': { p50: city.p50, p95: city.p95, p99: city.p99 },
        'central office, home by district': { p50: cityByDistrict.p50, p95: cityByDistrict.p95, p99: cityByDistrict.p99 },
        'pgbench ceiling: the kept-counts statement alone, district by gender': { p50: ceilingDistrict.p50, p95: ceilingDistrict.p95, tps: ceilingDistrict.tps },
        'pgbench ceiling: the kept-counts statement alone, city by gender': { p50: ceilingCityGender.p50, p95: ceilingCityGender.p95, tps: ceilingCityGender.tps },
        'pgbench ceiling: the kept-counts statement alone, city by district': { p50: ceilingCity.p50, p95: ceilingCity.p95, tps: ceilingCity.tps },
        'naive GROUP BY over raw answers, district': { p50: naiveDistrict.p50, p95: naiveDistrict.p95 },
        'naive GROUP BY over raw answers, city by district': { p50: naiveCity.p50, p95: naiveCity.p95 },
      },
      'service / ceiling (p50)': {
        district: Number((district.p50 / ceilingDistrict.p50).toFixed(2)),
        'city by gender': Number((city.p50 / ceilingCityGender.p50).toFixed(2)),
        'city by district': Number((cityByDistrict.p50 / ceilingCity.p50).toFixed(2)),
      },
      speedup: { district: Number((naiveDistrict.p50 / district.p50).toFixed(1)), city: Number((naiveCity.p50 / cityByDistrict.p50).toFixed(1)) },
      utility: { 'mean absolute error, district cells': utilityDistrict, 'mean absolute error, city cells by district': utilityCity },
      freshness: { rate: RATE, seconds: SECONDS, ...fresh },
      goals: { 'dashboard p95 <= 50 ms': Math.max(district.p95, city.p95, cityByDistrict.p95) <= 50, 'freshness p95 <= 1000 ms': fresh.p95 <= 1000 },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    if (!('keep' in args)) await cleanup();
    await db.end();
  }
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error).message}`);
  process.exit(1);
});
