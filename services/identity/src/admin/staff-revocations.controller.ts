import { Controller, Get, Header, Inject } from '@nestjs/common';
import { PRISMA, Public } from '@delaktig/service-kit';
import type { PrismaClient } from '../generated/prisma/client';

/**
 * Deactivated staff, for the gateway: access tokens Keycloak issued to them before the
 * deactivation stay cryptographically valid until they expire (≤ 5 min), so the gateway
 * refuses them by this list. Only pseudonymous subjects (Keycloak user ids) and times.
 */
@Controller('internal/v1/staff-revocations')
export class StaffRevocationsController {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  async list(): Promise<{ items: { subject: string; deactivatedAt: string }[] }> {
    const rows = await this.prisma.staffMember.findMany({
      where: { status: 'deactivated', keycloakUserId: { not: null } },
      select: { keycloakUserId: true, deactivatedAt: true, updatedAt: true },
    });
    return { items: rows.map((r) => ({ subject: r.keycloakUserId as string, deactivatedAt: (r.deactivatedAt ?? r.updatedAt).toISOString() })) };
  }
}
