import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@delaktig/contracts';
import { EventBatch, processOnce } from '@delaktig/messaging';
import { PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { AuditLog, NewEntry } from './audit-log';
import { auditEntryFor } from './audit-mapping';
import { applyProjections } from './review/projections';

/** Writes an audit entry for every auditable event (see audit-mapping.ts), exactly once. */
@Controller()
export class AuditConsumer {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly log: AuditLog,
  ) {}

  private async record(consumer: string, batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, consumer, batch.events, async (tx, fresh) => {
      const entries = fresh.map(auditEntryFor).filter((e): e is NewEntry => e !== undefined);
      if (entries.length) await this.log.append(tx, entries);
      await applyProjections(tx, fresh);
    });
  }

  @EventPattern(TOPICS.invitation)
  onInvitationEvents(@Payload() batch: EventBatch): Promise<void> {
    return this.record('audit.invitation', batch);
  }

  /** Questionnaires belong to the central office: their audit entries go into its chain. */
  @EventPattern(TOPICS.questionnaire)
  onQuestionnaireEvents(@Payload() batch: EventBatch): Promise<void> {
    return this.record('audit.questionnaire', batch);
  }

  @EventPattern(TOPICS.staff)
  onStaffEvents(@Payload() batch: EventBatch): Promise<void> {
    return this.record('audit.staff', batch);
  }

  @EventPattern(TOPICS.childAccess)
  onChildAccessEvents(@Payload() batch: EventBatch): Promise<void> {
    return this.record('audit.child-access', batch);
  }

  @EventPattern(TOPICS.response)
  onResponseEvents(@Payload() batch: EventBatch): Promise<void> {
    return this.record('audit.response', batch);
  }

  @EventPattern(TOPICS.alert)
  onAlertEvents(@Payload() batch: EventBatch): Promise<void> {
    return this.record('audit.alert', batch);
  }

  @EventPattern(TOPICS.statisticsExport)
  onStatisticsExports(@Payload() batch: EventBatch): Promise<void> {
    return this.record('audit.statistics-export', batch);
  }

  @EventPattern(TOPICS.feedback)
  onFeedbackEvents(@Payload() batch: EventBatch): Promise<void> {
    return this.record('audit.feedback', batch);
  }
}
