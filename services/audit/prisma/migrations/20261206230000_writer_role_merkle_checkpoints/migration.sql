-- A log its owner cannot rewrite (ADR 0014): entry seals, signed checkpoints of the RFC 9162
-- Merkle tree of each district, and a runtime role that may only append.

-- Append-only, whoever asks (the owner and a superuser can disable it; the writer cannot).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

-- Leaf position of each entry in its district's tree, signed with the checkpoint key
-- (Ed25519 over district, leaf index and leaf hash): a superuser without the key can
-- neither alter, move, remove nor re-create an entry without it showing at its position.
CREATE TABLE "audit_entry_seal" (
    "entry_id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "leaf_index" BIGINT NOT NULL,
    "signature" TEXT NOT NULL,
    CONSTRAINT "audit_entry_seal_pkey" PRIMARY KEY ("entry_id")
);
CREATE UNIQUE INDEX "audit_entry_seal_district_id_leaf_index_key" ON "audit_entry_seal"("district_id", "leaf_index");
CREATE TRIGGER audit_entry_seal_no_update_delete BEFORE UPDATE OR DELETE ON "audit_entry_seal"
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();

-- Number of entries (leaves) of each district's tree; the next entry's leaf index.
ALTER TABLE "audit_chain_head" ADD COLUMN "tree_size" BIGINT NOT NULL DEFAULT 0;
UPDATE "audit_chain_head" h SET "tree_size" = (SELECT count(*) FROM "audit_entry" e WHERE e."district_id" = h."district_id");

-- Signed tree heads as issued (the service's own bookkeeping: the compact range lets the
-- next checkpoint extend the tree without rereading it). Verification never trusts this
-- table: it reads the checkpoints back from Kafka.
CREATE TABLE "audit_checkpoint" (
    "district_id" TEXT NOT NULL,
    "tree_size" BIGINT NOT NULL,
    "last_seq" BIGINT NOT NULL,
    "root_hash" TEXT NOT NULL,
    "compact_range" TEXT[] NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("district_id", "tree_size")
);
CREATE TRIGGER audit_checkpoint_no_update_delete BEFORE UPDATE OR DELETE ON "audit_checkpoint"
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();

-- The runtime writer: the service connects as this role (DATABASE_URL); migrations run as
-- the database owner. Created here if the platform has not created it already (production:
-- a managed role with its password from the secret store; dev/test: trust on loopback).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'delaktig_audit_writer') THEN
    CREATE ROLE delaktig_audit_writer LOGIN;
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO delaktig_audit_writer', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO delaktig_audit_writer;
-- The log: read and append only. No UPDATE, DELETE, TRUNCATE, no ownership (so no
-- ALTER TABLE ... DISABLE TRIGGER). seq and recorded_at are the database's to assign.
GRANT SELECT ON "audit_entry", "audit_entry_seal", "audit_checkpoint" TO delaktig_audit_writer;
GRANT INSERT ("id", "event_id", "district_id", "occurred_at", "actor", "action", "object_type", "object_id", "correlation_id", "prev_hash", "hash")
  ON "audit_entry" TO delaktig_audit_writer;
GRANT INSERT ON "audit_entry_seal", "audit_checkpoint" TO delaktig_audit_writer;
GRANT USAGE ON SEQUENCE "audit_entry_seq_seq" TO delaktig_audit_writer;
-- The chain head is the one row per district that must move: it is locked (SELECT FOR
-- UPDATE needs an UPDATE grant) and advanced on every append.
GRANT SELECT, INSERT ON "audit_chain_head" TO delaktig_audit_writer;
GRANT UPDATE ("last_seq", "last_hash", "tree_size") ON "audit_chain_head" TO delaktig_audit_writer;
-- Outbox relay: marks rows published and purges old ones; consumers record and purge ids.
GRANT SELECT, INSERT, DELETE ON "outbox_event" TO delaktig_audit_writer;
GRANT UPDATE ("published_at") ON "outbox_event" TO delaktig_audit_writer;
GRANT USAGE ON SEQUENCE "outbox_event_seq_seq" TO delaktig_audit_writer;
GRANT SELECT, INSERT, DELETE ON "processed_event" TO delaktig_audit_writer;
