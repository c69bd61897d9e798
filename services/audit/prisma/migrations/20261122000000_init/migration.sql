-- CreateTable
CREATE TABLE "audit_entry" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "object_type" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "audit_entry_id_key" ON "audit_entry"("id");
CREATE UNIQUE INDEX "audit_entry_event_id_key" ON "audit_entry"("event_id");
CREATE INDEX "audit_entry_district_id_seq_idx" ON "audit_entry"("district_id", "seq");

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "district_id" TEXT NOT NULL,
    "last_seq" BIGINT NOT NULL,
    "last_hash" TEXT NOT NULL,
    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("district_id")
);

-- Audit entries are append-only: no UPDATE or DELETE, whoever asks.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only';
END;
$$;
CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON "audit_entry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
-- Outbox and idempotent-consumer tables (same as libs/messaging MESSAGING_TABLES_SQL).
CREATE TABLE "outbox_event" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

CREATE TABLE "processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer", "event_id")
);
