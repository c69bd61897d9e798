import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  DISTRICTS,
  INVOLVEMENT_RATINGS,
  PARTICIPATION_COUNTS,
  type DistrictId,
  type ParticipationPeriodsView,
  type ParticipationTableView,
  type ParticipationView,
  type StatisticsCell,
} from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import { CurrentIdentity, Identity, PRISMA, Roles } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { CellSum, PROTECTION } from './disclosure/cell-key';

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
    const months = parseMonths(monthsParam);

    // The counts kept per district and month (participation_month, maintained by a trigger on
    // invitation_progress): a few hundred rows whatever the number of invitations. Each month and
    // the total are protected cells of their own (ADR 0011): counts and record-key sums are added
    // up first, and only then is the published value derived.
    const rows = await this.prisma.$queryRawUnsafe<{ k: string; period: string; n: number; ks: string }[]>(
      `SELECT k, period, sum(n)::int AS n, (sum(key_sum) % 4294967296)::text AS ks FROM participation_month
        WHERE ($1::text IS NULL OR district_id = $1) AND n <> 0 AND period >= ${SINCE('$2')}
        GROUP BY k, period`,
      districtId,
      months,
    );

    const byPeriod = new Map<string, Cells>();
    const total: Cells = new Map();
    for (const r of rows) {
      const p = byPeriod.get(r.period) ?? new Map<string, CellSum>();
      cellOf(p, r.k).add(r.n, r.ks);
      byPeriod.set(r.period, p);
      cellOf(total, r.k).add(r.n, r.ks);
    }
    return {
      districtId,
      months,
      periods: [...byPeriod.keys()].sort().reverse().map((period) => ({ period, ...shape(byPeriod.get(period) ?? new Map()) })),
      total: shape(total),
    };
  }

  /**
   * Participation per district side by side for the central office (every district) or district
   * staff (their own): each district's counts over the months, and all of them together, each a
   * protected cell of its own.
   */
  @Get('table')
  @Roles('unit-lead', 'district-admin', 'central-analyst')
  async table(@CurrentIdentity() who: Identity, @Query('months') monthsParam?: string): Promise<ParticipationTableView> {
    const months = parseMonths(monthsParam);
    const central = who.roles.includes('central-analyst');
    const districts = central ? DISTRICTS.filter((d) => d.id !== 'central').map((d) => d.id) : [who.districtId];
    // A unit lead (who is not also the district's admin) sees their unit: counted from the
    // invitations themselves, a few hundred rows.
    const unitId = !central && !who.roles.includes('district-admin') ? who.unitId : null;
    if (!central && !who.roles.includes('district-admin') && !unitId) throw new AppError('FORBIDDEN', 'Your account belongs to no unit, so there are no unit statistics to show.');
    const rows = unitId
      ? await this.prisma.$queryRawUnsafe<{ district_id: string; k: string; n: number; ks: string }[]>(
          `SELECT p.district_id, s.k, count(*)::int AS n, (sum(p.record_key) % 4294967296)::text AS ks
             FROM invitation_progress p, LATERAL invitation_steps(p) s
            WHERE p.district_id = $1 AND p.unit_id = $2 AND participation_period(s.ts) >= ${SINCE('$3')}
            GROUP BY 1, 2`,
          who.districtId,
          unitId,
          months,
        )
      : await this.prisma.$queryRawUnsafe<{ district_id: string; k: string; n: number; ks: string }[]>(
          `SELECT district_id, k, sum(n)::int AS n, (sum(key_sum) % 4294967296)::text AS ks FROM participation_month
            WHERE district_id = ANY($1::text[]) AND n <> 0 AND period >= ${SINCE('$2')}
            GROUP BY district_id, k`,
          districts,
          months,
        );
    const byDistrict = new Map<string, Cells>();
    const total: Cells = new Map();
    for (const r of rows) {
      const d = byDistrict.get(r.district_id) ?? new Map<string, CellSum>();
      cellOf(d, r.k).add(r.n, r.ks);
      byDistrict.set(r.district_id, d);
      cellOf(total, r.k).add(r.n, r.ks);
    }
    return {
      months,
      unitId,
      rows: districts.map((id) => ({ districtId: id as DistrictId, ...shape(byDistrict.get(id) ?? new Map()) })),
      total: shape(total),
      protection: PROTECTION,
    };
  }
}

type Cells = Map<string, CellSum>;
const cellOf = (m: Cells, k: string): CellSum => m.get(k) ?? (m.set(k, new CellSum()).get(k) as CellSum);
const publishOf = (m: Cells, k: string): StatisticsCell => m.get(k)?.publish() ?? 0;
const shape = (c: Cells) => ({
  counts: Object.fromEntries(PARTICIPATION_COUNTS.map((k) => [k, publishOf(c, k)])) as ParticipationPeriodsView['total']['counts'],
  ratings: Object.fromEntries(INVOLVEMENT_RATINGS.map((r) => [r, publishOf(c, `rating:${r}`)])) as ParticipationPeriodsView['total']['ratings'],
});
/** The first month (YYYY-MM, Europe/Stockholm) of a window of `param` months ending this month. */
const SINCE = (param: string) => `to_char(date_trunc('month', now() AT TIME ZONE 'Europe/Stockholm') - make_interval(months => ${param}::int - 1), 'YYYY-MM')`;

function parseMonths(monthsParam?: string): number {
  if (monthsParam === undefined) return 12;
  if (!/^\d{1,2}$/.test(monthsParam) || Number(monthsParam) < 1 || Number(monthsParam) > 36) {
    throw AppError.validation([{ field: 'months', reason: 'must be a whole number from 1 to 36' }]);
  }
  return Number(monthsParam);
}
