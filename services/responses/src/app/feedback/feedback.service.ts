import { Inject, Injectable } from '@nestjs/common';
import { FeedbackAccessedV1, FeedbackGivenV1, INVOLVEMENT_RATINGS, InvolvementRatedV1, type AgeBand, type DistrictId, type Gender } from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { ChildIdentity, Identity, PRISMA } from '@delaktig/service-kit';
import { currentTraceparent } from '@delaktig/telemetry';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Prisma } from '../../prisma';
import { TEXT_CIPHER } from '../child-responses.service';
import { textAad, type SealedText, type TextCipher } from '../text-cipher';
import { FEEDBACK_TEMPLATE_KEYS, FEEDBACK_TEMPLATES } from './templates';
import { caseScope, UUID_RE } from './scope';

export const FEEDBACK_TEXT_MAX = 2000;

const feedbackRequest = z
  .object({
    text: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(FEEDBACK_TEXT_MAX, `may be at most ${FEEDBACK_TEXT_MAX} characters`),
    templateKey: z
      .string()
      .refine((k) => FEEDBACK_TEMPLATE_KEYS.includes(k), `must be one of ${FEEDBACK_TEMPLATE_KEYS.join(', ')}`)
      .nullish(),
  })
  .strict();

const ratingRequest = z.object({ rating: z.enum(INVOLVEMENT_RATINGS, { error: `must be one of ${INVOLVEMENT_RATINGS.join(', ')}` }) }).strict();

export interface FeedbackView {
  id: string;
  invitationId: string;
  text: string;
  templateKey: string | null;
  givenBy: string;
  givenAt: string;
}

interface CaseRow {
  id: string;
  district_id: string;
  age_band: string;
  gender: string;
  revoked_at: Date | null;
  status: string | null;
}

interface Ctx {
  correlationId: string;
}

const meta = (key: string, ctx: Ctx, at: Date) => ({
  key,
  source: 'responses',
  correlationId: ctx.correlationId,
  causationId: ctx.correlationId,
  traceparent: currentTraceparent(),
  occurredAt: at,
});

/** The AAD binds a sealed feedback text to its invitation and feedback id. */
const feedbackAad = (invitationId: string, feedbackId: string) => textAad(invitationId, `feedback:${feedbackId}`);

/**
 * Feedback (återkoppling): the caseworker (or the unit lead) writes to the child after the
 * meeting; FeedbackGiven makes survey-delivery send a notice by the invitation's channel.
 * The child reads it behind the same code and rates how involved they felt, once
 * (InvolvementRated, for statistics). Texts are sealed like free-text answers.
 */
@Injectable()
export class FeedbackService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(TEXT_CIPHER) private readonly cipher: TextCipher,
  ) {}

  templates() {
    return { items: FEEDBACK_TEMPLATES };
  }

  async give(who: Identity, invitationId: string, body: unknown, ctx: Ctx): Promise<FeedbackView> {
    const inv = await this.staffCase(who, invitationId);
    const input = parseOrThrow(feedbackRequest, body);
    if (inv.revoked_at) throw new AppError('CONFLICT', 'The invitation was withdrawn; the child can no longer read feedback.');
    if (inv.status !== 'submitted') throw new AppError('CONFLICT', 'The child has not sent any answers yet. Feedback comes after the meeting.');
    const id = randomUUID();
    const givenAt = new Date();
    const sealed = this.cipher.seal(input.text, feedbackAad(invitationId, id));
    await this.prisma.$transaction(async (tx) => {
      await tx.feedback.create({
        data: {
          id,
          invitationId,
          districtId: inv.district_id,
          templateKey: input.templateKey ?? null,
          textEnc: sealed as unknown as object,
          givenBy: who.sub,
          givenAt,
        },
      });
      await addToOutbox(tx, [
        outboxEntry(
          FeedbackGivenV1,
          { feedbackId: id, invitationId, districtId: inv.district_id as DistrictId, givenBy: who.sub, givenAt: givenAt.toISOString() },
          meta(invitationId, ctx, givenAt),
        ),
      ]);
    });
    return { id, invitationId, text: input.text, templateKey: input.templateKey ?? null, givenBy: who.sub, givenAt: givenAt.toISOString() };
  }

  /** Feedback given on one invitation (staff), with the child's rating if any. */
  async listForStaff(who: Identity, invitationId: string, ctx: Ctx): Promise<{ items: FeedbackView[]; rating: string | null }> {
    const inv = await this.staffCase(who, invitationId);
    // Recorded before anything is returned (audit, issue 11): no record, no feedback.
    const now = new Date();
    await addToOutbox(this.prisma, [
      outboxEntry(FeedbackAccessedV1, { invitationId, districtId: inv.district_id as DistrictId, actor: who.sub, at: now.toISOString() }, meta(invitationId, ctx, now)),
    ]);
    return { items: await this.items(invitationId), rating: await this.rating(invitationId) };
  }

  /** GET /child/feedback (ADR 0009): `{items: [{id, text, givenAt}], rating}`. */
  async forChild(child: ChildIdentity): Promise<{ items: { id: string; text: string; givenAt: string }[]; rating: string | null }> {
    const items = await this.items(child.invitationId);
    return { items: items.map(({ id, text, givenAt }) => ({ id, text, givenAt })), rating: await this.rating(child.invitationId) };
  }

  /**
   * POST /child/feedback/rating: once per invitation, after feedback was given. The first
   * rating counts; another one gets 409 (statistics count each child's rating once).
   */
  async rate(child: ChildIdentity, body: unknown, ctx: Ctx): Promise<{ rating: string; ratedAt: string }> {
    const input = parseOrThrow(ratingRequest, body);
    const [inv] = await this.prisma.$queryRawUnsafe<CaseRow[]>(
      `SELECT id::text, district_id, age_band, gender, revoked_at, NULL AS status FROM invitation WHERE id = $1::uuid AND district_id = $2`,
      child.invitationId,
      child.districtId,
    );
    if (!inv) throw new AppError('NOT_FOUND', 'No such invitation.');
    const given = await this.prisma.feedback.count({ where: { invitationId: child.invitationId } });
    if (given === 0) throw new AppError('CONFLICT', 'There is no feedback to rate yet.');
    const ratedAt = new Date();
    await this.prisma.$transaction(async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO involvement_rating (invitation_id, district_id, rating, rated_at) VALUES ($1::uuid, $2, $3, $4::timestamptz) ON CONFLICT DO NOTHING`,
        child.invitationId,
        inv.district_id,
        input.rating,
        ratedAt.toISOString(),
      );
      if (inserted === 0) throw new AppError('CONFLICT', 'You have already answered this question. Thank you!');
      await addToOutbox(tx, [
        outboxEntry(
          InvolvementRatedV1,
          {
            invitationId: child.invitationId,
            districtId: inv.district_id as DistrictId,
            ageBand: inv.age_band as AgeBand,
            gender: inv.gender as Gender,
            rating: input.rating,
            ratedAt: ratedAt.toISOString(),
          },
          meta(child.invitationId, ctx, ratedAt),
        ),
      ]);
    });
    return { rating: input.rating, ratedAt: ratedAt.toISOString() };
  }

  private async items(invitationId: string): Promise<FeedbackView[]> {
    const rows = await this.prisma.feedback.findMany({ where: { invitationId }, orderBy: { givenAt: 'asc' } });
    return rows.map((r) => ({
      id: r.id,
      invitationId: r.invitationId,
      text: this.cipher.open(r.textEnc as unknown as SealedText, feedbackAad(r.invitationId, r.id)),
      templateKey: r.templateKey,
      givenBy: r.givenBy,
      givenAt: r.givenAt.toISOString(),
    }));
  }

  private async rating(invitationId: string): Promise<string | null> {
    return (await this.prisma.involvementRating.findUnique({ where: { invitationId } }))?.rating ?? null;
  }

  /** The invitation if it is the caller's (caseworker: created it; unit lead: their unit), in their district; else 404. */
  private async staffCase(who: Identity, invitationId: string): Promise<CaseRow> {
    if (!UUID_RE.test(invitationId)) throw AppError.validation([{ field: 'id', reason: 'must be an invitation id (uuid)' }]);
    const scope = caseScope(who, 2);
    if (!scope) throw new AppError('FORBIDDEN', "Only the child's caseworker and the unit lead give feedback.");
    const [row] = await this.prisma.$queryRawUnsafe<CaseRow[]>(
      `SELECT i.id::text, i.district_id, i.age_band, i.gender, i.revoked_at, r.status
         FROM invitation i LEFT JOIN response r ON r.invitation_id = i.id
        WHERE i.id = $1::uuid AND ${scope.sql}`,
      invitationId,
      ...scope.params,
    );
    if (!row) throw new AppError('NOT_FOUND', 'No such invitation among yours.');
    return row;
  }
}
