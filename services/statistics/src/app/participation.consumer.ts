import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InvitationCreatedV1, isEvent, TOPICS } from '@delaktig/contracts';
import { EventBatch, processOnce } from '@delaktig/messaging';
import { PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';

/** Projects invitation events into the per-district participation indicator. */
@Controller()
export class ParticipationConsumer {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  @EventPattern(TOPICS.invitation)
  async onInvitationEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'statistics.participation', batch.events, async (tx, fresh) => {
      const perDistrict = new Map<string, { created: number; last: string }>();
      for (const e of fresh) {
        if (!isEvent(e, InvitationCreatedV1)) continue;
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
    });
  }
}
