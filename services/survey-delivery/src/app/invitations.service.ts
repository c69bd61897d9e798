import { Inject, Injectable } from '@nestjs/common';
import { createInvitationRequest, InvitationCreatedV1, InvitationView, type AgeBand, type DistrictId } from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { Identity, PRISMA } from '@delaktig/service-kit';
import { currentTraceparent } from '@delaktig/telemetry';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../prisma';
import { QuestionnairesService } from './questionnaires/questionnaires.service';

type InvitationRow = Awaited<ReturnType<Prisma['invitation']['create']>>;

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly questionnaires: QuestionnairesService,
  ) {}

  /**
   * Creates the invitation and its InvitationCreated event in one transaction. The child
   * will answer the newest published questionnaire version of the invitation's age band.
   */
  async create(body: unknown, who: Identity, correlationId: string): Promise<InvitationView> {
    const input = parseOrThrow(createInvitationRequest(), body);
    const id = randomUUID();
    const createdAt = new Date();
    const row = await this.prisma.$transaction(async (tx) => {
      const questionnaireVersionId = await this.questionnaires.latestPublishedFor(tx, input.ageBand);
      if (!questionnaireVersionId) {
        throw new AppError('CONFLICT', `No questionnaire is published for age band ${input.ageBand} yet. The central office must publish one first.`);
      }
      const created = await tx.invitation.create({
        data: {
          id,
          districtId: who.districtId,
          unitId: who.unitId,
          caseReference: input.caseReference,
          birthYear: input.birthYear,
          ageBand: input.ageBand,
          createdBy: who.sub,
          createdAt,
          questionnaireVersionId,
        },
      });
      await addToOutbox(tx, [
        outboxEntry(
          InvitationCreatedV1,
          { invitationId: id, districtId: who.districtId, unitId: who.unitId, ageBand: input.ageBand, createdBy: who.sub, createdAt: createdAt.toISOString(), questionnaireVersionId },
          { key: id, source: 'survey-delivery', correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: createdAt },
        ),
      ]);
      return created;
    });
    return toView(row);
  }

  /** A caseworker sees the invitations they created; a unit lead those of their unit; always within the district. */
  async list(who: Identity): Promise<InvitationView[]> {
    const scope = who.roles.includes('unit-lead') && who.unitId ? { unitId: who.unitId } : { createdBy: who.sub };
    const rows = await this.prisma.invitation.findMany({
      where: { districtId: who.districtId, ...scope },
      orderBy: { createdAt: 'desc' },
      take: 100,
    });
    return rows.map(toView);
  }
}

function toView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    caseReference: row.caseReference,
    birthYear: row.birthYear,
    ageBand: row.ageBand as AgeBand,
    districtId: row.districtId as DistrictId,
    createdAt: row.createdAt.toISOString(),
    questionnaireVersionId: row.questionnaireVersionId,
  };
}
