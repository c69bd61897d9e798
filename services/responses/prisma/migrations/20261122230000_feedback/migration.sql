-- Feedback (återkoppling) from the caseworker to the child, and the child's involvement rating.
-- The feedback text is personal: stored only as AES-256-GCM ciphertext (same keys as free-text answers).
CREATE TABLE "feedback" (
    "id" UUID NOT NULL,
    "invitation_id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "template_key" TEXT,
    "text_enc" JSONB NOT NULL,
    "given_by" TEXT NOT NULL,
    "given_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "feedback_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "feedback_invitation_id_given_at_idx" ON "feedback"("invitation_id", "given_at");

-- One rating per invitation: the first one counts (a second gets 409), so statistics count each child once.
CREATE TABLE "involvement_rating" (
    "invitation_id" UUID NOT NULL,
    "district_id" TEXT NOT NULL,
    "rating" TEXT NOT NULL CHECK ("rating" IN ('1', '2', '3', '4', '5', 'dont-know')),
    "rated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "involvement_rating_pkey" PRIMARY KEY ("invitation_id")
);
