-- Safety-alert notification (issue 12, ADR 0018): the staff member's work mobile (the work
-- e-mail is staff_member.email) and each district's escalation ladder with duty contacts.
ALTER TABLE "staff_member" ADD COLUMN "work_mobile" TEXT;
ALTER TABLE "district_setting" ADD COLUMN "alert_ladder" JSONB;
