-- Safety-alert notification and escalation ladder (issue 12, ADR 0018).

-- One row per alert from SafetyAlertRaised; acknowledged from SafetyAlertAcknowledged.
CREATE TABLE "safety_alert_ladder" (
    "alert_id" UUID NOT NULL,
    "invitation_id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "unit_id" TEXT,
    "caseworker" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "last_step" TEXT,
    "last_step_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "correlation_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "safety_alert_ladder_pkey" PRIMARY KEY ("alert_id")
);
CREATE INDEX "safety_alert_ladder_open_idx" ON "safety_alert_ladder" ("raised_at") WHERE "closed_at" IS NULL;

-- One message per alert × recipient × channel × step; the contact AES-256-GCM encrypted.
CREATE TABLE "safety_alert_notification" (
    "id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "contact_enc" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "provider_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "safety_alert_notification_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "safety_alert_notification_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "safety_alert_ladder"("alert_id") ON DELETE CASCADE ON UPDATE RESTRICT
);
CREATE UNIQUE INDEX "safety_alert_notification_alert_id_recipient_channel_step_key" ON "safety_alert_notification" ("alert_id", "recipient", "channel", "step");
CREATE INDEX "safety_alert_notification_state_next_attempt_at_idx" ON "safety_alert_notification" ("state", "next_attempt_at");
