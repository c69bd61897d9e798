import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ALERT_NOTIFIER_SUBJECT, DISTRICT_IDS, type AlertContacts, type AlertRecipient } from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { CurrentIdentity, type Identity, PRISMA } from '@delaktig/service-kit';
import { createLogger } from '@delaktig/telemetry';
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { KeycloakAdmin } from '../admin/keycloak-admin';
import { KEYCLOAK_ADMIN } from '../admin/staff-admin.service';
import { alertLadderOf } from '../district-settings/district-settings.service';

const query = z.object({
  districtId: z.enum(DISTRICT_IDS),
  unitId: z.string().max(100).optional(),
  caseworker: z.string().min(1).max(100),
});

/**
 * Work contacts for a safety alert (issue 12, ADR 0018): the caseworker of the invitation,
 * the active unit leads of its unit, and the district's escalation ladder with its duty
 * contacts. Internal only (never routed by the gateway); the caller must be survey-delivery,
 * with an internal identity of the alert's district. Contact data never goes into events.
 */
@Controller('internal/v1/alert-contacts')
export class AlertContactsController {
  private readonly log = createLogger('identity').child({ component: 'alert-contacts' });

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(KEYCLOAK_ADMIN) private readonly keycloak: KeycloakAdmin,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async get(@CurrentIdentity() who: Identity, @Query() raw: unknown): Promise<AlertContacts> {
    if (who.sub !== ALERT_NOTIFIER_SUBJECT) throw new AppError('FORBIDDEN', 'Only the safety-alert notifier reads work contacts.');
    const q = parseOrThrow(query, raw);
    if (q.districtId !== who.districtId) throw new AppError('FORBIDDEN', "Work contacts of another district than the caller's.");
    const ladder = await alertLadderOf(this.prisma, q.districtId);
    const caseworkerRow = await this.staffBySubject(q.districtId, q.caseworker);
    const leads = q.unitId
      ? await this.prisma.staffMember.findMany({
          where: { districtId: q.districtId, unit: q.unitId, role: 'unit-lead', status: 'active' },
          orderBy: { keycloakUsername: 'asc' },
        })
      : [];
    const view = (r: (typeof leads)[number], role: AlertRecipient['role']): AlertRecipient => ({
      ref: r.keycloakUserId ?? r.id,
      role,
      name: [r.givenName, r.familyName].filter(Boolean).join(' ') || r.keycloakUsername,
      email: r.email,
      mobile: r.workMobile,
    });
    return {
      ladder,
      caseworker: caseworkerRow && caseworkerRow.status === 'active' ? view(caseworkerRow, 'caseworker') : null,
      unitLeads: leads.filter((l) => l.id !== caseworkerRow?.id).map((l) => view(l, 'unit-lead')),
    };
  }

  /** The registry entry of a staff subject (Keycloak user id, or registry id); learns an unknown Keycloak id once. */
  private async staffBySubject(districtId: string, subject: string) {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(subject);
    const known = await this.prisma.staffMember.findFirst({
      where: { districtId, OR: [{ keycloakUserId: subject }, ...(isUuid ? [{ id: subject }] : [])] },
    });
    if (known) return known;
    try {
      const user = await this.keycloak.getUser(subject);
      if (!user) return null;
      const row = await this.prisma.staffMember.findFirst({ where: { districtId, keycloakUsername: user.username, keycloakUserId: null } });
      if (!row) return null;
      return await this.prisma.staffMember.update({ where: { id: row.id }, data: { keycloakUserId: subject } });
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'Keycloak user lookup failed; the caseworker is not notified this time');
      throw new AppError('UPSTREAM_UNAVAILABLE', 'Keycloak is not answering.');
    }
  }
}
