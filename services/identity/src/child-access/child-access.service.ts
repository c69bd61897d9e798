import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  ChildAccessErasedV1,
  ChildAccessLockedV1,
  ChildAccessUnlockedV1,
  InvitationCreatedV2,
  InvitationExpiredV1,
  InvitationExtendedV1,
  InvitationOpenedV1,
  InvitationRevokedV1,
  isEvent,
  ResponseSubmittedV1,
  type DistrictId,
  type EventEnvelope,
} from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { addToOutbox, outboxEntry, type OutboxEntry } from '@delaktig/messaging';
import { RetentionRunner, type ChildIdentity, type ErasedRow, type Identity } from '@delaktig/service-kit';
import { currentTraceparent } from '@delaktig/telemetry';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ChildAccess as Row } from '../generated/prisma/client';
import type { Prisma } from '../prisma';
import { parsePersonalIdentityNumber, PersonalIdentityNumberError } from '@delaktig/bankid';
import { childBankIdOn } from '../district-settings/district-settings.service';
import { childPinHash, hashCode, hashToken, LINK_TOKEN_RE, newCode, newLinkToken, sameHash } from './secrets';
import { loadChildSessionKeys, publicJwk, signChildSession, type EcPrivateJwk, type EcPublicJwk } from './session-keys';

export const CHILD_ACCESS_PRISMA = Symbol('CHILD_ACCESS_PRISMA');
export const CHILD_ACCESS_SETTINGS = Symbol('CHILD_ACCESS_SETTINGS');

export interface ChildAccessSettings {
  CHILD_ACCESS_HASH_KEY: string;
  CHILD_SESSION_MINUTES: number;
  CHILD_ACCESS_RETENTION_DAYS: number;
  CHILD_SESSION_SIGNING_KEY?: string | undefined;
}

export type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

/** Wrong codes in a row that lock an invitation. */
export const MAX_FAILED_ATTEMPTS = 5;
/** Credentials that survey-delivery never confirmed (InvitationCreated) are deleted after this. */
export const PENDING_TTL_MS = 60 * 60_000;
const SOURCE = 'identity';

export const credentialsRequest = z
  .object({
    invitationId: z.uuid({ error: 'must be an invitation id (uuid)' }),
    /** 12–18 where the district has BankID for young people on: kept only as a keyed hash. */
    childPersonalNumber: z.string({ error: 'must be text' }).max(20, 'is too long').optional(),
    birthYear: z.number().int().optional(),
  })
  .strict();
export const sessionRequest = z
  .object({
    token: z.string({ error: 'is required' }).min(1, 'is required').max(200, 'is too long'),
    code: z.string({ error: 'is required' }).trim().min(1, 'is required').max(40, 'is too long'),
  })
  .strict();

export const tokenOnlyRequest = z.object({ token: sessionRequest.shape.token }).strict();

export interface ChildSessionView {
  sessionToken: string;
  expiresAt: string;
  invitation: { ageBand: string; language: string; questionnaireVersionId: string; answering: boolean };
}

/** Texts the child app can show as they are: Swedish first, then English. */
export const CHILD_TEXTS = {
  notFound: 'Länken fungerar inte. Kontrollera att du har hela länken, eller fråga din handläggare. — The link does not work. Check that you have the whole link, or ask your caseworker.',
  wrongCode: (left: number) =>
    left === 1
      ? 'Koden stämmer inte. Du kan försöka en gång till. — The code is not right. You can try one more time.'
      : `Koden stämmer inte. Du kan försöka ${left} gånger till. — The code is not right. You can try ${left} more times.`,
  locked:
    'Du har skrivit fel kod för många gånger, så inbjudan är låst. Be din handläggare att låsa upp den. — Too many wrong codes, so the invitation is locked. Ask your caseworker to unlock it.',
  expired: 'Tiden för att svara har gått ut. Prata med din handläggare om du vill svara. — The time to answer has run out. Talk to your caseworker if you want to answer.',
  revoked: 'Inbjudan gäller inte längre. Prata med din handläggare. — This invitation is no longer valid. Talk to your caseworker.',
} as const;

/**
 * Child access (ADR 0009): issues the link token and code, activates them when
 * survey-delivery confirms the invitation, lets a child in with the right code (five wrong
 * codes lock), and signs the short-lived child session scoped to that one invitation.
 */
@Injectable()
export class ChildAccessService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ChildAccess');
  private keys?: Promise<EcPrivateJwk[]>;
  private sweeper?: NodeJS.Timeout;

  /** Retention (ADR 0019): access data past CHILD_ACCESS_RETENTION_DAYS, each erasure announced (ChildAccessErased, audited). */
  readonly retention: RetentionRunner;

  constructor(
    @Inject(CHILD_ACCESS_PRISMA) private readonly prisma: Prisma,
    @Inject(CHILD_ACCESS_SETTINGS) private readonly settings: ChildAccessSettings,
  ) {
    this.retention = new RetentionRunner({
      service: 'identity',
      lockKey: 0x52455433, // "RET3"
      intervalMinutes: 5, // run by purge(), not started on its own
      transaction: (f) => prisma.$transaction((tx) => f(tx)),
      batch: (tx, now) =>
        tx.$queryRawUnsafe<ErasedRow[]>(
          `DELETE FROM child_access WHERE invitation_id IN (
             SELECT invitation_id FROM child_access WHERE status <> 'pending' AND district_id IS NOT NULL
                AND GREATEST(submitted_at, ended_at, expires_at) < $1::timestamptz - make_interval(days => $2::int) LIMIT 500)
           RETURNING invitation_id::text, district_id, 'child-access' AS kind`,
          now.toISOString(),
          settings.CHILD_ACCESS_RETENTION_DAYS,
        ),
      event: ChildAccessErasedV1,
    });
  }

  onApplicationBootstrap(): void {
    void this.signingKeys().catch((e) => this.logger.warn({ err: (e as Error).message }, 'child session keys not loaded yet'));
    this.sweeper = setInterval(() => void this.purge().catch((e) => this.logger.warn({ err: (e as Error).message }, 'purge failed')), 5 * 60_000);
    this.sweeper.unref();
    void this.purge().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  private signingKeys(): Promise<EcPrivateJwk[]> {
    this.keys ??= loadChildSessionKeys(this.prisma, this.settings.CHILD_SESSION_SIGNING_KEY).catch((e) => {
      this.keys = undefined;
      throw e;
    });
    return this.keys;
  }

  async jwks(): Promise<{ keys: EcPublicJwk[] }> {
    return { keys: (await this.signingKeys()).map(publicJwk) };
  }

  /** Step 1 of creating an invitation: new random credentials, stored only as keyed hashes, inert until activated. */
  async issueCredentials(body: unknown, who: Identity): Promise<{ invitationId: string; linkToken: string; code: string; childBankId: boolean }> {
    const { invitationId, childPersonalNumber, birthYear } = parseOrThrow(credentialsRequest, body);
    const key = this.settings.CHILD_ACCESS_HASH_KEY;
    const pin = childPersonalNumber ? await this.youngPersonPinHash(childPersonalNumber, birthYear, who) : null;
    const linkToken = newLinkToken();
    const code = newCode();
    const inserted = await this.prisma.$executeRawUnsafe(
      `INSERT INTO child_access (invitation_id, token_hash, code_hash, status, requested_by, requested_district_id, pin_hash)
       VALUES ($1::uuid, $2, $3, 'pending', $4, $5, $6) ON CONFLICT (invitation_id) DO NOTHING`,
      invitationId,
      hashToken(linkToken, key),
      hashCode(invitationId, code, key),
      who.sub,
      who.districtId,
      pin,
    );
    if (inserted === 0) throw new AppError('CONFLICT', 'Credentials were already issued for this invitation id.');
    return { invitationId, linkToken, code, childBankId: pin !== null };
  }

  /** The keyed hash of a young person's personal identity number, if their district allows BankID and it is valid. */
  private async youngPersonPinHash(input: string, birthYear: number | undefined, who: Identity): Promise<string> {
    const refuse = (reason: string) => AppError.validation([{ field: 'childPersonalNumber', reason }]);
    if (!(await childBankIdOn(this.prisma, who.districtId))) {
      throw refuse('BankID for young people is not turned on in your district (the district admin can turn it on)');
    }
    let pin;
    try {
      pin = parsePersonalIdentityNumber(input);
    } catch (e) {
      throw refuse(e instanceof PersonalIdentityNumberError ? e.reasonEn : 'is not a personal identity number');
    }
    if (birthYear !== undefined && Number(pin.birthDate.slice(0, 4)) !== birthYear) throw refuse(`does not match birth year ${birthYear}`);
    return childPinHash(pin.normalized, this.settings.CHILD_ACCESS_HASH_KEY);
  }

  /** The child's link token and code → a child session, or a problem the child app can show. */
  async openSession(body: unknown, correlationId: string): Promise<ChildSessionView> {
    const input = parseOrThrow(sessionRequest, body);
    if (!LINK_TOKEN_RE.test(input.token)) throw new AppError('child-access-not-found', CHILD_TEXTS.notFound);
    const key = this.settings.CHILD_ACCESS_HASH_KEY;
    const tokenHash = hashToken(input.token, key);
    const now = new Date();
    const outcome = await this.prisma.$transaction(async (tx) => {
      // One attempt at a time per invitation, so five wrong codes are never more than five.
      const locked = await tx.$queryRawUnsafe<{ invitation_id: string }[]>(
        `SELECT invitation_id::text FROM child_access WHERE token_hash = $1 FOR UPDATE`,
        tokenHash,
      );
      const id = locked[0]?.invitation_id;
      const row = id ? await tx.childAccess.findUnique({ where: { invitationId: id } }) : null;
      if (!row) return { refused: new AppError('child-access-not-found', CHILD_TEXTS.notFound) };
      const refused = this.refusal(row, now);
      if (refused) return { refused };
      if (!sameHash(hashCode(row.invitationId, input.code, key), row.codeHash)) {
        const failed = Math.min(row.failedAttempts + 1, MAX_FAILED_ATTEMPTS);
        if (failed >= MAX_FAILED_ATTEMPTS) {
          await tx.childAccess.update({ where: { invitationId: row.invitationId }, data: { failedAttempts: failed, lockedAt: now } });
          await addToOutbox(tx, [
            this.event(ChildAccessLockedV1, { invitationId: row.invitationId, districtId: row.districtId as DistrictId, lockedAt: now.toISOString() }, row.invitationId, correlationId, now),
          ]);
          this.logger.warn({ invitationId: row.invitationId }, 'child access locked after five wrong codes');
          return { refused: new AppError('child-access-locked', CHILD_TEXTS.locked) };
        }
        await tx.childAccess.update({ where: { invitationId: row.invitationId }, data: { failedAttempts: failed } });
        const attemptsLeft = MAX_FAILED_ATTEMPTS - failed;
        return { refused: new AppError('child-access-wrong-code', CHILD_TEXTS.wrongCode(attemptsLeft), undefined, { attemptsLeft }) };
      }
      return { opened: await this.markOpened(tx, row, correlationId, now) };
    });
    if ('refused' in outcome) throw outcome.refused;
    return this.session(outcome.opened, randomUUID(), now);
  }

  /** The child is in (right code or their own BankID): the access is opened and InvitationOpened recorded. */
  async markOpened(tx: Tx, row: Row, correlationId: string, now: Date): Promise<Row> {
    const opened = await tx.childAccess.update({
      where: { invitationId: row.invitationId },
      data: { failedAttempts: 0, firstOpenedAt: row.firstOpenedAt ?? now, lastOpenedAt: now },
    });
    await addToOutbox(tx, [
      this.event(InvitationOpenedV1, { invitationId: row.invitationId, districtId: row.districtId as DistrictId, openedAt: now.toISOString() }, row.invitationId, correlationId, now),
    ]);
    return opened;
  }

  /** How this link can be opened: always the code; BankID for a young person whose caseworker gave their number, where the district allows it. */
  async methods(body: unknown): Promise<{ code: true; bankId: boolean }> {
    const { token } = parseOrThrow(tokenOnlyRequest, body);
    const row = await this.byToken(token);
    const bankId = !!row?.pinHash && !!row.districtId && !this.refusal(row, new Date()) && (await childBankIdOn(this.prisma, row.districtId));
    return { code: true, bankId };
  }

  /** The access of a link token, if any. */
  async byToken(token: string): Promise<Row | null> {
    if (!LINK_TOKEN_RE.test(token)) return null;
    return this.prisma.childAccess.findUnique({ where: { tokenHash: hashToken(token, this.settings.CHILD_ACCESS_HASH_KEY) } });
  }

  /** A fresh session token for a child whose session is still valid, while the access still is. */
  async refresh(child: ChildIdentity): Promise<ChildSessionView> {
    const now = new Date();
    const row = await this.prisma.childAccess.findUnique({ where: { invitationId: child.invitationId } });
    if (!row || row.districtId !== child.districtId) throw new AppError('child-access-not-found', CHILD_TEXTS.notFound);
    const refused = this.refusal(row, now);
    if (refused) throw refused;
    return this.session(row, child.sessionId, now);
  }

  /** The caseworker who created the invitation, or the unit lead of its unit, unlocks it (same district only). */
  async unlock(invitationId: string, who: Identity, correlationId: string): Promise<{ invitationId: string; locked: false; attemptsLeft: number }> {
    if (!z.uuid().safeParse(invitationId).success) throw new AppError('NOT_FOUND', 'No such invitation.');
    const now = new Date();
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM child_access WHERE invitation_id = $1::uuid FOR UPDATE`, invitationId);
      const row = await tx.childAccess.findUnique({ where: { invitationId } });
      // Another district's invitation does not exist for this caller.
      if (!row || row.status === 'pending' || row.districtId !== who.districtId) throw new AppError('NOT_FOUND', 'No such invitation.');
      const own = row.createdBy === who.sub;
      const unitLead = who.roles.includes('unit-lead') && row.unitId !== null && row.unitId === who.unitId;
      if (!own && !unitLead) throw new AppError('FORBIDDEN', 'Only the caseworker who created the invitation, or the unit lead of its unit, can unlock it.');
      if (row.lockedAt) {
        await tx.childAccess.update({ where: { invitationId }, data: { lockedAt: null, failedAttempts: 0 } });
        await addToOutbox(tx, [
          this.event(ChildAccessUnlockedV1, { invitationId, districtId: who.districtId, unlockedBy: who.sub, unlockedAt: now.toISOString() }, invitationId, correlationId, now),
        ]);
      }
      return { invitationId, locked: false as const, attemptsLeft: MAX_FAILED_ATTEMPTS - (row.lockedAt ? 0 : row.failedAttempts) };
    });
  }

  /** Applies invitation and response events (inside the consumer's processOnce transaction). */
  async applyEvents(tx: Tx, events: EventEnvelope[]): Promise<void> {
    for (const e of events) {
      if (isEvent(e, InvitationCreatedV2)) {
        const d = e.data;
        const row = await tx.childAccess.findUnique({ where: { invitationId: d.invitationId } });
        if (!row) {
          this.logger.warn({ invitationId: d.invitationId }, 'InvitationCreated without issued credentials (purged or never issued); ignored');
          continue;
        }
        if (row.status !== 'pending') continue;
        if (row.requestedDistrictId !== d.districtId) {
          this.logger.error({ invitationId: d.invitationId }, 'InvitationCreated for another district than the credentials were issued to; not activated');
          continue;
        }
        await tx.childAccess.update({
          where: { invitationId: d.invitationId },
          data: {
            status: 'active',
            districtId: d.districtId,
            unitId: d.unitId,
            createdBy: d.createdBy,
            ageBand: d.ageBand,
            language: d.language,
            questionnaireVersionId: d.questionnaireVersionId,
            expiresAt: new Date(d.expiresAt),
            activatedAt: new Date(),
          },
        });
      } else if (isEvent(e, InvitationExtendedV1)) {
        const expiresAt = new Date(e.data.expiresAt);
        await tx.childAccess.updateMany({
          where: { invitationId: e.data.invitationId, status: { in: ['active', 'expired'] } },
          data: { expiresAt, ...(expiresAt > new Date() ? { status: 'active', endedAt: null } : {}) },
        });
      } else if (isEvent(e, InvitationRevokedV1)) {
        await tx.childAccess.updateMany({
          where: { invitationId: e.data.invitationId, status: { not: 'pending' } },
          data: { status: 'revoked', endedAt: new Date(e.data.revokedAt) },
        });
      } else if (isEvent(e, InvitationExpiredV1)) {
        await tx.childAccess.updateMany({
          where: { invitationId: e.data.invitationId, status: 'active', submittedAt: null },
          data: { status: 'expired', endedAt: new Date(e.data.expiredAt) },
        });
      } else if (isEvent(e, ResponseSubmittedV1)) {
        await tx.childAccess.updateMany({ where: { invitationId: e.data.invitationId, submittedAt: null }, data: { submittedAt: new Date(e.data.submittedAt) } });
      }
    }
  }

  /** Deletes pending credentials older than an hour, and access data past its retention. */
  async purge(now = new Date()): Promise<{ pending: number; ended: number }> {
    const pending = await this.prisma.childAccess.deleteMany({ where: { status: 'pending', createdAt: { lt: new Date(now.getTime() - PENDING_TTL_MS) } } });
    await this.prisma.childBankIdOrder.deleteMany({ where: { expiresAt: { lt: now } } });
    const ended = (await this.retention.run(now))['child-access'] ?? 0;
    return { pending: pending.count, ended };
  }

  /** Why this access cannot open a session now, if it cannot. */
  refusal(row: Row, now: Date): AppError | null {
    if (row.status === 'pending' || !row.districtId || !row.expiresAt) return new AppError('child-access-not-found', CHILD_TEXTS.notFound);
    if (row.status === 'revoked') return new AppError('child-access-revoked', CHILD_TEXTS.revoked);
    if (row.submittedAt) {
      const until = row.submittedAt.getTime() + this.settings.CHILD_ACCESS_RETENTION_DAYS * 86_400_000;
      if (now.getTime() >= until) return new AppError('child-access-expired', CHILD_TEXTS.expired);
    } else if (row.status === 'expired' || now >= row.expiresAt) {
      return new AppError('child-access-expired', CHILD_TEXTS.expired);
    }
    if (row.lockedAt) return new AppError('child-access-locked', CHILD_TEXTS.locked);
    return null;
  }

  async session(row: Row, sessionId: string, now: Date): Promise<ChildSessionView> {
    const [key] = await this.signingKeys();
    if (!key) throw new AppError('INTERNAL');
    const expiresAt = new Date(now.getTime() + this.settings.CHILD_SESSION_MINUTES * 60_000);
    const sessionToken = await signChildSession(
      key,
      {
        invitationId: row.invitationId,
        districtId: row.districtId as string,
        ageBand: row.ageBand as string,
        questionnaireVersionId: row.questionnaireVersionId as string,
        sessionId,
      },
      expiresAt,
    );
    return {
      sessionToken,
      expiresAt: expiresAt.toISOString(),
      invitation: {
        ageBand: row.ageBand as string,
        language: row.language ?? 'sv',
        questionnaireVersionId: row.questionnaireVersionId as string,
        answering: row.status === 'active' && !row.submittedAt && now < (row.expiresAt as Date),
      },
    };
  }

  private event<T extends z.ZodType>(
    def: { type: string; version: number; topic: string; description: string; schema: T },
    data: z.input<T>,
    key: string,
    correlationId: string,
    at: Date,
  ): OutboxEntry {
    return outboxEntry(def, data, { key, source: SOURCE, correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: at });
  }
}
