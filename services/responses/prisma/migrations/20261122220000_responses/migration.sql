-- Responses (issue 5): projections of questionnaire versions and invitations, the child's
-- response (draft, then submitted), and safety alerts.

-- Questionnaire versions, from QuestionnaireVersionPublished v2 (immutable content).
CREATE TABLE "questionnaire_version" (
    "id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "content_sha256" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "questionnaire_version_pkey" PRIMARY KEY ("id")
);

-- Invitations, from InvitationCreated v2 and the later invitation events. No personal data:
-- child_ref is the pseudonymous key that links a child's occasions (trends).
CREATE TABLE "invitation" (
    "id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "unit_id" TEXT,
    "created_by" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "occasion" INTEGER NOT NULL,
    "child_ref" TEXT NOT NULL,
    "questionnaire_version_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "expired_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "invitation_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "invitation_district_id_child_ref_idx" ON "invitation"("district_id", "child_ref");
CREATE INDEX "invitation_district_id_created_by_idx" ON "invitation"("district_id", "created_by");
CREATE INDEX "invitation_district_id_unit_id_idx" ON "invitation"("district_id", "unit_id");

-- One response per invitation: a draft while the child answers, then submitted (final).
-- answers: JSON array of stored answers in the order given; free text only as AES-256-GCM
-- ciphertext ({"kind":"text","enc":{"k":keyId,"iv","tag","ct"}} base64), never plain.
CREATE TABLE "response" (
    "id" UUID NOT NULL,
    "invitation_id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "questionnaire_version_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "answers" JSONB NOT NULL DEFAULT '[]',
    "position" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "submit_key" TEXT,
    "safety_raised" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "response_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "response_status_check" CHECK ("status" IN ('draft', 'submitted')),
    CONSTRAINT "response_submitted_check" CHECK ("status" = 'draft' OR ("submitted_at" IS NOT NULL AND "submit_key" IS NOT NULL))
);
CREATE UNIQUE INDEX "response_invitation_id_key" ON "response"("invitation_id");

-- Safety alerts: one per invitation and question, for the caseworker and the unit lead.
CREATE TABLE "safety_alert" (
    "id" UUID NOT NULL,
    "invitation_id" UUID NOT NULL,
    "question_id" TEXT NOT NULL,
    "district_id" TEXT NOT NULL,
    "unit_id" TEXT,
    "caseworker" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "escalated_at" TIMESTAMPTZ(3),
    CONSTRAINT "safety_alert_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "safety_alert_invitation_id_question_id_key" ON "safety_alert"("invitation_id", "question_id");
CREATE INDEX "safety_alert_district_id_caseworker_idx" ON "safety_alert"("district_id", "caseworker");
CREATE INDEX "safety_alert_district_id_unit_id_idx" ON "safety_alert"("district_id", "unit_id");
CREATE INDEX "safety_alert_unacknowledged_idx" ON "safety_alert"("raised_at") WHERE "acknowledged_at" IS NULL AND "escalated_at" IS NULL;
