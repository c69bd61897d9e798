-- Participation also counts safety alerts (per invitation: the first raised, the first
-- acknowledged, and whether that acknowledgement came within the district's time) and keeps the
-- invitation's unit, so unit leads get their unit's participation.
ALTER TABLE "invitation_progress" ADD COLUMN "unit_id" TEXT;
ALTER TABLE "invitation_progress" ADD COLUMN "alert_raised_at" TIMESTAMPTZ(3);
ALTER TABLE "invitation_progress" ADD COLUMN "alert_acknowledged_at" TIMESTAMPTZ(3);
CREATE INDEX "invitation_progress_unit_idx" ON "invitation_progress"("district_id", "unit_id") WHERE "unit_id" IS NOT NULL;

-- How soon an alert must be acknowledged to count as "in time" (the escalation ladder's first step
-- decides the district's own time once districts configure one).
CREATE FUNCTION participation_alert_deadline() RETURNS interval LANGUAGE sql IMMUTABLE AS $$ SELECT interval '60 minutes' $$;

CREATE FUNCTION acknowledged_in_time(raised timestamptz, acknowledged timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN raised IS NOT NULL AND acknowledged IS NOT NULL AND acknowledged - raised <= participation_alert_deadline() THEN acknowledged END $$;

CREATE OR REPLACE FUNCTION invitation_progress_count() RETURNS trigger LANGUAGE plpgsql AS $$
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
  PERFORM participation_move(o.district_id, o.alert_raised_at, 'alertRaised', o.record_key, nw.district_id, nw.alert_raised_at, 'alertRaised', nw.record_key);
  PERFORM participation_move(o.district_id, o.alert_acknowledged_at, 'alertAcknowledged', o.record_key, nw.district_id, nw.alert_acknowledged_at, 'alertAcknowledged', nw.record_key);
  PERFORM participation_move(o.district_id, acknowledged_in_time(o.alert_raised_at, o.alert_acknowledged_at), 'alertAcknowledgedInTime', o.record_key,
                             nw.district_id, acknowledged_in_time(nw.alert_raised_at, nw.alert_acknowledged_at), 'alertAcknowledgedInTime', nw.record_key);
  RETURN NULL;
END $$;

-- Per invitation: each counted step with the time it counts at (shared by the rebuild and the unit view).
CREATE FUNCTION invitation_steps(p invitation_progress) RETURNS TABLE (ts timestamptz, k text) LANGUAGE sql IMMUTABLE AS $$
  SELECT s.ts, s.k FROM (VALUES (p.created_at, 'created'), (p.sent_at, 'sent'), (p.delivery_failed_at, 'deliveryFailed'), (p.opened_at, 'opened'),
                         (p.submitted_at, 'submitted'), (p.expired_at, 'expired'), (p.revoked_at, 'revoked'), (p.feedback_at, 'feedbackGiven'),
                         (p.rated_at, 'rated'), (CASE WHEN p.rating IS NOT NULL THEN p.rated_at END, 'rating:' || p.rating),
                         (p.alert_raised_at, 'alertRaised'), (p.alert_acknowledged_at, 'alertAcknowledged'),
                         (acknowledged_in_time(p.alert_raised_at, p.alert_acknowledged_at), 'alertAcknowledgedInTime')) AS s(ts, k)
   WHERE s.ts IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION participation_month_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM participation_month;
  INSERT INTO participation_month (district_id, period, k, n, key_sum)
  SELECT p.district_id, participation_period(s.ts), s.k, count(*)::int, sum(p.record_key) % 4294967296
    FROM invitation_progress p, LATERAL invitation_steps(p) s
   GROUP BY 1, 2, 3;
$$;
