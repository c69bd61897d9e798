import { Controller, Get, Inject } from '@nestjs/common';
import { DISTRICTS, type DistrictId, type ParticipationView } from '@delaktig/contracts';
import { CurrentIdentity, Identity, PRISMA, Roles } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';

@Controller('internal/v1/participation')
export class ParticipationController {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** The caller's own district's participation indicator. */
  @Get()
  @Roles('caseworker', 'unit-lead', 'district-admin', 'central-analyst')
  async own(@CurrentIdentity() who: Identity): Promise<ParticipationView> {
    const row = await this.prisma.districtParticipation.findUnique({ where: { districtId: who.districtId } });
    return {
      districtId: who.districtId,
      invitationsCreated: row?.invitationsCreated ?? 0,
      lastEventAt: row?.lastEventAt?.toISOString() ?? null,
    };
  }

  /** Every district's indicator: central office only (aggregates, never single answers). */
  @Get('districts')
  @Roles('central-analyst')
  async all(): Promise<{ items: ParticipationView[] }> {
    const rows = await this.prisma.districtParticipation.findMany();
    const byId = new Map(rows.map((r) => [r.districtId, r]));
    return {
      items: DISTRICTS.filter((d) => d.id !== 'central').map((d) => ({
        districtId: d.id as DistrictId,
        invitationsCreated: byId.get(d.id)?.invitationsCreated ?? 0,
        lastEventAt: byId.get(d.id)?.lastEventAt?.toISOString() ?? null,
      })),
    };
  }
}
