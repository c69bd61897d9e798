-- The identity of this log instance (ADR 0014): signed into every checkpoint, so checkpoints
-- of another instance of the database (a re-created test database, another environment on
-- the same cluster) are told apart from this log's own; the verifier reports them.
CREATE TABLE "audit_log_instance" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "singleton" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "audit_log_instance_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_log_instance_singleton_key" UNIQUE ("singleton"),
    CONSTRAINT "audit_log_instance_singleton_check" CHECK ("singleton")
);
INSERT INTO "audit_log_instance" DEFAULT VALUES;
CREATE TRIGGER audit_log_instance_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log_instance"
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
GRANT SELECT ON "audit_log_instance" TO delaktig_audit_writer;
