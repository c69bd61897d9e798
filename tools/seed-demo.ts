/**
 * Demo data for a started stack (`npm start` runs it last; idempotent, so safe to run again):
 *
 * 1. Live, through the public gateway as people would (tools/seed/live.ts): the demo
 *    caseworkers of Skarpnäck and Norrmalm send invitations by SMS and e-mail, most children
 *    open them with their code and answer (one of them on a first and a follow-up occasion),
 *    some get feedback and rate it, and a few invitations stay open. Skipped for a caseworker
 *    who already has the demo invitations.
 * 2. History (tools/seed/history.ts): two years of invitations, answers, feedback and
 *    ratings in all 13 districts (≈ 6,000 invitations), as the integration events the real
 *    flow publishes, with their historical times, straight to Kafka; then it waits until the
 *    statistics service has recorded them. Steps already recorded are not sent again.
 *
 *   node node_modules/.bin/ts-node --transpile-only -O '{"module":"commonjs"}' tools/seed-demo.ts
 *   DELAKTIG_PROFILE=test GATEWAY_URL=http://127.0.0.1:4000 …   (the test stack)
 */
import { Client } from 'pg';
import { DISTRICTS } from '../libs/contracts/src/lib/districts';
import type { AgeBand } from '../libs/contracts/src/lib/http';
import { staffToken } from '../tests/support/staff-sign-in';
import { seedEnv, type SeedEnv } from './seed/env';
import { planHistory, publishHistory, type Version } from './seed/history';
import { Gateway } from './seed/http';
import { runLive } from './seed/live';

const log = (line: string) => console.log(line);

/** The newest published version of each default questionnaire, through the questionnaire API (any staff member may read it). */
async function publishedDefaults(gw: Gateway, token: string): Promise<Record<AgeBand, Version>> {
  const list = await gw.must('GET', '/api/v1/questionnaires', { token });
  const out: Partial<Record<AgeBand, Version>> = {};
  for (const band of ['6-11', '12-18'] as const) {
    const items = (list.items as { id: string; key: string; ageBand: AgeBand; latestPublished: unknown }[]).filter((t) => t.ageBand === band && t.latestPublished);
    const template = items.find((t) => t.key === `default-${band}`) ?? items[0];
    if (!template) throw new Error(`no published questionnaire for ${band} (survey-delivery publishes the defaults when it starts)`);
    const version = await gw.must('GET', `/api/v1/questionnaires/${template.id}/versions/latest`, { token });
    out[band] = { id: version.id, content: version.content };
  }
  return out as Record<AgeBand, Version>;
}

async function summary(env: SeedEnv): Promise<void> {
  const db = new Client({ connectionString: env.statisticsDb });
  await db.connect();
  try {
    const { rows } = await db.query<{ district_id: string; invitations: number; submitted: number; feedback: number }>(
      `SELECT district_id, count(created_at)::int AS invitations, count(submitted_at)::int AS submitted, count(feedback_at)::int AS feedback
         FROM invitation_progress GROUP BY district_id`,
    );
    const by = new Map(rows.map((r) => [r.district_id, r]));
    log('\nIn the statistics now (all time):');
    log(`  ${'district'.padEnd(22)}${'invitations'.padStart(12)}${'answered'.padStart(10)}${'feedback'.padStart(10)}`);
    let all = { invitations: 0, submitted: 0, feedback: 0 };
    for (const d of DISTRICTS) {
      const r = by.get(d.id);
      if (!r) continue;
      all = { invitations: all.invitations + r.invitations, submitted: all.submitted + r.submitted, feedback: all.feedback + r.feedback };
      log(`  ${d.name.padEnd(22)}${String(r.invitations).padStart(12)}${String(r.submitted).padStart(10)}${String(r.feedback).padStart(10)}`);
    }
    log(`  ${'all districts'.padEnd(22)}${String(all.invitations).padStart(12)}${String(all.submitted).padStart(10)}${String(all.feedback).padStart(10)}`);
  } finally {
    await db.end();
  }
}

async function main() {
  const started = Date.now();
  const env = seedEnv();
  const gw = new Gateway(env.gateway);
  const token = (username: string) => staffToken(username, env.profile);
  log(`demo data for the ${env.profile} stack (gateway ${env.gateway})`);

  await runLive(env, token, log);
  const liveSeconds = (Date.now() - started) / 1000;

  const versions = await publishedDefaults(gw, await token('handlaggare.skarpnack'));
  const plan = planHistory(versions);
  await publishHistory(env, plan, log);

  await summary(env);
  log(`\ndemo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s (live part ${liveSeconds.toFixed(1)} s)`);
}

main().catch((e) => {
  console.error(`seed failed: ${(e as Error).message}`);
  process.exit(1);
});
