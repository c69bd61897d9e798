-- Staff registry (personal identity numbers only as keyed hash + masked form), the OpenID
-- Connect provider's storage and signing keys, BankID login orders and short-lived login evidence.
CREATE TABLE "staff_member" (
    "id" UUID NOT NULL,
    "keycloak_username" TEXT NOT NULL,
    "district_id" TEXT NOT NULL,
    "unit" TEXT,
    "role" TEXT NOT NULL,
    "pin_hash" TEXT NOT NULL,
    "pin_masked" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deactivated_at" TIMESTAMPTZ(3),
    CONSTRAINT "staff_member_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "staff_member_status_check" CHECK ("status" IN ('active', 'deactivated')),
    CONSTRAINT "staff_member_pin_hash_check" CHECK ("pin_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "staff_member_pin_masked_check" CHECK ("pin_masked" ~ '^[0-9]{8}-\*{4}$')
);
CREATE UNIQUE INDEX "staff_member_keycloak_username_key" ON "staff_member"("keycloak_username");
CREATE UNIQUE INDEX "staff_member_pin_hash_key" ON "staff_member"("pin_hash");
CREATE INDEX "staff_member_district_id_status_idx" ON "staff_member"("district_id", "status");

CREATE TABLE "oidc_payload" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grant_id" TEXT,
    "user_code" TEXT,
    "uid" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "consumed_at" TIMESTAMPTZ(3),
    CONSTRAINT "oidc_payload_pkey" PRIMARY KEY ("kind", "id")
);
CREATE INDEX "oidc_payload_grant_id_idx" ON "oidc_payload"("grant_id");
CREATE INDEX "oidc_payload_uid_idx" ON "oidc_payload"("uid");
CREATE INDEX "oidc_payload_expires_at_idx" ON "oidc_payload"("expires_at");

CREATE TABLE "oidc_signing_key" (
    "kid" TEXT NOT NULL,
    "jwk" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "oidc_signing_key_pkey" PRIMARY KEY ("kid")
);

CREATE TABLE "bankid_login" (
    "uid" TEXT NOT NULL,
    "order_ref" TEXT NOT NULL,
    "auto_start_token" TEXT NOT NULL,
    "qr_start_token" TEXT NOT NULL,
    "qr_start_secret" TEXT,
    "status" TEXT NOT NULL,
    "hint_code" TEXT,
    "outcome" TEXT,
    "redirect_to" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_collect_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "bankid_login_pkey" PRIMARY KEY ("uid")
);
CREATE INDEX "bankid_login_expires_at_idx" ON "bankid_login"("expires_at");

CREATE TABLE "login_evidence" (
    "staff_id" UUID NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "login_evidence_pkey" PRIMARY KEY ("staff_id")
);
CREATE INDEX "login_evidence_expires_at_idx" ON "login_evidence"("expires_at");
