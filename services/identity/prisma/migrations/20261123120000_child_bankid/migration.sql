-- BankID for young people (12–18), where a district turns it on.
-- district_setting: what each district has turned on (its district admin decides).
CREATE TABLE "district_setting" (
    "district_id" TEXT NOT NULL,
    "child_bankid" BOOLEAN NOT NULL DEFAULT false,
    "updated_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "district_setting_pkey" PRIMARY KEY ("district_id")
);

-- The young person's personal identity number, only as a keyed hash (HMAC-SHA256 with
-- CHILD_ACCESS_HASH_KEY), compared with the number BankID reports. Never stored in clear.
ALTER TABLE "child_access" ADD COLUMN "pin_hash" TEXT;
ALTER TABLE "child_access" ADD CONSTRAINT "child_access_pin_hash_check" CHECK ("pin_hash" IS NULL OR "pin_hash" ~ '^[0-9a-f]{64}$');

-- One BankID order per attempt of a young person; kept for ten minutes.
CREATE TABLE "child_bankid_order" (
    "id" UUID NOT NULL,
    "invitation_id" UUID NOT NULL,
    "order_ref" TEXT NOT NULL,
    "auto_start_token" TEXT NOT NULL,
    "qr_start_token" TEXT NOT NULL,
    "qr_start_secret" TEXT,
    "status" TEXT NOT NULL,
    "hint_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_collect_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "child_bankid_order_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "child_bankid_order_status_check" CHECK ("status" IN ('pending', 'failed', 'complete')),
    CONSTRAINT "child_bankid_order_invitation_fkey" FOREIGN KEY ("invitation_id") REFERENCES "child_access"("invitation_id") ON DELETE CASCADE
);
CREATE INDEX "child_bankid_order_expires_at_idx" ON "child_bankid_order"("expires_at");
CREATE INDEX "child_bankid_order_invitation_id_idx" ON "child_bankid_order"("invitation_id");
