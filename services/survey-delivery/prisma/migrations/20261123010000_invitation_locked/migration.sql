-- The caseworker sees when five wrong codes locked an invitation (from identity's ChildAccessLocked).
ALTER TABLE "invitation" ADD COLUMN "locked_at" TIMESTAMPTZ(3);
