-- Whether the young person may also open the invitation with their own BankID (identity keeps the
-- keyed hash of their number; this flag only lets the caseworker see it). ADR 0010.
ALTER TABLE "invitation" ADD COLUMN "child_bankid" BOOLEAN NOT NULL DEFAULT false;
