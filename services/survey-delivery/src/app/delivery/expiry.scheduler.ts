import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { SurveyDeliveryConfig } from '@delaktig/config';
import { InvitationExpiredV1, type DistrictId } from '@delaktig/contracts';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { CONFIG, PRISMA } from '@delaktig/service-kit';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../prisma';
import { DeliveryWorker } from './delivery.worker';

/**
 * Expires invitations past their expiry (InvitationExpired, contact and link erased) and
 * queues one reminder per invitation REMINDER_HOURS_BEFORE_EXPIRY before expiry for a
 * child who has not started. Safe with several instances (SKIP LOCKED, unique message key).
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpiryScheduler');
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(CONFIG) private readonly config: SurveyDeliveryConfig,
    private readonly worker: DeliveryWorker,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.tick(), this.config.EXPIRY_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<{ expired: number; reminders: number }> {
    if (this.busy) return { expired: 0, reminders: 0 };
    this.busy = true;
    try {
      const expired = await this.expire();
      const reminders = await this.remind();
      if (reminders) this.worker.kick();
      return { expired, reminders };
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'expiry round failed');
      return { expired: 0, reminders: 0 };
    } finally {
      this.busy = false;
    }
  }

  private async expire(): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ id: string; district_id: DistrictId; expires_at: Date }[]>(
        `WITH due AS (
           SELECT id FROM invitation
            WHERE expires_at <= now() AND status NOT IN ('submitted', 'expired', 'revoked')
            ORDER BY expires_at LIMIT 500
            FOR UPDATE SKIP LOCKED)
         UPDATE invitation i SET status = 'expired', status_at = now(), contact_enc = NULL, link_enc = NULL, contact_hint = NULL
           FROM due WHERE i.id = due.id
         RETURNING i.id::text, i.district_id, i.expires_at`,
      );
      if (rows.length === 0) return 0;
      await tx.$executeRawUnsafe(
        `UPDATE delivery SET state = 'failed', last_error = 'not sent: invitation expired', updated_at = now()
          WHERE state = 'pending' AND invitation_id = ANY($1::uuid[])`,
        rows.map((r) => r.id),
      );
      await addToOutbox(
        tx,
        rows.map((r) => {
          const correlationId = randomUUID();
          return outboxEntry(
            InvitationExpiredV1,
            { invitationId: r.id, districtId: r.district_id, expiredAt: new Date(r.expires_at).toISOString() },
            { key: r.id, source: 'survey-delivery', correlationId, causationId: correlationId, occurredAt: new Date() },
          );
        }),
      );
      return rows.length;
    });
  }

  private async remind(): Promise<number> {
    return this.prisma.$executeRawUnsafe(
      `INSERT INTO delivery (id, invitation_id, purpose, round, channel)
       SELECT gen_random_uuid(), i.id, 'reminder', 1, i.channel FROM invitation i
        WHERE i.status IN ('sent', 'opened') AND i.channel IS NOT NULL AND i.contact_enc IS NOT NULL
          AND i.expires_at > now() AND i.expires_at <= now() + make_interval(hours => $1)
          AND i.created_at < i.expires_at - make_interval(hours => $1)
          AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.invitation_id = i.id AND d.purpose = 'reminder')
        LIMIT 500
       ON CONFLICT (invitation_id, purpose, round) DO NOTHING`,
      this.config.REMINDER_HOURS_BEFORE_EXPIRY,
    );
  }
}
