import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ChildAccessLockedV1, ChildAccessUnlockedV1, FeedbackGivenV1, InvitationOpenedV1, isEvent, ResponseStartedV1, ResponseSubmittedV1, TOPICS } from '@delaktig/contracts';
import { EventBatch, processOnce } from '@delaktig/messaging';
import { PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../../prisma';
import { DeliveryWorker, enqueueDelivery } from './delivery.worker';
import { advanceStatus } from './status';

/**
 * Moves invitations along the answering path from identity's and responses' events
 * (exactly once per event, never backwards), keeps the locked mark of child access, and queues a feedback notice when the
 * caseworker has written feedback.
 */
@Controller()
export class InvitationStatusConsumer {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly worker: DeliveryWorker,
  ) {}

  @EventPattern(TOPICS.childAccess)
  async onChildAccess(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'survey-delivery.child-access', batch.events, async (tx, fresh) => {
      for (const e of fresh) {
        if (isEvent(e, InvitationOpenedV1)) await advanceStatus(tx, e.data.invitationId, 'opened', new Date(e.data.openedAt));
        // The caseworker sees a locked invitation in the list and unlocks it from there.
        else if (isEvent(e, ChildAccessLockedV1)) await tx.invitation.updateMany({ where: { id: e.data.invitationId }, data: { lockedAt: new Date(e.data.lockedAt) } });
        else if (isEvent(e, ChildAccessUnlockedV1)) await tx.invitation.updateMany({ where: { id: e.data.invitationId }, data: { lockedAt: null } });
      }
    });
  }

  @EventPattern(TOPICS.response)
  async onResponses(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'survey-delivery.response', batch.events, async (tx, fresh) => {
      for (const e of fresh) {
        if (isEvent(e, ResponseStartedV1)) await advanceStatus(tx, e.data.invitationId, 'started', new Date(e.data.startedAt));
        else if (isEvent(e, ResponseSubmittedV1)) await advanceStatus(tx, e.data.invitationId, 'submitted', new Date(e.data.submittedAt));
      }
    });
  }

  @EventPattern(TOPICS.feedback)
  async onFeedback(@Payload() batch: EventBatch): Promise<void> {
    let queued = 0;
    await processOnce(this.prisma, 'survey-delivery.feedback', batch.events, async (tx, fresh) => {
      for (const e of fresh) {
        if (!isEvent(e, FeedbackGivenV1)) continue;
        const inv = await tx.invitation.findUnique({ where: { id: e.data.invitationId }, select: { channel: true, contactEnc: true, linkEnc: true } });
        if (!inv?.channel || !inv.contactEnc || !inv.linkEnc) continue;
        if (await enqueueDelivery(tx, { invitationId: e.data.invitationId, purpose: 'feedback-notice', channel: inv.channel as 'sms', correlationId: e.correlationId })) queued++;
      }
    });
    if (queued) this.worker.kick();
  }
}
