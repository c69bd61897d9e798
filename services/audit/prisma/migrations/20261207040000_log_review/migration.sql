-- Log review for auditors (issue 11, deliver 3; ADR 0016). Projections of what the log's
-- entries concern (invitations, staff) so that reads can be filtered by child and judged
-- against the reader's own invitations and the invitation's end, and the auditors' reviews
-- of flagged reads. The log itself is not touched: only indexes for the review's filters.

CREATE INDEX "audit_entry_district_id_occurred_at_idx" ON "audit_entry"("district_id", "occurred_at");
CREATE INDEX "audit_entry_object_type_object_id_idx" ON "audit_entry"("object_type", "object_id");
CREATE INDEX "audit_entry_actor_occurred_at_idx" ON "audit_entry"("actor", "occurred_at");

-- Invitation id -> district, unit, creator, pseudonymous child key and when it ended
-- (revoked or expired), from the invitation events audit consumes anyway. No case reference.
CREATE TABLE "audit_invitation" (
    "invitation_id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "unit_id" TEXT,
    "created_by" TEXT NOT NULL,
    "child_ref" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "closed_reason" TEXT,
    CONSTRAINT "audit_invitation_pkey" PRIMARY KEY ("invitation_id")
);
CREATE INDEX "audit_invitation_district_id_child_ref_idx" ON "audit_invitation"("district_id", "child_ref");

-- Invitations created before this projection existed: creator and end from the log's own entries.
INSERT INTO "audit_invitation" ("invitation_id", "district_id", "created_by", "created_at")
SELECT DISTINCT ON (e."object_id") e."object_id"::uuid, e."district_id", e."actor", e."occurred_at"
FROM "audit_entry" e
WHERE e."action" = 'invitation.created' AND e."object_type" = 'invitation'
  AND e."object_id" ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
ORDER BY e."object_id", e."seq"
ON CONFLICT DO NOTHING;
UPDATE "audit_invitation" i SET "closed_at" = c."occurred_at", "closed_reason" = c."reason"
FROM (
  SELECT DISTINCT ON (e."object_id") e."object_id", e."occurred_at", split_part(e."action", '.', 2) AS "reason"
  FROM "audit_entry" e
  WHERE e."action" IN ('invitation.revoked', 'invitation.expired') AND e."object_type" = 'invitation'
  ORDER BY e."object_id", e."seq"
) c
WHERE i."invitation_id"::text = c."object_id";

-- Staff id -> district, role and unit (StaffRegistered/Deactivated/Reactivated): a unit lead
-- reading the unit's invitations is not "outside own invitations".
CREATE TABLE "audit_staff" (
    "staff_id" TEXT NOT NULL,
    "district_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unit_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "audit_staff_pkey" PRIMARY KEY ("staff_id")
);

-- An auditor's review of a flag (status and comment). Append-only like the log: a new review
-- supersedes the earlier one, and the history of who judged what stays.
CREATE TABLE "audit_flag_review" (
    "id" UUID NOT NULL,
    "flag_id" TEXT NOT NULL,
    "district_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "reviewed_by" TEXT NOT NULL,
    "reviewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_flag_review_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_flag_review_status_check" CHECK ("status" IN ('open', 'in-review', 'justified', 'reported'))
);
CREATE INDEX "audit_flag_review_flag_id_reviewed_at_idx" ON "audit_flag_review"("flag_id", "reviewed_at");
CREATE TRIGGER audit_flag_review_no_update_delete BEFORE UPDATE OR DELETE ON "audit_flag_review"
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();

-- Projections move (upserts); reviews are appended only.
GRANT SELECT, INSERT, UPDATE ON "audit_invitation", "audit_staff" TO delaktig_audit_writer;
GRANT SELECT, INSERT ON "audit_flag_review" TO delaktig_audit_writer;
