-- Steps of each safety alert's escalation ladder (issue 12, ADR 0018), projected from
-- survey-delivery's SafetyAlertStepReached: shown on the alert to the staff who may see it.
CREATE TABLE "safety_alert_step" (
    "alert_id" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "reached_at" TIMESTAMPTZ(3) NOT NULL,
    "recipients" INTEGER NOT NULL,
    "without_contact" INTEGER NOT NULL,

    CONSTRAINT "safety_alert_step_pkey" PRIMARY KEY ("alert_id", "step")
);
