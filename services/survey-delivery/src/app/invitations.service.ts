import { Inject, Injectable } from '@nestjs/common';
import type { SurveyDeliveryConfig } from '@delaktig/config';
import {
  createInvitationRequest,
  extendInvitationRequest,
  INVITATION_STATUSES,
  InvitationAccessedV1,
  InvitationCreatedV2,
  InvitationExtendedV1,
  InvitationRevokedV1,
  InvitationView,
  type AgeBand,
  type Channel,
  type ChildLanguage,
  type DistrictId,
  type Gender,
  type InvitationStatus,
} from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { CONFIG, Identity, PRISMA } from '@delaktig/service-kit';
import { currentTraceparent } from '@delaktig/telemetry';
import { z } from 'zod';
import type { Prisma } from '../prisma';
import { DeliveryWorker, enqueueDelivery } from './delivery/delivery.worker';
import { childRef, maskContact, SecretBox } from './delivery/secrets';
import { canMove } from './delivery/status';

type InvitationRow = Awaited<ReturnType<Prisma['invitation']['create']>>;
type DeliveryRow = Awaited<ReturnType<Prisma['delivery']['create']>>;
const DAY_MS = 86_400_000;

/** What the gateway adds to the caseworker's request (ADR 0009). */
const internalFields = z.object({
  id: z.uuid({ error: 'must be a uuid' }),
  linkToken: z
    .string({ error: 'is required' })
    .min(16, 'must be at least 16 characters')
    .max(200, 'may be at most 200 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'must be URL-safe base64'),
  /** Identity accepted a young person's personal identity number for BankID (ADR 0010). */
  childBankId: z.boolean({ error: 'must be true or false' }).default(false),
});

const listQuery = z
  .object({
    status: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').filter(Boolean) : []))
      .pipe(z.array(z.enum(INVITATION_STATUSES, { error: `must be one of ${INVITATION_STATUSES.join(', ')}` }))),
    q: z.string().trim().max(40, 'may be at most 40 characters').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strip();

@Injectable()
export class InvitationsService {
  private readonly box: SecretBox;

  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(CONFIG) private readonly config: SurveyDeliveryConfig,
    private readonly worker: DeliveryWorker,
  ) {
    this.box = new SecretBox(config.DELIVERY_ENCRYPTION_KEY);
  }

  /**
   * Creates the invitation, its first message in the delivery table and InvitationCreated v2
   * in one transaction (nothing half-created); the delivery worker sends the message.
   */
  async create(body: unknown, who: Identity, correlationId: string): Promise<InvitationView> {
    const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const { id: rawId, linkToken: rawToken, childBankId: rawChildBankId, ...request } = raw;
    const now = new Date();
    const input = parseOrThrow(createInvitationRequest(now, { maxExpiryDays: this.config.INVITATION_MAX_EXPIRY_DAYS }), request);
    const { id, linkToken, childBankId } = parseOrThrow(internalFields, { id: rawId, linkToken: rawToken, childBankId: rawChildBankId });
    // A young person's personal identity number is for the identity service only (the gateway sends it there).
    if (input.childPersonalNumber) throw AppError.validation([{ field: 'childPersonalNumber', reason: 'is accepted only through the gateway (identity keeps it); never here' }]);
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : new Date(now.getTime() + this.config.INVITATION_DEFAULT_EXPIRY_DAYS * DAY_MS);
    const ref = childRef(this.config.CHILD_REF_KEY, who.districtId, input.caseReference, input.birthYear);
    const row = await this.prisma.$transaction(async (tx) => {
      const questionnaireVersionId = await this.versionFor(tx, input.ageBand, input.questionnaireVersionId);
      if (await tx.invitation.findUnique({ where: { id }, select: { id: true } })) {
        throw new AppError('CONFLICT', 'An invitation with this id exists already.');
      }
      // Occasions of one child are numbered in order even when two are created at once.
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', ref);
      const occasion = (await tx.invitation.count({ where: { districtId: who.districtId, childRef: ref } })) + 1;
      const created = await tx.invitation.create({
        data: {
          id,
          districtId: who.districtId,
          unitId: who.unitId,
          caseReference: input.caseReference,
          birthYear: input.birthYear,
          ageBand: input.ageBand,
          createdBy: who.sub,
          createdAt: now,
          questionnaireVersionId,
          gender: input.gender,
          language: input.language,
          channel: input.channel,
          contactEnc: this.box.seal(input.contact),
          contactHint: maskContact(input.channel, input.contact),
          linkEnc: this.box.seal(linkToken),
          discreet: input.discreet,
          expiresAt,
          meetingDate: input.meetingDate ? new Date(`${input.meetingDate}T00:00:00Z`) : null,
          occasion,
          childRef: ref,
          status: 'created',
          statusAt: now,
          childBankId,
        },
      });
      await enqueueDelivery(tx, { invitationId: id, purpose: 'invitation', channel: input.channel, correlationId, round: 1 });
      await addToOutbox(tx, [
        outboxEntry(
          InvitationCreatedV2,
          {
            invitationId: id,
            districtId: who.districtId,
            unitId: who.unitId,
            ageBand: input.ageBand,
            createdBy: who.sub,
            createdAt: now.toISOString(),
            questionnaireVersionId,
            expiresAt: expiresAt.toISOString(),
            language: input.language,
            channel: input.channel,
            discreet: input.discreet,
            gender: input.gender,
            birthYear: input.birthYear,
            occasion,
            meetingDate: input.meetingDate ?? null,
            childRef: ref,
          },
          { key: id, source: 'survey-delivery', correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: now },
        ),
      ]);
      return created;
    });
    this.worker.kick();
    return toView(row);
  }

  /** The published version the child answers: the one asked for (checked) or the newest of the age band. */
  private async versionFor(tx: Parameters<Parameters<Prisma['$transaction']>[0]>[0], ageBand: AgeBand, requested?: string): Promise<string> {
    if (!requested) {
      const latest = await tx.questionnaireVersion.findFirst({
        where: { status: 'published', template: { ageBand } },
        orderBy: [{ publishedAt: 'desc' }, { version: 'desc' }],
        select: { id: true },
      });
      if (!latest) throw new AppError('CONFLICT', `No questionnaire is published for age band ${ageBand} yet. The central office must publish one first.`);
      return latest.id;
    }
    const v = await tx.questionnaireVersion.findUnique({ where: { id: requested }, select: { status: true, template: { select: { ageBand: true } } } });
    const bad = (reason: string) => AppError.validation([{ field: 'questionnaireVersionId', reason }]);
    if (!v) throw bad('is not a known questionnaire version');
    if (v.status !== 'published') throw bad('is a draft; only published versions can be sent');
    if (v.template.ageBand !== ageBand) throw bad(`is for age band ${v.template.ageBand}, not ${ageBand}`);
    return requested;
  }

  /** A caseworker reaches the invitations they created; a unit lead those of their unit; always within the district. */
  private scope(who: Identity) {
    const own = who.roles.includes('unit-lead') && who.unitId ? { unitId: who.unitId } : { createdBy: who.sub };
    return { districtId: who.districtId, ...own };
  }

  /**
   * Records that `who` read these invitations (audit, issue 11) before anything is returned:
   * if the record cannot be written, the caller gets an error instead of the data.
   */
  private async recordReads(who: Identity, rows: { id: string; districtId: string }[], action: 'list' | 'detail', correlationId: string): Promise<void> {
    if (!rows.length) return;
    const now = new Date();
    await addToOutbox(
      this.prisma,
      rows.map((r) =>
        outboxEntry(
          InvitationAccessedV1,
          { invitationId: r.id, districtId: r.districtId as DistrictId, actor: who.sub, action, at: now.toISOString() },
          { key: r.id, source: 'survey-delivery', correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: now },
        ),
      ),
    );
  }

  async list(who: Identity, query: unknown, correlationId: string): Promise<InvitationView[]> {
    const q = parseOrThrow(listQuery, query ?? {});
    const rows = await this.prisma.invitation.findMany({
      where: {
        ...this.scope(who),
        ...(q.status.length ? { status: { in: q.status } } : {}),
        ...(q.q ? { caseReference: { contains: q.q, mode: 'insensitive' as const } } : {}),
      },
      orderBy: { createdAt: 'desc' },
      take: q.limit,
    });
    await this.recordReads(who, rows, 'list', correlationId);
    return rows.map((r) => toView(r));
  }

  private async find(who: Identity, id: string): Promise<InvitationRow> {
    if (!z.uuid().safeParse(id).success) throw new AppError('NOT_FOUND', 'No such invitation.');
    const row = await this.prisma.invitation.findFirst({ where: { id, ...this.scope(who) } });
    if (!row) throw new AppError('NOT_FOUND', 'No such invitation.');
    return row;
  }

  async detail(who: Identity, id: string, correlationId: string): Promise<InvitationView> {
    const row = await this.find(who, id);
    await this.recordReads(who, [row], 'detail', correlationId);
    const deliveries = await this.prisma.delivery.findMany({ where: { invitationId: id }, orderBy: { createdAt: 'asc' } });
    return toView(row, deliveries);
  }

  /** Sends the link again by the same channel (a new message; the code stays the same). */
  async resend(who: Identity, id: string, correlationId: string): Promise<InvitationView> {
    const row = await this.find(who, id);
    const status = row.status as InvitationStatus;
    if (status === 'submitted' || status === 'expired' || status === 'revoked') {
      throw new AppError('CONFLICT', `The invitation is ${status}; it cannot be sent again.`);
    }
    if (!row.channel || !row.contactEnc || !row.linkEnc) throw new AppError('CONFLICT', 'The invitation has no contact details to send to.');
    const pending = await this.prisma.delivery.count({ where: { invitationId: id, state: { in: ['pending', 'sending'] }, purpose: { in: ['invitation', 'resend'] } } });
    if (pending > 0) throw new AppError('CONFLICT', 'A message for this invitation is already on its way.');
    await this.prisma.$transaction((tx) => enqueueDelivery(tx, { invitationId: id, purpose: 'resend', channel: row.channel as Channel, correlationId }));
    this.worker.kick();
    return this.detail(who, id, correlationId);
  }

  async extend(who: Identity, id: string, body: unknown, correlationId: string): Promise<InvitationView> {
    const now = new Date();
    const { expiresAt } = parseOrThrow(extendInvitationRequest(now, this.config.INVITATION_MAX_EXPIRY_DAYS), body ?? {});
    const row = await this.find(who, id);
    if (!canMove(row.status as InvitationStatus, 'expired') || row.status === 'submitted') {
      throw new AppError('CONFLICT', `The invitation is ${row.status}; its expiry cannot be changed.`);
    }
    const at = new Date(expiresAt);
    await this.prisma.$transaction(async (tx) => {
      const n = await tx.invitation.updateMany({ where: { id, status: { notIn: ['expired', 'revoked', 'submitted'] } }, data: { expiresAt: at } });
      if (n.count === 0) throw new AppError('CONFLICT', 'The invitation ended meanwhile.');
      // A new expiry deserves a new reminder.
      await tx.delivery.deleteMany({ where: { invitationId: id, purpose: 'reminder', state: 'pending' } });
      await addToOutbox(tx, [
        outboxEntry(
          InvitationExtendedV1,
          { invitationId: id, districtId: row.districtId as DistrictId, expiresAt: at.toISOString(), extendedBy: who.sub, extendedAt: now.toISOString() },
          { key: id, source: 'survey-delivery', correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: now },
        ),
      ]);
    });
    return this.detail(who, id, correlationId);
  }

  /** Link and code stop working at once (identity consumes InvitationRevoked); contact and link are erased. */
  async revoke(who: Identity, id: string, correlationId: string): Promise<InvitationView> {
    const now = new Date();
    const row = await this.find(who, id);
    if (row.status === 'revoked') return this.detail(who, id, correlationId);
    if (row.status === 'expired' || row.status === 'submitted') throw new AppError('CONFLICT', `The invitation is ${row.status}; there is nothing to revoke.`);
    await this.prisma.$transaction(async (tx) => {
      const n = await tx.invitation.updateMany({
        where: { id, status: { notIn: ['expired', 'revoked', 'submitted'] } },
        data: { status: 'revoked', statusAt: now, contactEnc: null, linkEnc: null, contactHint: null },
      });
      if (n.count === 0) throw new AppError('CONFLICT', 'The invitation changed meanwhile; reload and try again.');
      await tx.delivery.updateMany({ where: { invitationId: id, state: 'pending' }, data: { state: 'failed', lastError: 'not sent: invitation revoked' } });
      await addToOutbox(tx, [
        outboxEntry(
          InvitationRevokedV1,
          { invitationId: id, districtId: row.districtId as DistrictId, revokedBy: who.sub, revokedAt: now.toISOString() },
          { key: id, source: 'survey-delivery', correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: now },
        ),
      ]);
    });
    return this.detail(who, id, correlationId);
  }
}

export function toView(row: InvitationRow, deliveries?: DeliveryRow[]): InvitationView {
  return {
    id: row.id,
    caseReference: row.caseReference,
    birthYear: row.birthYear,
    ageBand: row.ageBand as AgeBand,
    districtId: row.districtId as DistrictId,
    createdAt: row.createdAt.toISOString(),
    questionnaireVersionId: row.questionnaireVersionId,
    status: row.status as InvitationStatus,
    gender: row.gender as Gender,
    language: row.language as ChildLanguage,
    channel: (row.channel as Channel | null) ?? null,
    contactHint: row.contactHint,
    discreet: row.discreet,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    meetingDate: row.meetingDate ? row.meetingDate.toISOString().slice(0, 10) : null,
    occasion: row.occasion,
    createdBy: row.createdBy,
    statusAt: row.statusAt?.toISOString() ?? null,
    lockedAt: row.lockedAt?.toISOString() ?? null,
    childBankId: row.childBankId,
    ...(deliveries
      ? {
          deliveries: deliveries.map((d) => ({
            purpose: d.purpose as 'invitation',
            round: d.round,
            state: d.state as 'pending',
            attempts: d.attempts,
            lastError: d.lastError,
            updatedAt: d.updatedAt.toISOString(),
          })),
        }
      : {}),
  };
}
