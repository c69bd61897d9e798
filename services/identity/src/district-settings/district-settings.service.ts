import { Inject, Injectable } from '@nestjs/common';
import { DistrictSettingsChangedV1, updateDistrictSettingsRequest, type DistrictId, type DistrictSettingsView } from '@delaktig/contracts';
import { parseOrThrow } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { PRISMA, type Identity } from '@delaktig/service-kit';
import { currentTraceparent } from '@delaktig/telemetry';
import type { PrismaClient } from '../generated/prisma/client';

type Db = Pick<PrismaClient, 'districtSetting'>;

/** Whether young people of the district may open their invitations with BankID. Off unless turned on. */
export async function childBankIdOn(db: Db, districtId: string): Promise<boolean> {
  const row = await db.districtSetting.findUnique({ where: { districtId }, select: { childBankId: true } });
  return row?.childBankId ?? false;
}

/** A district's own settings: every staff member reads their district's; its district admin changes them. */
@Injectable()
export class DistrictSettingsService {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async get(who: Identity): Promise<DistrictSettingsView> {
    const row = await this.prisma.districtSetting.findUnique({ where: { districtId: who.districtId } });
    return {
      districtId: who.districtId,
      childBankId: row?.childBankId ?? false,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  }

  /** Changes the caller's own district's settings, with an audit event in the same transaction. */
  async update(who: Identity, body: unknown, correlationId: string): Promise<DistrictSettingsView> {
    const input = parseOrThrow(updateDistrictSettingsRequest, body);
    const at = new Date();
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.districtSetting.findUnique({ where: { districtId: who.districtId } });
      if (before && before.childBankId === input.childBankId) return;
      await tx.districtSetting.upsert({
        where: { districtId: who.districtId },
        create: { districtId: who.districtId, childBankId: input.childBankId, updatedBy: who.sub, updatedAt: at },
        update: { childBankId: input.childBankId, updatedBy: who.sub, updatedAt: at },
      });
      await addToOutbox(tx, [
        outboxEntry(
          DistrictSettingsChangedV1,
          { districtId: who.districtId as DistrictId, childBankId: input.childBankId, by: who.sub, at: at.toISOString() },
          { key: who.districtId, source: 'identity', correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: at },
        ),
      ]);
    });
    return this.get(who);
  }
}
