-- Child access (ADR 0009): one row per invitation with the link token and the code only as
-- keyed hashes (HMAC-SHA256 with CHILD_ACCESS_HASH_KEY), the lock after five wrong codes,
-- and what a child session needs (district, age band, version, expiry). Pending rows were
-- issued for an invitation that survey-delivery has not confirmed yet: inert, purged after 1 h.
CREATE TABLE "child_access" (
    "invitation_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requested_by" TEXT NOT NULL,
    "requested_district_id" TEXT NOT NULL,
    "district_id" TEXT,
    "unit_id" TEXT,
    "created_by" TEXT,
    "age_band" TEXT,
    "language" TEXT,
    "questionnaire_version_id" UUID,
    "expires_at" TIMESTAMPTZ(3),
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "first_opened_at" TIMESTAMPTZ(3),
    "last_opened_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),
    CONSTRAINT "child_access_pkey" PRIMARY KEY ("invitation_id"),
    CONSTRAINT "child_access_status_check" CHECK ("status" IN ('pending', 'active', 'expired', 'revoked')),
    CONSTRAINT "child_access_token_hash_check" CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "child_access_code_hash_check" CHECK ("code_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "child_access_failed_attempts_check" CHECK ("failed_attempts" BETWEEN 0 AND 5),
    CONSTRAINT "child_access_active_check" CHECK ("status" = 'pending' OR ("district_id" IS NOT NULL AND "age_band" IS NOT NULL AND "questionnaire_version_id" IS NOT NULL AND "expires_at" IS NOT NULL))
);
CREATE UNIQUE INDEX "child_access_token_hash_key" ON "child_access"("token_hash");
CREATE INDEX "child_access_status_created_at_idx" ON "child_access"("status", "created_at");

-- Signing keys of child session tokens (ES256, private JWKs) when CHILD_SESSION_SIGNING_KEY is unset.
CREATE TABLE "child_session_key" (
    "kid" TEXT NOT NULL,
    "jwk" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "child_session_key_pkey" PRIMARY KEY ("kid")
);
