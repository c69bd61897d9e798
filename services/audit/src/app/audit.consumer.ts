import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CENTRAL_OFFICE, InvitationCreatedV1, isEvent, QuestionnaireVersionPublishedV1, TOPICS } from '@delaktig/contracts';
import { EventBatch, processOnce } from '@delaktig/messaging';
import { PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { AuditLog, NewEntry } from './audit-log';

/** Writes an audit entry for every auditable event, exactly once. */
@Controller()
export class AuditConsumer {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly log: AuditLog,
  ) {}

  @EventPattern(TOPICS.invitation)
  async onInvitationEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'audit.invitation', batch.events, async (tx, fresh) => {
      const entries: NewEntry[] = [];
      for (const e of fresh) {
        if (isEvent(e, InvitationCreatedV1)) {
          entries.push({
            eventId: e.id,
            districtId: e.data.districtId,
            occurredAt: e.occurredAt,
            actor: e.data.createdBy,
            action: 'invitation.created',
            objectType: 'invitation',
            objectId: e.data.invitationId,
            correlationId: e.correlationId,
          });
        }
      }
      if (entries.length) await this.log.append(tx, entries);
    });
  }

  /** Questionnaires belong to the central office: their audit entries go into its chain. */
  @EventPattern(TOPICS.questionnaire)
  async onQuestionnaireEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'audit.questionnaire', batch.events, async (tx, fresh) => {
      const entries: NewEntry[] = [];
      for (const e of fresh) {
        if (isEvent(e, QuestionnaireVersionPublishedV1)) {
          entries.push({
            eventId: e.id,
            districtId: CENTRAL_OFFICE,
            occurredAt: e.occurredAt,
            actor: e.data.publishedBy,
            action: 'questionnaire.published',
            objectType: 'questionnaire-version',
            objectId: e.data.versionId,
            correlationId: e.correlationId,
          });
        }
      }
      if (entries.length) await this.log.append(tx, entries);
    });
  }
}
