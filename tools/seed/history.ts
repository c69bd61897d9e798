import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { ChildLanguage, Gender, InvolvementRating } from '../../libs/contracts/src/lib/answers';
import { DISTRICTS } from '../../libs/contracts/src/lib/districts';
import { createEvent, type EventDefinition, type EventEnvelope } from '../../libs/contracts/src/lib/envelope';
import {
  FeedbackGivenV1,
  InvitationCreatedV2,
  InvitationDeliveryFailedV1,
  InvitationExpiredV1,
  InvitationOpenedV1,
  InvitationSentV1,
  InvolvementRatedV1,
  parseEvent,
  ResponseSubmittedV1,
} from '../../libs/contracts/src/lib/events';
import { suggestedAgeBand, type AgeBand } from '../../libs/contracts/src/lib/http';
import type { QuestionnaireContent } from '../../libs/contracts/src/lib/questionnaire';
import { ensureTopics } from '../../libs/messaging/src/lib/topics';
import { generateAnswers } from './answers';
import type { SeedEnv } from './env';
import { sleep } from './http';
import { hex64, Rng, uuidFrom } from './ids';

/**
 * Two years of history in every district, for the statistics. The public API cannot backdate,
 * so the seed publishes the integration events the real flow would have published (the same
 * envelope, topic, key = the invitation id and headers as the outbox relay), with their
 * historical timestamps, straight to Kafka. Everything is derived from seed strings: a second
 * run builds the same events with the same ids, and only the steps the statistics service has
 * not recorded yet are sent again (consumers de-duplicate by event id, but only for
 * PROCESSED_EVENT_RETENTION_DAYS, so the seed does not rely on that alone).
 */

export const HISTORY_MONTHS = 24;
const SEED = 'history/v1';

/** The steps of an invitation the history can contain, with the statistics column that records each. */
const STEPS = {
  created: 'created_at',
  sent: 'sent_at',
  deliveryFailed: 'delivery_failed_at',
  opened: 'opened_at',
  submitted: 'submitted_at',
  expired: 'expired_at',
  feedbackGiven: 'feedback_at',
  rated: 'rated_at',
} as const;
type Step = keyof typeof STEPS;

/** How each district differs: size (relative number of invitations), answer and feedback rates, how things are on average, languages. */
interface DistrictProfile {
  size: number;
  answered: number;
  feedback: number;
  wellbeing: number;
  /** Share of children answering in another language than Swedish, and which. */
  otherLanguages: number;
  languages: Partial<Record<ChildLanguage, number>>;
}

const MANY_LANGUAGES = { ar: 4, so: 3, ti: 2, fa: 2, en: 1, fi: 0.3 };
const FEW_LANGUAGES = { en: 3, ar: 2, fi: 1.5, fa: 1, so: 0.5 };
const PROFILES: Record<string, DistrictProfile> = {
  bromma: { size: 0.8, answered: 0.8, feedback: 0.66, wellbeing: 0.68, otherLanguages: 0.07, languages: FEW_LANGUAGES },
  'enskede-arsta-vantor': { size: 1.3, answered: 0.75, feedback: 0.6, wellbeing: 0.63, otherLanguages: 0.14, languages: MANY_LANGUAGES },
  farsta: { size: 1.1, answered: 0.74, feedback: 0.55, wellbeing: 0.62, otherLanguages: 0.16, languages: MANY_LANGUAGES },
  'hagersten-alvsjo': { size: 1.0, answered: 0.78, feedback: 0.64, wellbeing: 0.66, otherLanguages: 0.08, languages: FEW_LANGUAGES },
  'hasselby-vallingby': { size: 1.1, answered: 0.73, feedback: 0.52, wellbeing: 0.62, otherLanguages: 0.18, languages: MANY_LANGUAGES },
  kungsholmen: { size: 0.7, answered: 0.81, feedback: 0.7, wellbeing: 0.69, otherLanguages: 0.06, languages: FEW_LANGUAGES },
  norrmalm: { size: 0.6, answered: 0.79, feedback: 0.68, wellbeing: 0.67, otherLanguages: 0.08, languages: FEW_LANGUAGES },
  'rinkeby-kista': { size: 1.5, answered: 0.69, feedback: 0.5, wellbeing: 0.58, otherLanguages: 0.38, languages: MANY_LANGUAGES },
  skarpnack: { size: 0.9, answered: 0.8, feedback: 0.72, wellbeing: 0.64, otherLanguages: 0.1, languages: MANY_LANGUAGES },
  skarholmen: { size: 1.2, answered: 0.71, feedback: 0.5, wellbeing: 0.59, otherLanguages: 0.32, languages: MANY_LANGUAGES },
  'spanga-tensta': { size: 1.3, answered: 0.7, feedback: 0.48, wellbeing: 0.58, otherLanguages: 0.36, languages: MANY_LANGUAGES },
  sodermalm: { size: 0.9, answered: 0.79, feedback: 0.63, wellbeing: 0.66, otherLanguages: 0.07, languages: FEW_LANGUAGES },
  ostermalm: { size: 0.6, answered: 0.82, feedback: 0.66, wellbeing: 0.7, otherLanguages: 0.05, languages: FEW_LANGUAGES },
};
const HISTORY_DISTRICTS = DISTRICTS.filter((d) => d.id !== 'central').map((d) => d.id);

/** Invitations per month through the year: fewer in the summer holidays and at Christmas. */
const SEASON = [1.0, 1.05, 1.1, 1.0, 1.05, 0.8, 0.5, 0.85, 1.15, 1.15, 1.1, 0.8];
/** First-occasion invitations per month in a district of size 1 (follow-ups come on top: ≈ 20 in all). */
const FIRST_PER_MONTH = 18;

/** Units of each district (free strings; Skarpnäck's and Norrmalm's first ones are the demo staff's units). */
export function unitsOf(districtId: string): string[] {
  const first = districtId === 'norrmalm' ? 'Barn och unga Norrmalm' : 'Barn och unga 1';
  const count = (PROFILES[districtId]?.size ?? 1) < 0.9 ? 2 : 3;
  return [first, 'Barn och unga 2', 'Barn och unga 3'].slice(0, count);
}

export interface Version {
  id: string;
  content: QuestionnaireContent;
}

interface PlannedEvent {
  step: Step;
  invitationId: string;
  districtId: string;
  at: number;
  build: () => EventEnvelope;
}

export interface HistoryPlan {
  invitationIds: string[];
  events: PlannedEvent[];
  /** How many invitations reach each step (what the statistics must show when done). */
  expected: Record<Step, number>;
  perDistrict: Map<string, { invitations: number; submitted: number }>;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

interface Child {
  key: string;
  districtId: string;
  unitId: string;
  caseworker: string;
  birthYear: number;
  gender: Gender;
  language: ChildLanguage;
  channel: 'sms' | 'email';
  discreet: boolean;
  wellbeing: number;
}

/** The whole history up to `now`: every event with its time, built lazily (answers are generated only for what is sent). */
export function planHistory(versions: Record<AgeBand, Version>, now = new Date()): HistoryPlan {
  const events: PlannedEvent[] = [];
  const invitationIds: string[] = [];
  const expected = Object.fromEntries(Object.keys(STEPS).map((s) => [s, 0])) as Record<Step, number>;
  const perDistrict = new Map<string, { invitations: number; submitted: number }>();
  const cutoff = now.getTime() - MINUTE;
  const thisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);

  for (const districtId of HISTORY_DISTRICTS) {
    const profile = PROFILES[districtId] as DistrictProfile;
    const units = unitsOf(districtId);
    const counts = { invitations: 0, submitted: 0 };
    perDistrict.set(districtId, counts);
    for (let back = HISTORY_MONTHS - 1; back >= 0; back--) {
      const monthStart = new Date(thisMonth);
      monthStart.setUTCMonth(monthStart.getUTCMonth() - back);
      const month = monthStart.toISOString().slice(0, 7);
      // Everything about a month comes from its own seed: independent of today's date.
      const rng = new Rng(`${SEED}/${districtId}/${month}`);
      const monthIndex = monthStart.getUTCFullYear() * 12 + monthStart.getUTCMonth();
      // Use grows as more caseworkers get started: 0.75 in January 2025, rising by 0.2 a year (at most 1.2).
      const ramp = Math.min(1.2, Math.max(0.7, 0.75 + (monthIndex - (2025 * 12 + 0)) * (0.4 / 24)));
      const n = rng.poisson(FIRST_PER_MONTH * profile.size * (SEASON[monthStart.getUTCMonth()] as number) * ramp);
      const daysInMonth = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 0)).getUTCDate();
      for (let i = 0; i < n; i++) {
        const key = `${districtId}/${month}/${i}`;
        const c = new Rng(`${SEED}/child/${key}`);
        // A weekday, in office hours (Stockholm: UTC+1/+2).
        let createdAt = Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth(), c.int(1, daysInMonth), c.int(6, 14), c.int(0, 59), c.int(0, 59));
        const weekday = new Date(createdAt).getUTCDay();
        if (weekday === 6) createdAt -= DAY;
        if (weekday === 0) createdAt += DAY;
        const age0 = c.chance(0.4) ? c.int(6, 11) : c.int(12, 17);
        const unitIndex = c.int(0, units.length - 1);
        const child: Child = {
          key,
          districtId,
          unitId: units[unitIndex] as string,
          caseworker: uuidFrom(`${SEED}/caseworker/${districtId}/${unitIndex}/${c.int(0, 2)}`),
          birthYear: new Date(createdAt).getUTCFullYear() - age0,
          gender: c.weighted({ girl: 46, boy: 45, other: 3, 'not-stated': 6 }),
          language: c.chance(profile.otherLanguages) ? c.weighted(profile.languages as Record<ChildLanguage, number>) : 'sv',
          channel: c.chance(0.72) ? 'sms' : 'email',
          discreet: c.chance(0.7),
          wellbeing: Math.min(0.95, Math.max(0.08, profile.wellbeing + c.normal(0.15))),
        };
        // About a quarter of the children get a follow-up occasion (and some of those a third).
        const times = [createdAt];
        if (c.chance(0.25)) {
          times.push(createdAt + c.int(60, 180) * DAY);
          if (c.chance(0.28)) times.push((times[1] as number) + c.int(60, 150) * DAY);
        }
        times.forEach((t, k) => {
          if (t > cutoff - 10 * MINUTE) return;
          const id = uuidFrom(`${SEED}/invitation/${key}/${k + 1}`);
          const ageBand = suggestedAgeBand(child.birthYear, new Date(t)) ?? '12-18';
          const steps = invitationEvents(id, child, k + 1, t, ageBand, versions[ageBand], profile, new Rng(`${SEED}/steps/${key}/${k + 1}`), cutoff);
          invitationIds.push(id);
          counts.invitations++;
          for (const e of steps) {
            expected[e.step]++;
            if (e.step === 'submitted') counts.submitted++;
          }
          events.push(...steps);
        });
      }
    }
  }
  // Sent in the order of the statistics' monthly counts (month, district, step, time), so that
  // its concurrent batches take those rows' locks in the same order instead of deadlocking.
  // Per invitation the order stays causal: a later step has a later month or a later rank.
  const rank = Object.fromEntries(Object.keys(STEPS).map((s, i) => [s, i])) as Record<Step, number>;
  const sortKey = new Map(events.map((e) => [e, `${stockholmMonth.format(e.at)}/${e.districtId}/${rank[e.step]}/${String(e.at).padStart(15, '0')}`]));
  events.sort((a, b) => ((sortKey.get(a) as string) < (sortKey.get(b) as string) ? -1 : 1));
  return { invitationIds, events, expected, perDistrict };
}

const stockholmMonth = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' });

function invitationEvents(
  invitationId: string,
  child: Child,
  occasion: number,
  createdAt: number,
  ageBand: AgeBand,
  version: Version,
  profile: DistrictProfile,
  r: Rng,
  cutoff: number,
): PlannedEvent[] {
  const out: PlannedEvent[] = [];
  const ids: Partial<Record<Step, string>> = {};
  const districtId = child.districtId;
  const expiresAt = createdAt + 14 * DAY;
  const correlation = `demo-seed:${uuidFrom(`${SEED}/correlation/${invitationId}`)}`;
  const add = (step: Step, at: number, source: string, def: EventDefinition, data: () => unknown, causedBy?: Step) => {
    if (at > cutoff) return false;
    const id = uuidFrom(`${SEED}/event/${invitationId}/${step}`);
    ids[step] = id;
    const causationId = causedBy ? (ids[causedBy] ?? null) : null;
    out.push({
      step,
      invitationId,
      districtId,
      at,
      build: () =>
        createEvent(def, data() as never, { id, key: invitationId, source, correlationId: correlation, causationId, occurredAt: new Date(at) }),
    });
    return true;
  };
  const iso = (t: number) => new Date(t).toISOString();

  // Every random draw happens up front, so the plan does not depend on today's date.
  const failed = r.chance(0.015);
  const answers = r.chance(Math.min(0.95, profile.answered * (occasion > 1 ? 1.06 : 1)));
  const opensAnyway = r.chance(0.35);
  const sentAt = createdAt + r.int(3, 90) * 1000;
  const openedAt = sentAt + Math.min(r.exp(1.3 * DAY), 12 * DAY) + r.int(1, 40) * MINUTE;
  const submittedAt = openedAt + r.int(4, 35) * MINUTE;
  const withFeedback = r.chance(profile.feedback);
  const feedbackAt = submittedAt + r.int(4, 28) * DAY + r.int(0, 6) * 3_600_000;
  const rates = r.chance(0.62);
  const ratedAt = feedbackAt + r.int(2, 96) * 3_600_000;
  const ratingRng = new Rng(`${SEED}/rating/${invitationId}`);
  // Most invitations are sent ahead of a booked meeting, one to three weeks later.
  const meetingDate = r.chance(0.65) ? new Date(createdAt + r.int(7, 21) * DAY).toISOString().slice(0, 10) : null;
  const wellbeing = Math.min(0.97, child.wellbeing + (occasion - 1) * 0.05);

  add('created', createdAt, 'survey-delivery', InvitationCreatedV2, () => ({
    invitationId,
    districtId,
    unitId: child.unitId,
    ageBand,
    createdBy: child.caseworker,
    createdAt: iso(createdAt),
    questionnaireVersionId: version.id,
    expiresAt: iso(expiresAt),
    language: child.language,
    channel: child.channel,
    discreet: child.discreet,
    gender: child.gender,
    birthYear: child.birthYear,
    occasion,
    childRef: hex64(`child/${child.key}`),
    meetingDate,
  }));
  if (failed) {
    add('deliveryFailed', createdAt + 2 * MINUTE, 'survey-delivery', InvitationDeliveryFailedV1, () => ({
      invitationId,
      districtId,
      channel: child.channel,
      purpose: 'invitation',
      failedAt: iso(createdAt + 2 * MINUTE),
      attempt: 1,
      reason: child.channel === 'sms' ? 'undelivered' : 'invalid-recipient',
      final: true,
    }), 'created');
  } else {
    add('sent', sentAt, 'survey-delivery', InvitationSentV1, () => ({ invitationId, districtId, channel: child.channel, purpose: 'invitation', sentAt: iso(sentAt), attempt: 1 }), 'created');
    if (answers || opensAnyway) add('opened', openedAt, 'identity', InvitationOpenedV1, () => ({ invitationId, districtId, openedAt: iso(openedAt) }));
  }
  const submitted =
    !failed &&
    answers &&
    add('submitted', submittedAt, 'responses', ResponseSubmittedV1, () => ({
      responseId: uuidFrom(`${SEED}/response/${invitationId}`),
      invitationId,
      districtId,
      unitId: child.unitId,
      ageBand,
      gender: child.gender,
      occasion,
      questionnaireVersionId: version.id,
      submittedAt: iso(submittedAt),
      answers: generateAnswers(version.content, { gender: child.gender, ageBand, language: child.language, wellbeing, occasion }, new Rng(`${SEED}/answers/${invitationId}`)),
    }), 'opened');
  if (!submitted) {
    if (failed || !answers) add('expired', expiresAt, 'survey-delivery', InvitationExpiredV1, () => ({ invitationId, districtId, expiredAt: iso(expiresAt) }), 'created');
    return out;
  }
  if (!withFeedback) return out;
  if (!add('feedbackGiven', feedbackAt, 'responses', FeedbackGivenV1, () => ({ feedbackId: uuidFrom(`${SEED}/feedback/${invitationId}`), invitationId, districtId, givenBy: child.caseworker, givenAt: iso(feedbackAt) }), 'submitted')) return out;
  if (rates) {
    add('rated', ratedAt, 'responses', InvolvementRatedV1, () => ({ invitationId, districtId, ageBand, gender: child.gender, rating: ratingOf(wellbeing, occasion, ratingRng), ratedAt: iso(ratedAt) }), 'feedbackGiven');
  }
  return out;
}

/** How involved the child felt: mostly 3–5, better when things are better and on follow-ups. */
function ratingOf(wellbeing: number, occasion: number, r: Rng): InvolvementRating {
  const lift = wellbeing - 0.6 + (occasion > 1 ? 0.1 : 0);
  return r.weighted({
    '1': Math.max(0.5, 5 - lift * 20),
    '2': Math.max(1, 10 - lift * 25),
    '3': 24,
    '4': 32 + lift * 20,
    '5': Math.max(4, 20 + lift * 40),
    'dont-know': 7,
  });
}

// ---- the statistics service's view --------------------------------------------------------

/** Which steps the statistics service has recorded, per invitation of the plan. */
async function recordedSteps(db: Client, ids: string[]): Promise<Map<string, Set<Step>>> {
  const cols = Object.entries(STEPS).map(([step, col]) => `${col} IS NOT NULL AS "${step}"`);
  const { rows } = await db.query(`SELECT invitation_id::text AS id, ${cols.join(', ')} FROM invitation_progress WHERE invitation_id = ANY($1::uuid[])`, [ids]);
  const out = new Map<string, Set<Step>>();
  for (const row of rows) out.set(row.id, new Set((Object.keys(STEPS) as Step[]).filter((s) => row[s])));
  return out;
}

async function recordedCounts(db: Client, ids: string[]): Promise<Record<Step, number>> {
  const cols = Object.entries(STEPS).map(([step, col]) => `count(${col})::int AS "${step}"`);
  const { rows } = await db.query(`SELECT ${cols.join(', ')} FROM invitation_progress WHERE invitation_id = ANY($1::uuid[])`, [ids]);
  return rows[0] as Record<Step, number>;
}

const total = (c: Record<Step, number>) => Object.values(c).reduce((s, n) => s + n, 0);

export interface HistoryResult {
  invitations: number;
  events: number;
  sent: number;
  seconds: { publish: number; consumed: number };
}

/**
 * Sends what the statistics service has not recorded yet, then waits until it has recorded
 * every step of the plan: an error when it makes no progress for `stallMs`, or is not done
 * after `timeoutMs` (on a busy 2-core machine the five consumers need a minute or two).
 */
export async function publishHistory(env: SeedEnv, plan: HistoryPlan, log: (line: string) => void, stallMs = 60_000, timeoutMs = 600_000): Promise<HistoryResult> {
  const db = new Client({ connectionString: env.statisticsDb, application_name: 'demo-seed' });
  try {
    await db.connect();
  } catch (e) {
    throw new Error(`statistics database ${env.statisticsDb.replace(/^.*\//, '')}: ${(e as Error).message} (infra/postgres.sh create-dbs creates it)`);
  }
  try {
    const started = Date.now();
    const recorded = await recordedSteps(db, plan.invitationIds);
    const missing = plan.events.filter((e) => !recorded.get(e.invitationId)?.has(e.step));
    if (missing.length === 0) {
      log(`history: ${plan.invitationIds.length} invitations in ${HISTORY_DISTRICTS.length} districts over ${HISTORY_MONTHS} months are in the statistics already; nothing sent`);
      return { invitations: plan.invitationIds.length, events: plan.events.length, sent: 0, seconds: { publish: 0, consumed: 0 } };
    }
    const built = buildEvents(env, missing);
    const builtAt = Date.now();
    await send(env, built);
    const publishSeconds = (Date.now() - started) / 1000;
    log(
      `history: ${plan.invitationIds.length} invitations in ${HISTORY_DISTRICTS.length} districts over ${HISTORY_MONTHS} months: ${built.length} events built and validated in ${((builtAt - started) / 1000).toFixed(1)} s, sent to Kafka in ${((Date.now() - builtAt) / 1000).toFixed(1)} s`,
    );

    const want = total(plan.expected);
    const waitStarted = Date.now();
    const tty = process.stdout.isTTY;
    let lastLine = 0;
    let progress = { got: -1, at: Date.now() };
    for (;;) {
      const have = await recordedCounts(db, plan.invitationIds);
      const done = (Object.keys(STEPS) as Step[]).every((s) => have[s] >= plan.expected[s]);
      const got = Math.min(total(have), want);
      if (got > progress.got) progress = { got, at: Date.now() };
      const line = `  statistics has recorded ${got} of ${want} steps (${Math.floor((100 * got) / want)} %)`;
      if (tty) process.stdout.write(`\r${line}   `);
      else if (done || Date.now() - lastLine > 5_000) {
        console.log(line);
        lastLine = Date.now();
      }
      if (done) break;
      const stalled = Date.now() - progress.at > stallMs;
      if (stalled || Date.now() - waitStarted > timeoutMs) {
        if (tty) process.stdout.write('\n');
        const behind = (Object.keys(STEPS) as Step[]).filter((s) => have[s] < plan.expected[s]).map((s) => `${s} ${have[s]}/${plan.expected[s]}`);
        const why = stalled ? `made no progress for ${stallMs / 1000} s` : `was not done after ${timeoutMs / 1000} s`;
        throw new Error(
          `the statistics service ${why} recording the history (${got} of ${want} steps; behind: ${behind.join(', ')}). Is it running and consuming? See infra/services.sh status ${env.profile} and .run/${env.profile}/logs/statistics.log`,
        );
      }
      await sleep(500);
    }
    if (tty) process.stdout.write('\n');
    const consumed = (Date.now() - waitStarted) / 1000;
    log(`history: the statistics service recorded it ${consumed.toFixed(1)} s after sending`);
    return { invitations: plan.invitationIds.length, events: plan.events.length, sent: built.length, seconds: { publish: publishSeconds, consumed } };
  } finally {
    await db.end();
  }
}

interface Built {
  topic: string;
  envelope: EventEnvelope;
}

/** Builds each event (payload checked against its schema) and validates it again as a consumer would parse it. */
function buildEvents(env: SeedEnv, events: PlannedEvent[]): Built[] {
  return events.map((e) => {
    const envelope = e.build();
    parseEvent(JSON.parse(JSON.stringify(envelope))); // throws EventValidationError naming the field
    return { topic: `${env.topicPrefix}${topicOf(envelope)}`, envelope };
  });
}

/** Sends in batches as the outbox relay does (same key, value and headers), acks from all in-sync replicas. */
async function send(env: SeedEnv, built: Built[]): Promise<void> {
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
  const kafka = new Kafka({ clientId: 'delaktig-demo-seed', brokers: env.kafkaBrokers, logLevel: logLevel.ERROR, connectionTimeout: 3_000, retry: { retries: 5 } });
  await ensureTopics(kafka, [...new Set(built.map((b) => b.topic))], { partitions: env.topicPartitions, replicationFactor: env.replicationFactor });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    // Small enough batches that no partition's record batch nears the broker's 1 MB limit.
    const BATCH = 2_500;
    for (let i = 0; i < built.length; i += BATCH) {
      const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
      for (const { topic, envelope } of built.slice(i, i + BATCH)) {
        const list = byTopic.get(topic) ?? [];
        list.push({
          key: envelope.key,
          value: JSON.stringify(envelope),
          headers: { 'event-id': envelope.id, 'event-type': envelope.type, 'event-version': String(envelope.version) },
        });
        byTopic.set(topic, list);
      }
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    }
  } finally {
    await producer.disconnect();
  }
}

const TOPIC_OF: Record<string, string> = Object.fromEntries(
  [InvitationCreatedV2, InvitationSentV1, InvitationDeliveryFailedV1, InvitationExpiredV1, InvitationOpenedV1, ResponseSubmittedV1, FeedbackGivenV1, InvolvementRatedV1].map((d) => [
    `${d.type}@${d.version}`,
    d.topic,
  ]),
);
function topicOf(e: EventEnvelope): string {
  const topic = TOPIC_OF[`${e.type}@${e.version}`];
  if (!topic) throw new Error(`no topic for ${e.type} v${e.version}`);
  return topic;
}
