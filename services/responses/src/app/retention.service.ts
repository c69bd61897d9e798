import { Inject, Injectable } from '@nestjs/common';
import type { ResponsesConfig } from '@delaktig/config';
import { ResponseDataErasedV1 } from '@delaktig/contracts';
import { CONFIG, PRISMA, ScheduledRetention, type ErasedRow, type RetentionTx } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';

type Settings = Pick<ResponsesConfig, 'RETENTION_RESPONSE_DAYS' | 'RETENTION_UNANSWERED_DAYS' | 'RETENTION_FEEDBACK_DAYS' | 'RETENTION_SAFETY_ALERT_DAYS' | 'RETENTION_INTERVAL_MINUTES'>;

const BATCH = 500;

/**
 * Retention (gallring, ADR 0019) of the children's data in responses: submitted answers after
 * RETENTION_RESPONSE_DAYS, drafts and the invitation's copy RETENTION_UNANSWERED_DAYS after an
 * unanswered invitation ended, feedback and ratings after RETENTION_FEEDBACK_DAYS, acknowledged
 * safety alerts after RETENTION_SAFETY_ALERT_DAYS (never an unacknowledged one). Each invitation
 * touched gets a ResponseDataErased event (audited). Statistics keeps its own counts.
 */
@Injectable()
export class RetentionService extends ScheduledRetention {
  constructor(
    @Inject(PRISMA) prisma: Prisma,
    @Inject(CONFIG) private readonly settings: Settings,
  ) {
    super({ service: 'responses', lockKey: 0x52455431, intervalMinutes: settings.RETENTION_INTERVAL_MINUTES, prisma, event: ResponseDataErasedV1 });
  }

  protected async batch(tx: RetentionTx, now: Date): Promise<ErasedRow[]> {
    const s = this.settings;
    const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const q = (sql: string, ...params: unknown[]) => tx.$queryRawUnsafe<ErasedRow[]>(sql, ...params);
    const ended = `coalesce(i.revoked_at, i.expired_at, i.expires_at)`;
    return [
      ...(await q(
        `DELETE FROM response WHERE id IN (SELECT id FROM response WHERE submitted_at < $1 LIMIT ${BATCH})
         RETURNING invitation_id::text, district_id, 'response' AS kind`,
        before(s.RETENTION_RESPONSE_DAYS),
      )),
      ...(await q(
        `DELETE FROM response WHERE id IN (
           SELECT r.id FROM response r JOIN invitation i ON i.id = r.invitation_id WHERE r.submitted_at IS NULL AND ${ended} < $1 LIMIT ${BATCH})
         RETURNING invitation_id::text, district_id, 'draft' AS kind`,
        before(s.RETENTION_UNANSWERED_DAYS),
      )),
      ...(await q(
        `WITH a AS (
           DELETE FROM safety_alert WHERE id IN (SELECT id FROM safety_alert WHERE acknowledged_at < $1 LIMIT ${BATCH}) RETURNING id, invitation_id, district_id
         ), s AS (DELETE FROM safety_alert_step WHERE alert_id IN (SELECT id FROM a))
         SELECT invitation_id::text, district_id, 'safety-alert' AS kind FROM a`,
        before(s.RETENTION_SAFETY_ALERT_DAYS),
      )),
      ...(await q(
        `DELETE FROM feedback WHERE id IN (SELECT id FROM feedback WHERE given_at < $1 LIMIT ${BATCH})
         RETURNING invitation_id::text, district_id, 'feedback' AS kind`,
        before(s.RETENTION_FEEDBACK_DAYS),
      )),
      ...(await q(
        `DELETE FROM involvement_rating WHERE invitation_id IN (SELECT invitation_id FROM involvement_rating WHERE rated_at < $1 LIMIT ${BATCH})
         RETURNING invitation_id::text, district_id, 'rating' AS kind`,
        before(s.RETENTION_FEEDBACK_DAYS),
      )),
      // The invitation's copy goes last, once nothing of it is left and it ended long enough ago.
      ...(await q(
        `DELETE FROM invitation WHERE id IN (
           SELECT i.id FROM invitation i
            WHERE ${ended} < $1
              AND NOT EXISTS (SELECT 1 FROM response r WHERE r.invitation_id = i.id)
              AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.invitation_id = i.id)
              AND NOT EXISTS (SELECT 1 FROM involvement_rating g WHERE g.invitation_id = i.id)
              AND NOT EXISTS (SELECT 1 FROM safety_alert a WHERE a.invitation_id = i.id)
            LIMIT ${BATCH})
         RETURNING id::text AS invitation_id, district_id, 'invitation' AS kind`,
        before(s.RETENTION_UNANSWERED_DAYS),
      )),
    ];
  }
}
