import { Controller, Get, Inject, Query } from '@nestjs/common';
import { CENTRAL_OFFICE, DISTRICT_IDS } from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { CurrentIdentity, type Identity, PRISMA, Roles } from '@delaktig/service-kit';
import { z } from 'zod';
import type { Prisma } from '../prisma';

const query = z
  .object({
    districtId: z.enum([...DISTRICT_IDS, 'all']).optional(),
    // As invitations store them (letters, digits, "-" and "/"): anything else matches nothing,
    // and a NUL byte would reach PostgreSQL as an invalid text value (a 500 instead of a 400).
    caseReference: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9\-/]+$/, 'may contain only letters A–Z, digits, "-" and "/"')
      .optional(),
    ids: z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.uuid()).max(200))
      .optional(),
  })
  .refine((q) => !!q.caseReference !== !!q.ids, { message: 'give either caseReference or ids', path: ['caseReference'] });

/**
 * For the auditors' log review (ADR 0016): which invitations a case reference has, and the case
 * reference of invitations named in the log. Only ids and case references, never contact data;
 * a district auditor sees their district, the central auditor any district or all.
 */
@Controller('internal/v1/audit-lookup')
@Roles('auditor')
export class AuditLookupController {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  @Get('invitations')
  async invitations(@CurrentIdentity() who: Identity, @Query() raw: unknown) {
    const q = parseOrThrow(query, raw);
    let districtId: string | null;
    if (who.districtId === CENTRAL_OFFICE) districtId = !q.districtId || q.districtId === 'all' ? null : q.districtId;
    else if (!q.districtId || q.districtId === who.districtId) districtId = who.districtId;
    else throw new AppError('FORBIDDEN', 'You may read only your own district.');
    const rows = await this.prisma.invitation.findMany({
      where: {
        ...(districtId ? { districtId } : {}),
        ...(q.caseReference ? { caseReference: { equals: q.caseReference, mode: 'insensitive' as const } } : { id: { in: q.ids ?? [] } }),
      },
      select: { id: true, districtId: true, caseReference: true, occasion: true, createdAt: true },
      orderBy: { createdAt: 'asc' },
      take: 500,
    });
    return { items: rows.map((r) => ({ id: r.id, districtId: r.districtId, caseReference: r.caseReference, occasion: r.occasion, createdAt: r.createdAt.toISOString() })) };
  }
}
