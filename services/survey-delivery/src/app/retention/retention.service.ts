import { Inject, Injectable } from '@nestjs/common';
import type { SurveyDeliveryConfig } from '@delaktig/config';
import { InvitationDataErasedV1 } from '@delaktig/contracts';
import { CONFIG, PRISMA, ScheduledRetention, type ErasedRow, type RetentionTx } from '@delaktig/service-kit';
import type { Prisma } from '../../prisma';

type Settings = Pick<SurveyDeliveryConfig, 'RETENTION_CONTACT_DAYS' | 'RETENTION_INVITATION_DAYS' | 'RETENTION_SAFETY_ALERT_DAYS' | 'RETENTION_INTERVAL_MINUTES'>;
const BATCH = 500;
/** When an ended invitation was last touched: its end, or its latest message (feedback notices come later). */
const LAST_TOUCHED = `greatest(coalesce(i.status_at, i.created_at), (SELECT max(d.created_at) FROM delivery d WHERE d.invitation_id = i.id))`;
const ENDED = `i.status IN ('submitted', 'expired', 'revoked')`;

/**
 * Retention (gallring, ADR 0019) in survey-delivery: the child's encrypted contact data and link
 * RETENTION_CONTACT_DAYS after an ended invitation's last message; the invitation with its case
 * reference and messages RETENTION_INVITATION_DAYS after that; a closed safety alert's messages
 * to staff RETENTION_SAFETY_ALERT_DAYS after it closed. Each invitation touched gets an
 * InvitationDataErased event (audited).
 */
@Injectable()
export class RetentionService extends ScheduledRetention {
  constructor(
    @Inject(PRISMA) prisma: Prisma,
    @Inject(CONFIG) private readonly settings: Settings,
  ) {
    super({ service: 'survey-delivery', lockKey: 0x52455432, intervalMinutes: settings.RETENTION_INTERVAL_MINUTES, prisma, event: InvitationDataErasedV1 });
  }

  protected async batch(tx: RetentionTx, now: Date): Promise<ErasedRow[]> {
    const s = this.settings;
    const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const q = (sql: string, ...params: unknown[]) => tx.$queryRawUnsafe<ErasedRow[]>(sql, ...params);
    return [
      ...(await q(
        `UPDATE invitation SET contact_enc = NULL, contact_hint = NULL, link_enc = NULL
          WHERE id IN (SELECT i.id FROM invitation i WHERE ${ENDED} AND (i.contact_enc IS NOT NULL OR i.link_enc IS NOT NULL) AND ${LAST_TOUCHED} < $1 LIMIT ${BATCH})
         RETURNING id::text AS invitation_id, district_id, 'contact' AS kind`,
        before(s.RETENTION_CONTACT_DAYS),
      )),
      ...(await q(
        `DELETE FROM invitation WHERE id IN (SELECT i.id FROM invitation i WHERE ${ENDED} AND ${LAST_TOUCHED} < $1 LIMIT ${BATCH})
         RETURNING id::text AS invitation_id, district_id, 'invitation' AS kind`,
        before(s.RETENTION_INVITATION_DAYS),
      )),
      ...(await q(
        `DELETE FROM safety_alert_ladder WHERE alert_id IN (SELECT alert_id FROM safety_alert_ladder WHERE closed_at < $1 LIMIT ${BATCH})
         RETURNING invitation_id::text, district_id, 'alert-notifications' AS kind`,
        before(s.RETENTION_SAFETY_ALERT_DAYS),
      )),
    ];
  }
}
