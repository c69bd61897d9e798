import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  InvitationCreatedV2,
  InvitationExpiredV1,
  InvitationExtendedV1,
  InvitationRevokedV1,
  isEvent,
  QuestionnaireVersionPublishedV2,
  SafetyAlertStepReachedV1,
  TOPICS,
} from '@delaktig/contracts';
import { EventBatch, processOnce } from '@delaktig/messaging';
import { PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';

/**
 * What responses needs to know to accept answers: the content of each published
 * questionnaire version (v2 events; v1 carries no content and is skipped) and each
 * invitation's district, unit, creator, version and expiry. Topics are consumed
 * independently, so an invitation may arrive before its version: it is stored anyway and
 * the child's writes are refused as "not ready" (503) until the version arrives.
 */
@Controller()
export class ProjectionsConsumer {
  private readonly logger = new Logger('ProjectionsConsumer');

  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  @EventPattern(TOPICS.questionnaire)
  async onQuestionnaireEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'responses.questionnaire', batch.events, async (tx, fresh) => {
      for (const e of fresh) {
        if (!isEvent(e, QuestionnaireVersionPublishedV2)) continue;
        const d = e.data;
        await tx.$executeRawUnsafe(
          `INSERT INTO questionnaire_version (id, template_id, key, age_band, version, content, content_sha256, published_at)
           VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::jsonb, $7, $8::timestamptz) ON CONFLICT (id) DO NOTHING`,
          d.versionId,
          d.templateId,
          d.key,
          d.ageBand,
          d.version,
          JSON.stringify(d.content),
          d.contentSha256,
          d.publishedAt,
        );
      }
    });
  }

  @EventPattern(TOPICS.invitation)
  async onInvitationEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'responses.invitation', batch.events, async (tx, fresh) => {
      for (const e of fresh) {
        if (isEvent(e, InvitationCreatedV2)) {
          const d = e.data;
          await tx.$executeRawUnsafe(
            `INSERT INTO invitation (id, district_id, unit_id, created_by, age_band, gender, occasion, child_ref, questionnaire_version_id, created_at, expires_at)
             VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9::uuid, $10::timestamptz, $11::timestamptz) ON CONFLICT (id) DO NOTHING`,
            d.invitationId,
            d.districtId,
            d.unitId,
            d.createdBy,
            d.ageBand,
            d.gender,
            d.occasion,
            d.childRef,
            d.questionnaireVersionId,
            d.createdAt,
            d.expiresAt,
          );
        } else if (isEvent(e, InvitationExtendedV1)) {
          // A new expiry reopens an invitation that had expired (never one that was revoked).
          await tx.$executeRawUnsafe(
            `UPDATE invitation SET expires_at = $2::timestamptz, expired_at = NULL WHERE id = $1::uuid AND district_id = $3`,
            e.data.invitationId,
            e.data.expiresAt,
            e.data.districtId,
          );
        } else if (isEvent(e, InvitationRevokedV1)) {
          await tx.$executeRawUnsafe(
            `UPDATE invitation SET revoked_at = COALESCE(revoked_at, $2::timestamptz) WHERE id = $1::uuid AND district_id = $3`,
            e.data.invitationId,
            e.data.revokedAt,
            e.data.districtId,
          );
        } else if (isEvent(e, InvitationExpiredV1)) {
          await tx.$executeRawUnsafe(
            `UPDATE invitation SET expired_at = COALESCE(expired_at, $2::timestamptz) WHERE id = $1::uuid AND district_id = $3`,
            e.data.invitationId,
            e.data.expiredAt,
            e.data.districtId,
          );
        }
      }
    });
    this.logger.debug({ partition: batch.partition, events: batch.events.length }, 'invitation events applied');
  }

  /** The escalation ladder's steps (survey-delivery), shown on the alert; its own alert events are skipped. */
  @EventPattern(TOPICS.alert)
  async onAlertEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'responses.alert', batch.events, async (tx, fresh) => {
      for (const e of fresh) {
        if (!isEvent(e, SafetyAlertStepReachedV1)) continue;
        const d = e.data;
        await tx.$executeRawUnsafe(
          `INSERT INTO safety_alert_step (alert_id, step, reached_at, recipients, without_contact)
           VALUES ($1::uuid, $2, $3::timestamptz, $4, $5) ON CONFLICT (alert_id, step) DO NOTHING`,
          d.alertId,
          d.step,
          d.reachedAt,
          d.recipients,
          d.withoutContact,
        );
      }
    });
  }
}
