import { Inject, Injectable } from '@nestjs/common';
import { ResponseStartedV1, ResponseSubmittedV1, type Answer } from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import { addToOutbox, OUTBOX_NOTIFY_CHANNEL, outboxEntry, outboxRowParams, outboxRowsSelect, type OutboxEntry } from '@delaktig/messaging';
import { ChildIdentity, PRISMA } from '@delaktig/service-kit';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../prisma';
import { validateAnswers, type CompiledVersion } from './answers.validator';
import { TextCipher } from './text-cipher';
import { forEvent, INVITATION_STATE_SQL, meta, openAnswer, raiseAlerts, sealAnswers, type EventContext, type InvitationState, type StoredAnswer } from './store';
import { VersionsService } from './versions.service';

export const TEXT_CIPHER = Symbol('TEXT_CIPHER');

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_.:-]{8,200}$/;
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ResponseView {
  status: 'not-started' | 'draft' | 'submitted';
  answers: Answer[];
  position: string | null;
  submittedAt: string | null;
}
export interface DraftSaved {
  savedAt: string;
  /** Questions on which a safety option is chosen: the child app shows their safetyMessage. */
  safety: { questionId: string; raisedNow: boolean }[];
}
export interface Submitted {
  responseId: string;
  submittedAt: string;
  safetyRaised: boolean;
  safety: { questionId: string }[];
}

/**
 * The child's side: read the response (resume on any device), save drafts as the child
 * goes, submit once. Every write is checked against the invitation (expired, revoked,
 * version) and validated in memory against the cached questionnaire version; the write,
 * its safety alerts and its events are one transaction.
 */
@Injectable()
export class ChildResponsesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(TEXT_CIPHER) private readonly cipher: TextCipher,
    private readonly versions: VersionsService,
  ) {}

  async get(child: ChildIdentity): Promise<ResponseView> {
    const inv = await this.state(child);
    if (!inv.responseId) return { status: 'not-started', answers: [], position: null, submittedAt: null };
    const row = await this.prisma.response.findUnique({ where: { id: inv.responseId }, select: { answers: true, position: true } });
    const stored = (row?.answers ?? []) as unknown as StoredAnswer[];
    // After submission the child's own free text is no longer shown (a shared device must not reveal it).
    const answers = inv.status === 'submitted' ? stored.filter((a) => a.value.kind !== 'text') : stored;
    return {
      status: inv.status ?? 'draft',
      answers: answers.map((a) => openAnswer(this.cipher, inv.id, a)),
      position: inv.status === 'submitted' ? null : (row?.position ?? null),
      submittedAt: inv.submittedAt?.toISOString() ?? null,
    };
  }

  async saveDraft(child: ChildIdentity, body: unknown, ctx: EventContext): Promise<DraftSaved> {
    const inv = await this.state(child);
    if (inv.status === 'submitted') throw alreadySubmitted();
    const version = await this.answerable(inv, child, body);
    const { answers, safety } = this.validate(version, body);
    const b = body as { position?: unknown };
    const position = b.position ?? null;
    if (position !== null && (typeof position !== 'string' || !ID_RE.test(position) || !version.questions.has(position))) {
      throw AppError.validation([{ field: 'position', reason: 'must be a question id of this questionnaire or null' }]);
    }
    const now = new Date();
    const stored = sealAnswers(this.cipher, inv.id, answers, new Set(safety));
    const result = await this.transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ id: string; inserted: boolean }[]>(
        `INSERT INTO response (id, invitation_id, district_id, questionnaire_version_id, status, answers, position, started_at, updated_at)
         VALUES ($1::uuid, $2::uuid, $3, $4::uuid, 'draft', $5::jsonb, $6, $7::timestamptz, $7::timestamptz)
         ON CONFLICT (invitation_id) DO UPDATE SET answers = EXCLUDED.answers, position = EXCLUDED.position, updated_at = EXCLUDED.updated_at
         WHERE response.status = 'draft'
         RETURNING id::text, (xmax = 0) AS inserted`,
        randomUUID(),
        inv.id,
        inv.districtId,
        inv.questionnaireVersionId,
        JSON.stringify(stored),
        position,
        now.toISOString(),
      );
      const row = rows[0];
      if (!row) throw alreadySubmitted();
      const events: OutboxEntry[] = [];
      if (row.inserted) events.push(started(row.id, inv, now, ctx));
      const raised = await raiseAlerts(tx, inv, safety, now, ctx);
      events.push(...raised);
      await addToOutbox(tx, events);
      return new Set(raised.map((e) => (e.envelope.data as { questionId: string }).questionId));
    });
    return { savedAt: now.toISOString(), safety: safety.map((questionId) => ({ questionId, raisedNow: result.has(questionId) })) };
  }

  async submit(child: ChildIdentity, idempotencyKey: string | undefined, body: unknown, ctx: EventContext): Promise<{ status: 200 | 201; body: Submitted }> {
    if (!idempotencyKey) throw AppError.validation([{ field: 'Idempotency-Key', reason: 'is required: a new random key per submission, the same key when retrying' }]);
    if (!IDEMPOTENCY_KEY_RE.test(idempotencyKey)) {
      throw AppError.validation([{ field: 'Idempotency-Key', reason: 'must be 8-200 letters, digits or . _ : -' }]);
    }
    const inv = await this.state(child);
    if (inv.status === 'submitted') return this.replay(inv, idempotencyKey);
    const version = await this.answerable(inv, child, body);
    const { answers, safety } = this.validate(version, body);
    const now = new Date();
    const stored = sealAnswers(this.cipher, inv.id, answers, new Set(safety));
    const submitted = (responseId: string) => ({
      status: 201 as const,
      body: { responseId, submittedAt: now.toISOString(), safetyRaised: safety.length > 0, safety: safety.map((questionId) => ({ questionId })) },
    });
    // Most submissions raise no alert: one statement writes the response and its events.
    if (safety.length === 0) {
      const id = await this.submitInOneStatement(inv, stored, idempotencyKey, now, ctx);
      if (id) return submitted(id);
    }
    const outcome = await this.transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ id: string; inserted: boolean }[]>(
        `${SUBMIT_RESPONSE_SQL} RETURNING id::text, (xmax = 0) AS inserted`,
        ...submitValues(randomUUID(), inv, stored, now, idempotencyKey, safety.length > 0),
      );
      const row = rows[0];
      if (!row) return null; // submitted concurrently: answered below from the committed row
      const events: OutboxEntry[] = [];
      if (row.inserted) events.push(started(row.id, inv, now, ctx));
      events.push(submittedEvent(row.id, inv, stored, now, ctx));
      events.push(...(await raiseAlerts(tx, inv, safety, now, ctx)));
      await addToOutbox(tx, events);
      return row.id;
    });
    if (!outcome) return this.replay(await this.state(child), idempotencyKey);
    return submitted(outcome);
  }

  /**
   * The submission as a single statement (one round trip, no interactive transaction): the
   * response row is written only if it is still what `state` saw (no row, or this draft), and
   * its outbox rows and the relay's wake-up only if it was — all or nothing. Null when the row
   * changed meanwhile (a concurrent draft or submit): the caller takes the transactional path.
   */
  private async submitInOneStatement(inv: InvitationState, stored: StoredAnswer[], idempotencyKey: string, now: Date, ctx: EventContext): Promise<string | null> {
    if (inv.responseId && inv.status !== 'draft') return null;
    const responseId = inv.responseId ?? randomUUID();
    const events = [...(inv.responseId ? [] : [started(responseId, inv, now, ctx)]), submittedEvent(responseId, inv, stored, now, ctx)];
    const rows = await this.prisma.$queryRawUnsafe<{ id: string }[]>(
      `WITH r AS (${SUBMIT_RESPONSE_SQL} AND response.id = $1::uuid RETURNING id),
       o AS (INSERT INTO outbox_event (id, topic, key, type, version, payload) ${outboxRowsSelect(9)} WHERE EXISTS (SELECT 1 FROM r) RETURNING 1),
       n AS (SELECT pg_notify('${OUTBOX_NOTIFY_CHANNEL}', '') WHERE EXISTS (SELECT 1 FROM r))
       SELECT r.id::text AS id, (SELECT count(*) FROM o)::int AS events, (SELECT count(*) FROM n)::int AS notified FROM r`,
      ...submitValues(responseId, inv, stored, now, idempotencyKey, false),
      ...outboxRowParams(events),
    );
    return rows[0]?.id ?? null;
  }

  /**
   * One transaction, waiting for a pooled connection longer than Prisma's default under load;
   * a database that cannot take it in time is a 503 (retry with the same Idempotency-Key), never a 500.
   */
  private async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.prisma.$transaction(fn, { maxWait: 10_000, timeout: 15_000 });
    } catch (e) {
      if ((e as { code?: string }).code === 'P2028') {
        throw new AppError('UPSTREAM_UNAVAILABLE', 'Det är många som svarar just nu. Försök igen om en liten stund. — Many are answering right now. Try again in a moment.');
      }
      throw e;
    }
  }

  /** A submission that already happened: the same key gets the same result, another key a conflict. */
  private async replay(inv: InvitationState, key: string): Promise<{ status: 200; body: Submitted }> {
    if (inv.submitKey !== key) throw alreadySubmitted();
    const alerts = inv.safetyRaised
      ? await this.prisma.response.findUnique({ where: { id: inv.responseId! }, select: { answers: true } })
      : null;
    const safety = ((alerts?.answers ?? []) as unknown as StoredAnswer[]).filter((a) => a.safety).map((a) => ({ questionId: a.questionId }));
    return {
      status: 200,
      body: { responseId: inv.responseId!, submittedAt: inv.submittedAt!.toISOString(), safetyRaised: Boolean(inv.safetyRaised), safety },
    };
  }

  private async state(child: ChildIdentity): Promise<InvitationState> {
    const rows = await this.prisma.$queryRawUnsafe<InvitationState[]>(INVITATION_STATE_SQL, child.invitationId);
    const inv = rows[0];
    if (!inv) {
      // The child has a session, so the invitation exists: this service has not received it yet.
      throw new AppError('response-not-ready', 'Det går inte att svara just nu. Försök igen om en liten stund. — Answering is not ready yet. Try again in a moment.');
    }
    if (inv.districtId !== child.districtId) throw new AppError('NOT_FOUND', 'No such invitation.');
    return inv;
  }

  /** Refuses writes the invitation does not allow any more, and answers for another version. */
  private async answerable(inv: InvitationState, child: ChildIdentity, body: unknown): Promise<CompiledVersion> {
    if (inv.revokedAt) throw new AppError('invitation-revoked', 'Inbjudan gäller inte längre, så svaren kan inte skickas. Prata med din handläggare. — This invitation is no longer valid, so answers cannot be sent. Talk to your caseworker.');
    if (inv.expiredAt || inv.expiresAt.getTime() <= Date.now()) {
      throw new AppError('invitation-expired', 'Tiden för att svara har gått ut, så svaren kan inte skickas. Prata med din handläggare. — The time to answer has run out, so answers cannot be sent. Talk to your caseworker.');
    }
    const claimed = typeof body === 'object' && body !== null ? (body as { questionnaireVersionId?: unknown }).questionnaireVersionId : undefined;
    if (child.questionnaireVersionId !== inv.questionnaireVersionId || (claimed !== undefined && claimed !== inv.questionnaireVersionId)) {
      throw new AppError(
        'questionnaire-version-mismatch',
        'Frågorna har ändrats. Ladda om sidan och svara igen. — The questions have changed. Reload the page and answer again.',
      );
    }
    const version = await this.versions.get(inv.questionnaireVersionId);
    if (!version) throw new AppError('response-not-ready', 'Det går inte att svara just nu. Försök igen om en liten stund. — Answering is not ready yet. Try again in a moment.');
    return version;
  }

  private validate(version: CompiledVersion, body: unknown): { answers: Answer[]; safety: string[] } {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw AppError.validation([{ field: '(body)', reason: 'must be an object with answers' }]);
    }
    const unknownKeys = Object.keys(body).filter((k) => !['answers', 'position', 'questionnaireVersionId'].includes(k));
    if (unknownKeys.length) throw AppError.validation(unknownKeys.map((k) => ({ field: k, reason: 'is not a known field' })));
    const r = validateAnswers(version, (body as { answers?: unknown }).answers);
    if (!r.ok) throw AppError.validation(r.errors);
    return { answers: r.answers, safety: r.safetyQuestionIds };
  }
}

function alreadySubmitted(): AppError {
  return new AppError('response-already-submitted', 'Dina svar är redan skickade och kan inte ändras. — Your answers have already been sent and cannot be changed.');
}

/**
 * The submitted response: a new row, or the child's draft turned into the submission (never a
 * submitted one: a conflicting submit updates nothing). $1 id, $2 invitation, $3 district,
 * $4 version, $5 answers, $6 time, $7 idempotency key, $8 safety raised.
 */
const SUBMIT_RESPONSE_SQL = `INSERT INTO response (id, invitation_id, district_id, questionnaire_version_id, status, answers, position, started_at, updated_at, submitted_at, submit_key, safety_raised)
  VALUES ($1::uuid, $2::uuid, $3, $4::uuid, 'submitted', $5::jsonb, NULL, $6::timestamptz, $6::timestamptz, $6::timestamptz, $7, $8)
  ON CONFLICT (invitation_id) DO UPDATE SET status = 'submitted', answers = EXCLUDED.answers, position = NULL, updated_at = EXCLUDED.updated_at,
    submitted_at = EXCLUDED.submitted_at, submit_key = EXCLUDED.submit_key, safety_raised = EXCLUDED.safety_raised
  WHERE response.status = 'draft'`;

/** The parameters $1–$8 of SUBMIT_RESPONSE_SQL. */
function submitValues(responseId: string, inv: InvitationState, stored: StoredAnswer[], now: Date, idempotencyKey: string, safetyRaised: boolean) {
  return [responseId, inv.id, inv.districtId, inv.questionnaireVersionId, JSON.stringify(stored), now.toISOString(), idempotencyKey, safetyRaised] as const;
}

function submittedEvent(responseId: string, inv: InvitationState, stored: StoredAnswer[], now: Date, ctx: EventContext): OutboxEntry {
  return outboxEntry(
    ResponseSubmittedV1,
    {
      responseId,
      invitationId: inv.id,
      districtId: inv.districtId as never,
      unitId: inv.unitId,
      ageBand: inv.ageBand as never,
      gender: inv.gender as never,
      occasion: inv.occasion,
      questionnaireVersionId: inv.questionnaireVersionId,
      submittedAt: now.toISOString(),
      answers: stored.map(forEvent),
    },
    meta(inv.id, ctx, now),
  );
}

function started(responseId: string, inv: InvitationState, now: Date, ctx: EventContext): OutboxEntry {
  return outboxEntry(
    ResponseStartedV1,
    { responseId, invitationId: inv.id, districtId: inv.districtId as never, startedAt: now.toISOString() },
    meta(inv.id, ctx, now),
  );
}
