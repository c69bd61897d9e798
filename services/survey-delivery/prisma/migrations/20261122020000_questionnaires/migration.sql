-- CreateTable
CREATE TABLE "questionnaire_template" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "name_sv" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "questionnaire_template_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "questionnaire_template_age_band_check" CHECK ("age_band" IN ('6-11', '12-18'))
);
CREATE UNIQUE INDEX "questionnaire_template_key_key" ON "questionnaire_template"("key");

-- CreateTable
CREATE TABLE "questionnaire_version" (
    "id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "content_sha256" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "published_by" TEXT,
    CONSTRAINT "questionnaire_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "questionnaire_version_status_check" CHECK ("status" IN ('draft', 'published')),
    CONSTRAINT "questionnaire_version_version_check" CHECK ("version" > 0),
    CONSTRAINT "questionnaire_version_published_check" CHECK (
        ("status" = 'published') = ("published_at" IS NOT NULL AND "published_by" IS NOT NULL)
    )
);
CREATE UNIQUE INDEX "questionnaire_version_template_id_version_key" ON "questionnaire_version"("template_id", "version");
-- At most one draft per template.
CREATE UNIQUE INDEX "questionnaire_version_one_draft_key" ON "questionnaire_version"("template_id") WHERE "status" = 'draft';
ALTER TABLE "questionnaire_version" ADD CONSTRAINT "questionnaire_version_template_id_fkey"
    FOREIGN KEY ("template_id") REFERENCES "questionnaire_template"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Published versions are immutable: what a child answered must always be readable as it was asked.
CREATE FUNCTION questionnaire_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'questionnaire_version % is published and immutable', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER questionnaire_version_no_change_when_published BEFORE UPDATE OR DELETE ON "questionnaire_version"
  FOR EACH ROW EXECUTE FUNCTION questionnaire_version_immutable();

-- AlterTable
ALTER TABLE "invitation" ADD COLUMN "questionnaire_version_id" UUID;
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_questionnaire_version_id_fkey"
    FOREIGN KEY ("questionnaire_version_id") REFERENCES "questionnaire_version"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;
