-- Participation counts invitations answered before the booked meeting (InvitationCreated v2's
-- meetingDate, present in events since 2026-12): counted in the month of the answer.
ALTER TABLE "invitation_progress" ADD COLUMN "meeting_date" DATE;

CREATE FUNCTION answered_before_meeting(submitted timestamptz, meeting date) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN submitted IS NOT NULL AND meeting IS NOT NULL AND (submitted AT TIME ZONE 'Europe/Stockholm')::date <= meeting THEN submitted END $$;

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
  PERFORM participation_move(o.district_id, answered_before_meeting(o.submitted_at, o.meeting_date), 'answeredBeforeMeeting', o.record_key,
                             nw.district_id, answered_before_meeting(nw.submitted_at, nw.meeting_date), 'answeredBeforeMeeting', nw.record_key);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION invitation_steps(p invitation_progress) RETURNS TABLE (ts timestamptz, k text) LANGUAGE sql IMMUTABLE AS $$
  SELECT s.ts, s.k FROM (VALUES (p.created_at, 'created'), (p.sent_at, 'sent'), (p.delivery_failed_at, 'deliveryFailed'), (p.opened_at, 'opened'),
                         (p.submitted_at, 'submitted'), (p.expired_at, 'expired'), (p.revoked_at, 'revoked'), (p.feedback_at, 'feedbackGiven'),
                         (p.rated_at, 'rated'), (CASE WHEN p.rating IS NOT NULL THEN p.rated_at END, 'rating:' || p.rating),
                         (p.alert_raised_at, 'alertRaised'), (p.alert_acknowledged_at, 'alertAcknowledged'),
                         (acknowledged_in_time(p.alert_raised_at, p.alert_acknowledged_at), 'alertAcknowledgedInTime'),
                         (answered_before_meeting(p.submitted_at, p.meeting_date), 'answeredBeforeMeeting')) AS s(ts, k)
   WHERE s.ts IS NOT NULL
$$;

SELECT participation_month_rebuild();
