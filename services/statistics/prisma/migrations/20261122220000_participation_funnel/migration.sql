-- One row per invitation: when each step of its way first happened (pseudonymous ids only).
-- Counts per district and month are read from here; every column is set once, so replays are harmless.
CREATE TABLE "invitation_progress" (
    "invitation_id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "questionnaire_version_id" UUID,
    "created_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "delivery_failed_at" TIMESTAMPTZ(3),
    "opened_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "expired_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "feedback_at" TIMESTAMPTZ(3),
    "rated_at" TIMESTAMPTZ(3),
    "rating" TEXT,
    CONSTRAINT "invitation_progress_pkey" PRIMARY KEY ("invitation_id")
);
CREATE INDEX "invitation_progress_district_idx" ON "invitation_progress"("district_id");

-- Projection of published questionnaire versions (QuestionnaireVersionPublished v1 and v2).
CREATE TABLE "questionnaire_version" (
    "version_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content_sha256" TEXT NOT NULL,
    "content" JSONB,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "questionnaire_version_pkey" PRIMARY KEY ("version_id")
);
