import { Controller, Get, Inject, Query } from '@nestjs/common';
import { CENTRAL_OFFICE, DISTRICT_IDS, type DistrictId } from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { CurrentIdentity, type Identity, PRISMA, Roles } from '@delaktig/service-kit';
import { createLogger } from '@delaktig/telemetry';
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { KeycloakAdmin } from './keycloak-admin';
import { KEYCLOAK_ADMIN } from './staff-admin.service';

/** How many registry entries without a known Keycloak user id are looked up in Keycloak per call. */
const LINKS_PER_CALL = 50;

/**
 * Names of the staff of an auditor's scope, for the log review (ADR 0016): the audit log names
 * people by their Keycloak subject only. Caseworkers and unit leads get their own district's
 * (and the central office's) names too: who acknowledged a safety alert is shown by name (ADR 0018). A district auditor gets their district's staff and
 * the central office's; the central auditor any district's, or everyone's. Each entry lists
 * the ids the person can appear under in the log (Keycloak subject and registry id).
 */
@Controller('internal/v1/staff-directory')
@Roles('auditor', 'caseworker', 'unit-lead')
export class StaffDirectoryController {
  private readonly log = createLogger('identity').child({ component: 'staff-directory' });

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(KEYCLOAK_ADMIN) private readonly keycloak: KeycloakAdmin,
  ) {}

  @Get()
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = parseOrThrow(z.object({ districtId: z.enum([...DISTRICT_IDS, 'all']).optional() }), query);
    let districts: DistrictId[] | null;
    if (!who.roles.includes('auditor') && q.districtId && q.districtId !== who.districtId) throw new AppError('FORBIDDEN', "You may see only your own district's staff.");
    if (!who.roles.includes('auditor')) districts = [who.districtId, CENTRAL_OFFICE];
    else if (who.districtId === CENTRAL_OFFICE) districts = q.districtId === 'all' ? null : [q.districtId ?? CENTRAL_OFFICE, CENTRAL_OFFICE];
    else if (!q.districtId || q.districtId === who.districtId) districts = [who.districtId, CENTRAL_OFFICE];
    else throw new AppError('FORBIDDEN', 'You may see only your own district\'s staff.');
    const rows = await this.prisma.staffMember.findMany({
      where: districts ? { districtId: { in: districts } } : {},
      select: { id: true, keycloakUsername: true, keycloakUserId: true, givenName: true, familyName: true },
      orderBy: { keycloakUsername: 'asc' },
    });
    // Registered before admin screens existed (demo staff): learn the Keycloak user id once, as the admin screens do.
    for (const row of rows.filter((r) => !r.keycloakUserId).slice(0, LINKS_PER_CALL)) {
      try {
        const user = await this.keycloak.findUserByUsername(row.keycloakUsername);
        if (user) {
          await this.prisma.staffMember.update({ where: { id: row.id }, data: { keycloakUserId: user.id } });
          row.keycloakUserId = user.id;
        }
      } catch (e) {
        this.log.warn({ err: (e as Error).message }, 'Keycloak user lookup failed; the name is shown by registry id only');
        break;
      }
    }
    return {
      items: rows.map((r) => ({
        ids: [r.keycloakUserId, r.id].filter((x): x is string => !!x),
        name: [r.givenName, r.familyName].filter(Boolean).join(' ') || r.keycloakUsername,
      })),
    };
  }
}
