import { isEvent, ResponseSubmittedV1, type EventEnvelope } from '@delaktig/contracts';

type Sql = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> };

/**
 * Keeps the submitted responses of a batch: each in the event store (response_record, once per
 * invitation), and its answers in the kept counts per district and per unit and in their two
 * rollups (per district without gender and occasion, the whole city) — one statement for the
 * whole batch, counted through the same view (response_record_cell) as the rebuild.
 */
export async function recordResponses(tx: Sql, events: EventEnvelope[], keyOf: (invitationId: string) => number): Promise<number> {
  const submitted = events.filter((e) => isEvent(e, ResponseSubmittedV1));
  if (submitted.length === 0) return 0;
  const cols = {
    invitation: [] as string[],
    event: [] as string[],
    district: [] as string[],
    unit: [] as string[],
    gender: [] as string[],
    ageBand: [] as string[],
    occasion: [] as number[],
    version: [] as string[],
    at: [] as string[],
    key: [] as string[],
    answers: [] as string[],
  };
  const seen = new Set<string>();
  for (const e of submitted) {
    const d = e.data as ResponseSubmittedV1Data;
    if (seen.has(d.invitationId)) continue;
    seen.add(d.invitationId);
    cols.invitation.push(d.invitationId);
    cols.event.push(e.id);
    cols.district.push(d.districtId);
    cols.unit.push(d.unitId ?? '');
    cols.gender.push(d.gender);
    cols.ageBand.push(d.ageBand);
    cols.occasion.push(d.occasion);
    cols.version.push(d.questionnaireVersionId);
    cols.at.push(d.submittedAt);
    cols.key.push(String(keyOf(d.invitationId)));
    cols.answers.push(JSON.stringify(d.answers));
  }
  return tx.$executeRawUnsafe(
    `WITH ins AS (
       INSERT INTO response_record (invitation_id, event_id, district_id, unit_id, gender, age_band, occasion, questionnaire_version_id, period, submitted_at, record_key, answers)
       SELECT i, e, d, u, g, a, o, v, participation_period(t), t, k, j
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::uuid[], $9::timestamptz[], $10::bigint[], $11::jsonb[])
              AS x(i, e, d, u, g, a, o, v, t, k, j)
       ON CONFLICT (invitation_id) DO NOTHING
       RETURNING *
     ),
     cells AS (
       SELECT r.district_id, r.unit_id, c.question_id, r.period, r.age_band, r.questionnaire_version_id AS version_id, c.option_id, r.gender,
              CASE WHEN r.occasion = 1 THEN 'first' ELSE 'follow-up' END AS occasion, r.record_key
         FROM ins r, LATERAL response_answer_cells(r.answers) c
     ),
     per_district AS (
       INSERT INTO answer_cell_district AS t (question_id, period, district_id, age_band, version_id, option_id, gender, occasion, n, key_sum)
       SELECT question_id, period, district_id, age_band, version_id, option_id, gender, occasion, count(*)::int, sum(record_key) % 4294967296
         FROM cells GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
       ON CONFLICT (question_id, period, district_id, age_band, version_id, option_id, gender, occasion)
       DO UPDATE SET n = t.n + EXCLUDED.n, key_sum = (t.key_sum + EXCLUDED.key_sum) % 4294967296
     ),
     per_district_total AS (
       INSERT INTO answer_cell_district_total AS t (question_id, period, district_id, age_band, version_id, option_id, n, key_sum)
       SELECT question_id, period, district_id, age_band, version_id, option_id, count(*)::int, sum(record_key) % 4294967296
         FROM cells GROUP BY 1, 2, 3, 4, 5, 6
       ON CONFLICT (question_id, period, district_id, age_band, version_id, option_id)
       DO UPDATE SET n = t.n + EXCLUDED.n, key_sum = (t.key_sum + EXCLUDED.key_sum) % 4294967296
     ),
     per_city AS (
       INSERT INTO answer_cell_city AS t (question_id, period, age_band, version_id, option_id, gender, occasion, n, key_sum)
       SELECT question_id, period, age_band, version_id, option_id, gender, occasion, count(*)::int, sum(record_key) % 4294967296
         FROM cells WHERE district_id <> 'central' GROUP BY 1, 2, 3, 4, 5, 6, 7
       ON CONFLICT (question_id, period, age_band, version_id, option_id, gender, occasion)
       DO UPDATE SET n = t.n + EXCLUDED.n, key_sum = (t.key_sum + EXCLUDED.key_sum) % 4294967296
     )
     INSERT INTO answer_cell_unit AS t (district_id, unit_id, question_id, period, age_band, version_id, option_id, gender, occasion, n, key_sum)
     SELECT district_id, unit_id, question_id, period, age_band, version_id, option_id, gender, occasion, count(*)::int, sum(record_key) % 4294967296
       FROM cells GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
     ON CONFLICT (district_id, unit_id, question_id, period, age_band, version_id, option_id, gender, occasion)
     DO UPDATE SET n = t.n + EXCLUDED.n, key_sum = (t.key_sum + EXCLUDED.key_sum) % 4294967296`,
    cols.invitation,
    cols.event,
    cols.district,
    cols.unit,
    cols.gender,
    cols.ageBand,
    cols.occasion,
    cols.version,
    cols.at,
    cols.key,
    cols.answers,
  );
}

type ResponseSubmittedV1Data = {
  invitationId: string;
  districtId: string;
  unitId: string | null;
  gender: string;
  ageBand: string;
  occasion: number;
  questionnaireVersionId: string;
  submittedAt: string;
  answers: unknown[];
};
