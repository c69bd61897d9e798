import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { isEvent, SafetyAlertAcknowledgedV1, SafetyAlertRaisedV1, TOPICS } from '@delaktig/contracts';
import { EventBatch, processOnce } from '@delaktig/messaging';
import { Inject } from '@nestjs/common';
import { PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../../prisma';
import { AlertLadderService } from './alert-ladder.service';

/** Starts a ladder for each raised safety alert and closes it on acknowledgement (exactly once per event). */
@Controller()
export class AlertConsumer {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly ladder: AlertLadderService,
  ) {}

  @EventPattern(TOPICS.alert)
  async onAlerts(@Payload() batch: EventBatch): Promise<void> {
    let raised = false;
    await processOnce(this.prisma, 'survey-delivery.alerts', batch.events, async (tx, fresh) => {
      for (const e of fresh) {
        if (isEvent(e, SafetyAlertRaisedV1)) {
          await this.ladder.recordRaised(tx, e.data, e.correlationId);
          raised = true;
        } else if (isEvent(e, SafetyAlertAcknowledgedV1)) await this.ladder.recordAcknowledged(tx, e.data);
      }
    });
    if (raised) this.ladder.tick();
  }
}
