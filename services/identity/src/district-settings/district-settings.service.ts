import { Inject, Injectable } from '@nestjs/common';
import {
  alertLadder as alertLadderSchema,
  DEFAULT_ALERT_LADDER,
  DistrictSettingsChangedV1,
  updateDistrictSettingsRequest,
  type AlertLadder,
  type DistrictId,
  type DistrictSettingsView,
} from '@delaktig/contracts';
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

/** The district's safety-alert escalation ladder; the defaults when none (or an unreadable one) is stored. */
export function ladderOf(stored: unknown): AlertLadder {
  const parsed = alertLadderSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_ALERT_LADDER;
}

export async function alertLadderOf(db: Db, districtId: string): Promise<AlertLadder> {
  const row = await db.districtSetting.findUnique({ where: { districtId }, select: { alertLadder: true } });
  return ladderOf(row?.alertLadder);
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
      alertLadder: ladderOf(row?.alertLadder),
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
      const childBankId = input.childBankId ?? before?.childBankId ?? false;
      const ladder = input.alertLadder ?? ladderOf(before?.alertLadder);
      const ladderChanged = JSON.stringify(ladder) !== JSON.stringify(ladderOf(before?.alertLadder));
      if (before && before.childBankId === childBankId && !ladderChanged) return;
      const data = { childBankId, alertLadder: input.alertLadder ?? before?.alertLadder ?? undefined, updatedBy: who.sub, updatedAt: at };
      await tx.districtSetting.upsert({
        where: { districtId: who.districtId },
        create: { districtId: who.districtId, ...data },
        update: data,
      });
      await addToOutbox(tx, [
        outboxEntry(
          DistrictSettingsChangedV1,
          { districtId: who.districtId as DistrictId, childBankId, by: who.sub, at: at.toISOString(), alertLadderChanged: ladderChanged },
          { key: who.districtId, source: 'identity', correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: at },
        ),
      ]);
    });
    return this.get(who);
  }
}
