import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  DISTRICTS,
  INVOLVEMENT_RATINGS,
  PARTICIPATION_COUNTS,
  type DistrictId,
  type ParticipationPeriodsView,
  type ParticipationView,
} from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import { CurrentIdentity, Identity, PRISMA, Roles } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { suppress } from './progress';

type Counts = Record<string, number>;

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

  /**
   * Counts per month: invitations created, sent, failed, opened, submitted, expired, revoked,
   * feedback given and involvement ratings. A district admin sees their own district; the
   * central office any district or (without `districtId`) all together. Cells 1–4 read "<5".
   */
  @Get('periods')
  @Roles('district-admin', 'central-analyst')
  async periods(@CurrentIdentity() who: Identity, @Query('districtId') districtParam?: string, @Query('months') monthsParam?: string): Promise<ParticipationPeriodsView> {
    const central = who.roles.includes('central-analyst');
    let districtId: DistrictId | null;
    if (districtParam !== undefined && districtParam !== '') {
      if (!DISTRICTS.some((d) => d.id === districtParam)) {
        throw AppError.validation([{ field: 'districtId', reason: `must be one of ${DISTRICTS.map((d) => d.id).join(', ')}` }]);
      }
      if (!central && districtParam !== who.districtId) throw new AppError('FORBIDDEN', 'You can only see the statistics of your own district.');
      districtId = districtParam as DistrictId;
    } else {
      districtId = central ? null : who.districtId;
    }
    let months = 12;
    if (monthsParam !== undefined) {
      if (!/^\d{1,2}$/.test(monthsParam) || Number(monthsParam) < 1 || Number(monthsParam) > 36) {
        throw AppError.validation([{ field: 'months', reason: 'must be a whole number from 1 to 36' }]);
      }
      months = Number(monthsParam);
    }

    // The counts kept per district and month (participation_month, maintained by a trigger on
    // invitation_progress): a few hundred rows whatever the number of invitations.
    const rows = await this.prisma.$queryRawUnsafe<{ k: string; period: string; n: number }[]>(
      `SELECT k, period, sum(n)::int AS n FROM participation_month
        WHERE ($1::text IS NULL OR district_id = $1) AND n <> 0
          AND period >= to_char(date_trunc('month', now() AT TIME ZONE 'Europe/Stockholm') - make_interval(months => $2::int - 1), 'YYYY-MM')
        GROUP BY k, period`,
      districtId,
      months,
    );

    const byPeriod = new Map<string, Counts>();
    const total: Counts = {};
    for (const r of rows) {
      const p = byPeriod.get(r.period) ?? {};
      p[r.k] = (p[r.k] ?? 0) + r.n;
      byPeriod.set(r.period, p);
      total[r.k] = (total[r.k] ?? 0) + r.n;
    }
    const shape = (c: Counts) => ({
      counts: Object.fromEntries(PARTICIPATION_COUNTS.map((k) => [k, suppress(c[k] ?? 0)])) as ParticipationPeriodsView['total']['counts'],
      ratings: Object.fromEntries(INVOLVEMENT_RATINGS.map((r) => [r, suppress(c[`rating:${r}`] ?? 0)])) as ParticipationPeriodsView['total']['ratings'],
    });
    return {
      districtId,
      months,
      periods: [...byPeriod.keys()].sort().reverse().map((period) => ({ period, ...shape(byPeriod.get(period) ?? {}) })),
      total: shape(total),
    };
  }
}
