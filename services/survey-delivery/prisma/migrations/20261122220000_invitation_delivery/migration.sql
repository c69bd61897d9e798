-- Invitations in full (issue 4): who, how and until when; status that never moves backwards;
-- contact and link encrypted (AES-256-GCM) and erased when no longer needed.
ALTER TABLE "invitation"
    ADD COLUMN "gender" TEXT NOT NULL DEFAULT 'not-stated',
    ADD COLUMN "language" TEXT NOT NULL DEFAULT 'sv',
    ADD COLUMN "channel" TEXT,
    ADD COLUMN "contact_enc" TEXT,
    ADD COLUMN "contact_hint" TEXT,
    ADD COLUMN "link_enc" TEXT,
    ADD COLUMN "discreet" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "expires_at" TIMESTAMPTZ(3),
    ADD COLUMN "meeting_date" DATE,
    ADD COLUMN "occasion" INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN "child_ref" TEXT,
    ADD COLUMN "status" TEXT NOT NULL DEFAULT 'created',
    ADD COLUMN "status_at" TIMESTAMPTZ(3),
    ADD CONSTRAINT "invitation_status_check" CHECK ("status" IN ('created','sent','delivery-failed','opened','started','submitted','expired','revoked')),
    ADD CONSTRAINT "invitation_channel_check" CHECK ("channel" IS NULL OR "channel" IN ('sms','email'));
UPDATE "invitation" SET "expires_at" = "created_at" + INTERVAL '14 days' WHERE "expires_at" IS NULL;
CREATE INDEX "invitation_district_id_created_by_created_at_idx" ON "invitation"("district_id", "created_by", "created_at");
CREATE INDEX "invitation_district_id_unit_id_created_at_idx" ON "invitation"("district_id", "unit_id", "created_at");
CREATE INDEX "invitation_district_id_child_ref_idx" ON "invitation"("district_id", "child_ref");
CREATE INDEX "invitation_open_expires_at_idx" ON "invitation"("expires_at") WHERE "status" NOT IN ('submitted','expired','revoked');

-- One row per message (invitation, resend n, reminder, feedback notice n). The unique key
-- makes a message exist once; the worker claims rows with FOR UPDATE SKIP LOCKED and moves
-- them pending -> sending -> sent/delivered/failed, so no message is handed over twice.
CREATE TABLE "delivery" (
    "id" UUID NOT NULL,
    "invitation_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "provider_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "correlation_id" TEXT,
    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "delivery_invitation_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "invitation"("id") ON DELETE CASCADE ON UPDATE RESTRICT,
    CONSTRAINT "delivery_purpose_check" CHECK ("purpose" IN ('invitation','resend','reminder','feedback-notice')),
    CONSTRAINT "delivery_state_check" CHECK ("state" IN ('pending','sending','sent','delivered','failed'))
);
CREATE UNIQUE INDEX "delivery_invitation_id_purpose_round_key" ON "delivery"("invitation_id", "purpose", "round");
CREATE INDEX "delivery_due_idx" ON "delivery"("next_attempt_at") WHERE "state" = 'pending';
CREATE INDEX "delivery_provider_id_idx" ON "delivery"("provider_id");
