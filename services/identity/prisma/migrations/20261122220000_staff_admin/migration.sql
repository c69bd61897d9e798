-- Staff administration (district admins): the Keycloak user each registry entry belongs to,
-- and the name and e-mail the admin registered (shown in the admin screens; Keycloak has
-- them too). The personal identity number stays only as pin_hash + pin_masked.
ALTER TABLE "staff_member" ADD COLUMN "keycloak_user_id" TEXT;
ALTER TABLE "staff_member" ADD COLUMN "given_name" TEXT;
ALTER TABLE "staff_member" ADD COLUMN "family_name" TEXT;
ALTER TABLE "staff_member" ADD COLUMN "email" TEXT;
CREATE UNIQUE INDEX "staff_member_keycloak_user_id_key" ON "staff_member"("keycloak_user_id");
CREATE INDEX "staff_member_role_status_idx" ON "staff_member"("role", "status");
