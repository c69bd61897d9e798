-- Answer statistics (issue 10, ADR 0011).
--
-- Every counted invitation gets a persistent record key (0 .. 2^32-1, an HMAC of its id under
-- STATISTICS_CELL_KEY_SECRET, set by the consumer). Every kept count carries the sum of its
-- records' keys modulo 2^32 beside it, so any published cell - however it is assembled from
-- kept counts - has a cell key (the sum of its records' keys) from which the service derives a
-- small, consistent perturbation (the cell-key method). Same records, same number, every time.

-- 1. Participation counts get record keys too.
ALTER TABLE "invitation_progress" ADD COLUMN "record_key" BIGINT;
ALTER TABLE "invitation_progress" ADD COLUMN "child_ref" TEXT;
-- Rows counted before this migration: a key derived from the id (the consumer sets keyed ones from now on).
UPDATE "invitation_progress" SET "record_key" = ('x' || substr(md5(invitation_id::text), 1, 8))::bit(32)::bigint WHERE "record_key" IS NULL;
ALTER TABLE "invitation_progress" ALTER COLUMN "record_key" SET NOT NULL;
CREATE INDEX "invitation_progress_child_idx" ON "invitation_progress"("district_id", "child_ref") WHERE "child_ref" IS NOT NULL;

ALTER TABLE "participation_month" ADD COLUMN "key_sum" BIGINT NOT NULL DEFAULT 0;

DROP TRIGGER invitation_progress_count ON invitation_progress;
DROP FUNCTION invitation_progress_count();
DROP FUNCTION participation_move(text, timestamptz, text, text, timestamptz, text);

-- Moves one record (count and key) from (old district, old time, old key) to the new ones.
CREATE FUNCTION participation_move(old_district text, old_ts timestamptz, old_key text, old_rk bigint,
                                   new_district text, new_ts timestamptz, new_key text, new_rk bigint)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old_period text := CASE WHEN old_ts IS NULL OR old_key IS NULL THEN NULL ELSE participation_period(old_ts) END;
  new_period text := CASE WHEN new_ts IS NULL OR new_key IS NULL THEN NULL ELSE participation_period(new_ts) END;
BEGIN
  IF old_period IS NOT DISTINCT FROM new_period AND old_district IS NOT DISTINCT FROM new_district
     AND old_key IS NOT DISTINCT FROM new_key AND old_rk IS NOT DISTINCT FROM new_rk THEN
    RETURN;
  END IF;
  IF old_period IS NOT NULL THEN
    UPDATE participation_month SET n = n - 1, key_sum = ((key_sum - old_rk) % 4294967296 + 4294967296) % 4294967296
     WHERE district_id = old_district AND period = old_period AND k = old_key;
  END IF;
  IF new_period IS NOT NULL THEN
    INSERT INTO participation_month (district_id, period, k, n, key_sum) VALUES (new_district, new_period, new_key, 1, new_rk)
    ON CONFLICT (district_id, period, k) DO UPDATE SET n = participation_month.n + 1,
      key_sum = (participation_month.key_sum + EXCLUDED.key_sum) % 4294967296;
  END IF;
END $$;

CREATE FUNCTION invitation_progress_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o invitation_progress;
  nw invitation_progress;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN o := OLD; END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN nw := NEW; END IF;
  PERFORM participation_move(o.district_id, o.created_at, 'created', o.record_key, nw.district_id, nw.created_at, 'created', nw.record_key);
  PERFORM participation_move(o.district_id, o.sent_at, 'sent', o.record_key, nw.district_id, nw.sent_at, 'sent', nw.record_key);
  PERFORM participation_move(o.district_id, o.delivery_failed_at, 'deliveryFailed', o.record_key, nw.district_id, nw.delivery_failed_at, 'deliveryFailed', nw.record_key);
  PERFORM participation_move(o.district_id, o.opened_at, 'opened', o.record_key, nw.district_id, nw.opened_at, 'opened', nw.record_key);
  PERFORM participation_move(o.district_id, o.submitted_at, 'submitted', o.record_key, nw.district_id, nw.submitted_at, 'submitted', nw.record_key);
  PERFORM participation_move(o.district_id, o.expired_at, 'expired', o.record_key, nw.district_id, nw.expired_at, 'expired', nw.record_key);
  PERFORM participation_move(o.district_id, o.revoked_at, 'revoked', o.record_key, nw.district_id, nw.revoked_at, 'revoked', nw.record_key);
  PERFORM participation_move(o.district_id, o.feedback_at, 'feedbackGiven', o.record_key, nw.district_id, nw.feedback_at, 'feedbackGiven', nw.record_key);
  PERFORM participation_move(o.district_id, o.rated_at, 'rated', o.record_key, nw.district_id, nw.rated_at, 'rated', nw.record_key);
  PERFORM participation_move(o.district_id, o.rated_at, 'rating:' || o.rating, o.record_key, nw.district_id, nw.rated_at, 'rating:' || nw.rating, nw.record_key);
  RETURN NULL;
END $$;

CREATE TRIGGER invitation_progress_count AFTER INSERT OR UPDATE OR DELETE ON invitation_progress
  FOR EACH ROW EXECUTE FUNCTION invitation_progress_count();

CREATE OR REPLACE FUNCTION participation_month_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM participation_month;
  INSERT INTO participation_month (district_id, period, k, n, key_sum)
  SELECT district_id, participation_period(ts), k, count(*)::int, sum(record_key) % 4294967296
    FROM invitation_progress,
         LATERAL (VALUES (created_at, 'created'), (sent_at, 'sent'), (delivery_failed_at, 'deliveryFailed'), (opened_at, 'opened'),
                         (submitted_at, 'submitted'), (expired_at, 'expired'), (revoked_at, 'revoked'), (feedback_at, 'feedbackGiven'),
                         (rated_at, 'rated'), (CASE WHEN rating IS NOT NULL THEN rated_at END, 'rating:' || rating)) AS s(ts, k)
   WHERE ts IS NOT NULL
   GROUP BY 1, 2, 3;
$$;

SELECT participation_month_rebuild();

-- 2. The statistics service's own event store of submitted responses: what ResponseSubmitted
-- said (pseudonymous; free text never reaches this service), one row per invitation. Never
-- served to anyone; the source from which every answer count is rebuilt and checked.
CREATE TABLE "response_record" (
    "invitation_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL DEFAULT '',
    "gender" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "occasion" INTEGER NOT NULL,
    "questionnaire_version_id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "record_key" BIGINT NOT NULL,
    "answers" JSONB NOT NULL,
    CONSTRAINT "response_record_pkey" PRIMARY KEY ("invitation_id")
);
CREATE INDEX "response_record_scope_idx" ON "response_record"("district_id", "age_band", "period");

-- What one response counts in: per question the respondent ('~answered'), the option(s), a flag
-- as 'yes'/'no', '~declined', '~talk' ("I want to talk about this"); plus ('~response', '~').
-- Free text ('text-given') is excluded from statistics.
CREATE FUNCTION response_answer_cells(answers jsonb) RETURNS TABLE (question_id text, option_id text)
LANGUAGE sql IMMUTABLE AS $$
  SELECT '~response', '~'
  UNION ALL
  SELECT a->>'questionId', '~answered' FROM jsonb_array_elements(answers) a WHERE a->'value'->>'kind' IN ('option', 'options', 'flag', 'declined')
  UNION ALL
  SELECT a->>'questionId',
         CASE a->'value'->>'kind' WHEN 'option' THEN a->'value'->>'optionId' WHEN 'declined' THEN '~declined'
                                  ELSE CASE WHEN (a->'value'->>'on')::boolean THEN 'yes' ELSE 'no' END END
    FROM jsonb_array_elements(answers) a WHERE a->'value'->>'kind' IN ('option', 'flag', 'declined')
  UNION ALL
  SELECT a->>'questionId', o FROM jsonb_array_elements(answers) a, jsonb_array_elements_text(a->'value'->'optionIds') o
   WHERE a->'value'->>'kind' = 'options'
  UNION ALL
  SELECT a->>'questionId', '~talk' FROM jsonb_array_elements(answers) a WHERE (a->>'wantsToTalk')::boolean AND a->'value'->>'kind' <> 'text-given'
$$;

-- 3. Kept answer counts: per district (dashboards of districts and the city) and per unit (unit leads).
-- occasion: 'first' (occasion 1) or 'follow-up' (any later occasion of the same child).
CREATE TABLE "answer_cell_district" (
    "question_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "district_id" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "version_id" UUID NOT NULL,
    "option_id" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "key_sum" BIGINT NOT NULL,
    CONSTRAINT "answer_cell_district_pkey" PRIMARY KEY ("question_id", "period", "district_id", "age_band", "version_id", "option_id", "gender", "occasion")
);
CREATE TABLE "answer_cell_unit" (
    "district_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "question_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "version_id" UUID NOT NULL,
    "option_id" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "key_sum" BIGINT NOT NULL,
    CONSTRAINT "answer_cell_unit_pkey" PRIMARY KEY ("district_id", "unit_id", "question_id", "period", "age_band", "version_id", "option_id", "gender", "occasion")
);

-- The cells of a set of response records, grouped: used by the consumer (for the records a batch
-- inserted) and by the rebuild (for all of them), so both count the same way.
CREATE VIEW "response_record_cell" AS
  SELECT r.invitation_id, r.district_id, r.unit_id, c.question_id, r.period, r.age_band, r.questionnaire_version_id AS version_id,
         c.option_id, r.gender, CASE WHEN r.occasion = 1 THEN 'first' ELSE 'follow-up' END AS occasion, r.record_key
    FROM response_record r, LATERAL response_answer_cells(r.answers) c;

-- Recomputes every answer count from the event store (backfill, repair).
CREATE FUNCTION answer_cells_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM answer_cell_district;
  DELETE FROM answer_cell_unit;
  INSERT INTO answer_cell_district
  SELECT question_id, period, district_id, age_band, version_id, option_id, gender, occasion, count(*)::int, sum(record_key) % 4294967296
    FROM response_record_cell GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO answer_cell_unit
  SELECT district_id, unit_id, question_id, period, age_band, version_id, option_id, gender, occasion, count(*)::int, sum(record_key) % 4294967296
    FROM response_record_cell GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
$$;
