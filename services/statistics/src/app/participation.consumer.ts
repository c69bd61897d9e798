import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  InvitationCreatedV1,
  InvitationCreatedV2,
  isEvent,
  QuestionnaireVersionPublishedV1,
  QuestionnaireVersionPublishedV2,
  TOPICS,
  type EventEnvelope,
} from '@delaktig/contracts';
import { EventBatch, processOnce } from '@delaktig/messaging';
import { PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { recordResponses } from './answers.store';
import { RecordKeys } from './disclosure/record-keys';
import { mergeProgress, progressOf, STEP_COLUMN } from './progress';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

/**
 * Projects invitation, child access, response and feedback events into the participation
 * indicator (per invitation: when each step first happened), and published questionnaire
 * versions (v1 and v2) into their own projection. Every handler is idempotent (processOnce).
 */
@Controller()
export class ParticipationConsumer {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly keys: RecordKeys,
  ) {}

  private readonly applyProgress = (tx: Tx, events: EventEnvelope[]) => applyProgress(tx, events, this.keys);

  @EventPattern(TOPICS.invitation)
  async onInvitationEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'statistics.participation', batch.events, async (tx, fresh) => {
      const perDistrict = new Map<string, { created: number; last: string }>();
      for (const e of fresh) {
        if (!isEvent(e, InvitationCreatedV1) && !isEvent(e, InvitationCreatedV2)) continue;
        const d = perDistrict.get(e.data.districtId) ?? { created: 0, last: e.occurredAt };
        d.created += 1;
        if (e.occurredAt > d.last) d.last = e.occurredAt;
        perDistrict.set(e.data.districtId, d);
      }
      for (const [districtId, d] of perDistrict) {
        await tx.$executeRawUnsafe(
          `INSERT INTO district_participation (district_id, invitations_created, last_event_at)
           VALUES ($1, $2, $3::timestamptz)
           ON CONFLICT (district_id) DO UPDATE SET
             invitations_created = district_participation.invitations_created + EXCLUDED.invitations_created,
             last_event_at = GREATEST(district_participation.last_event_at, EXCLUDED.last_event_at)`,
          districtId,
          d.created,
          d.last,
        );
      }
      await this.applyProgress(tx, fresh);
    });
  }

  @EventPattern(TOPICS.childAccess)
  async onChildAccessEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'statistics.child-access', batch.events, this.applyProgress);
  }

  @EventPattern(TOPICS.response)
  async onResponseEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'statistics.response', batch.events, async (tx, fresh) => {
      await this.applyProgress(tx, fresh);
      await recordResponses(tx, fresh, (id) => this.keys.of(id));
    });
  }

  @EventPattern(TOPICS.alert)
  async onAlertEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'statistics.alert', batch.events, this.applyProgress);
  }

  @EventPattern(TOPICS.feedback)
  async onFeedbackEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'statistics.feedback', batch.events, this.applyProgress);
  }

  @EventPattern(TOPICS.questionnaire)
  async onQuestionnaireEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'statistics.questionnaire', batch.events, async (tx, fresh) => {
      for (const e of fresh) {
        if (!isEvent(e, QuestionnaireVersionPublishedV1) && !isEvent(e, QuestionnaireVersionPublishedV2)) continue;
        const d = e.data;
        const content = 'content' in d ? JSON.stringify(d.content) : null;
        await tx.$executeRawUnsafe(
          `INSERT INTO questionnaire_version (version_id, template_id, key, age_band, version, content_sha256, content, published_at)
           VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::jsonb, $8::timestamptz)
           ON CONFLICT (version_id) DO UPDATE SET content = COALESCE(questionnaire_version.content, EXCLUDED.content)`,
          d.versionId,
          d.templateId,
          d.key,
          d.ageBand,
          d.version,
          d.contentSha256,
          content,
          d.publishedAt,
        );
      }
    });
  }
}

/**
 * Records the first time each step happened; a later or repeated event never moves it. One
 * upsert per step for the whole batch (mergeProgress), so a busy topic costs a few statements.
 */
async function applyProgress(tx: Tx, events: EventEnvelope[], keys: RecordKeys): Promise<void> {
  const updates = events.map(progressOf).filter((u): u is NonNullable<typeof u> => u !== null);
  for (const [step, batch] of mergeProgress(updates)) {
    const ids = batch.map((u) => u.invitationId);
    const districts = batch.map((u) => u.districtId);
    const ats = batch.map((u) => u.at);
    const recordKeys = batch.map((u) => String(keys.of(u.invitationId)));
    if (step === 'rated') {
      // The child may change the rating: keep the newest one.
      await tx.$executeRawUnsafe(
        `INSERT INTO invitation_progress (invitation_id, district_id, rated_at, rating, record_key)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::bigint[])
         ON CONFLICT (invitation_id) DO UPDATE SET
           rating = CASE WHEN invitation_progress.rated_at IS NULL OR EXCLUDED.rated_at >= invitation_progress.rated_at THEN EXCLUDED.rating ELSE invitation_progress.rating END,
           rated_at = GREATEST(invitation_progress.rated_at, EXCLUDED.rated_at)`,
        ids,
        districts,
        ats,
        batch.map((u) => u.rating ?? null),
        recordKeys,
      );
      continue;
    }
    const col = STEP_COLUMN[step];
    await tx.$executeRawUnsafe(
      `INSERT INTO invitation_progress (invitation_id, district_id, ${col}, questionnaire_version_id, record_key, child_ref, unit_id, meeting_date)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::bigint[], $6::text[], $7::text[], $8::date[])
       ON CONFLICT (invitation_id) DO UPDATE SET
         ${col} = LEAST(invitation_progress.${col}, EXCLUDED.${col}),
         questionnaire_version_id = COALESCE(invitation_progress.questionnaire_version_id, EXCLUDED.questionnaire_version_id),
         child_ref = COALESCE(invitation_progress.child_ref, EXCLUDED.child_ref),
         unit_id = COALESCE(invitation_progress.unit_id, EXCLUDED.unit_id),
         meeting_date = COALESCE(invitation_progress.meeting_date, EXCLUDED.meeting_date)`,
      ids,
      districts,
      ats,
      batch.map((u) => u.questionnaireVersionId ?? null),
      recordKeys,
      batch.map((u) => u.childRef ?? null),
      batch.map((u) => u.unitId ?? null),
      batch.map((u) => u.meetingDate ?? null),
    );
  }
}
