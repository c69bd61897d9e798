import { Controller, Get, Query } from '@nestjs/common';
import { CENTRAL_OFFICE, DISTRICT_IDS, type DistrictId } from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { CurrentIdentity, Identity, Roles } from '@delaktig/service-kit';
import { z } from 'zod';
import { AuditLog } from './audit-log';

const listQuery = z.object({
  districtId: z.enum(DISTRICT_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeSeq: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a sequence number')
    .optional(),
});

@Controller('internal/v1/audit')
export class AuditController {
  constructor(private readonly log: AuditLog) {}

  /** Audit entries of the auditor's scope: their own district; the central auditor any district. */
  @Get('entries')
  @Roles('auditor')
  async entries(@Query() query: unknown, @CurrentIdentity() who: Identity) {
    const q = parseOrThrow(listQuery, query);
    const districtId = scope(who, q.districtId);
    const rows = await this.log.list(districtId, q.limit, q.beforeSeq ? BigInt(q.beforeSeq) : undefined);
    return {
      items: rows.map((r) => ({
        seq: r.seq.toString(),
        districtId: r.districtId,
        occurredAt: r.occurredAt.toISOString(),
        actor: r.actor,
        action: r.action,
        objectType: r.objectType,
        objectId: r.objectId,
        hash: r.hash,
      })),
    };
  }

  @Get('verify')
  @Roles('auditor')
  async verify(@Query() query: unknown, @CurrentIdentity() who: Identity) {
    const q = parseOrThrow(listQuery.pick({ districtId: true }), query);
    const districtId = scope(who, q.districtId);
    return { districtId, ...(await this.log.verify(districtId)) };
  }
}

function scope(who: Identity, requested: DistrictId | undefined): DistrictId {
  if (!requested || requested === who.districtId) return who.districtId;
  if (who.districtId === CENTRAL_OFFICE) return requested;
  throw new AppError('FORBIDDEN', 'You may read only your own district\'s audit log.');
}
