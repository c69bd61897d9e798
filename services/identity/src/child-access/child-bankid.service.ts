import { Inject, Injectable, Logger } from '@nestjs/common';
import { BankIdClient, BankIdError, errorMessage, parsePersonalIdentityNumber } from '@delaktig/bankid';
import type { ChildBankIdView } from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authOrder, COLLECT_INTERVAL_MS, orderMessages, pendingOrder, qrFrame, RP_CANCEL, TRANSIENT_ERRORS } from '../bankid/order-view';
import type { ChildBankIdOrder } from '../generated/prisma/client';
import { childBankIdOn } from '../district-settings/district-settings.service';
import type { Prisma } from '../prisma';
import { CHILD_ACCESS_PRISMA, CHILD_ACCESS_SETTINGS, CHILD_TEXTS, ChildAccessService, tokenOnlyRequest, type ChildAccessSettings } from './child-access.service';
import { childPinHash, sameHash } from './secrets';

export const CHILD_BANKID_CLIENT = Symbol('CHILD_BANKID_CLIENT');
export const CHILD_BANKID_LINKS = Symbol('CHILD_BANKID_LINKS');

/** Builds the "open BankID on this device" link for an autostart token and the page to return to. */
export type AutostartLink = (autoStartToken: string, returnUrl: string) => string;
export interface ChildBankIdLinks {
  autostart: AutostartLink;
  /** The child app's public URL (links are `<url>/#/i/<token>`). */
  childAppUrl: string;
}

/** Our hint when BankID identified somebody else than the young person of the invitation. */
export const WRONG_PERSON = 'wrongPerson';
const WRONG_PERSON_TEXT = {
  sv: 'Det här BankID hör inte till den som inbjudan är till. Använd koden som du fick av din socialsekreterare.',
  en: 'This BankID does not belong to the person the invitation is for. Use the code your social worker gave you.',
};

export const orderRequest = z.object({ orderId: z.uuid({ error: 'must be the orderId from starting BankID' }) }).strict();

/**
 * BankID for young people (12–18) where their district has turned it on: instead of the
 * code, the young person identifies with their own BankID (RP API v6, animated QR or
 * autostart on the same device). The personal identity number BankID reports is compared
 * with the keyed hash the caseworker's entry left on the invitation; only a match opens a
 * child session, exactly as the right code does. Nothing of the number is stored.
 */
@Injectable()
export class ChildBankIdService {
  private readonly logger = new Logger('ChildBankId');

  constructor(
    @Inject(CHILD_ACCESS_PRISMA) private readonly prisma: Prisma,
    @Inject(CHILD_ACCESS_SETTINGS) private readonly settings: ChildAccessSettings,
    @Inject(CHILD_BANKID_CLIENT) private readonly bankid: BankIdClient,
    @Inject(CHILD_BANKID_LINKS) private readonly links: ChildBankIdLinks,
    private readonly access: ChildAccessService,
  ) {}

  /** Starts an order for the link (the gateway passes the young person's IP address, as BankID requires). */
  async start(body: unknown, endUserIp: string): Promise<ChildBankIdView> {
    const { token } = parseOrThrow(tokenOnlyRequest, body);
    const row = await this.access.byToken(token);
    if (!row) throw new AppError('child-access-not-found', CHILD_TEXTS.notFound);
    const refused = this.access.refusal(row, new Date());
    if (refused) throw refused;
    if (!row.pinHash || !row.districtId || !(await childBankIdOn(this.prisma, row.districtId))) {
      throw new AppError('child-bankid-unavailable', 'BankID kan inte användas för den här inbjudan. Använd koden. — BankID cannot be used for this invitation. Use the code.');
    }
    let order;
    try {
      order = await authOrder(this.bankid, { endUserIp, userVisibleData: 'Logga in för att svara på enkäten' });
    } catch (err) {
      const code = err instanceof BankIdError ? err.errorCode : 'internalError';
      this.logger.warn({ errorCode: code }, 'BankID auth for a young person failed');
      return { ...emptyView(randomUUID()), state: 'failed', hintCode: code, message: errorMessage(code, 'sv'), messageEn: errorMessage(code, 'en') };
    }
    const saved = await this.prisma.childBankIdOrder.create({ data: { id: randomUUID(), invitationId: row.invitationId, ...pendingOrder(order) } });
    const returnUrl = `${this.links.childAppUrl.replace(/\/+$/, '')}/#/i/${token}`;
    return { ...(await this.view(saved)), autostartUrl: this.links.autostart(order.autoStartToken, returnUrl) };
  }

  /**
   * The order's state, collecting from BankID at most every 2 seconds (a conditional update
   * claims the round, so replicas and double polls never collect twice). The collect that
   * sees BankID complete with the right person opens the child session and returns it once.
   */
  async collect(body: unknown, correlationId: string): Promise<ChildBankIdView> {
    const { orderId } = parseOrThrow(orderRequest, body);
    const now = new Date();
    const claimed = await this.prisma.childBankIdOrder.updateMany({
      where: { id: orderId, status: 'pending', expiresAt: { gt: now }, OR: [{ lastCollectAt: null }, { lastCollectAt: { lt: new Date(now.getTime() - COLLECT_INTERVAL_MS) } }] },
      data: { lastCollectAt: now },
    });
    const row = await this.order(orderId);
    if (claimed.count !== 1) return this.view(row);

    let result;
    try {
      result = await this.bankid.collect(row.orderRef);
    } catch (err) {
      const code = err instanceof BankIdError ? err.errorCode : 'internalError';
      this.logger.warn({ errorCode: code }, 'BankID collect for a young person failed');
      if (!TRANSIENT_ERRORS.has(code)) await this.fail(orderId, 'invalidParameters');
      return this.view(await this.order(orderId));
    }
    if (result.status === 'pending') {
      await this.prisma.childBankIdOrder.updateMany({ where: { id: orderId, status: 'pending' }, data: { hintCode: result.hintCode } });
      return this.view(await this.order(orderId));
    }
    if (result.status === 'failed') {
      await this.fail(orderId, result.hintCode);
      return this.view(await this.order(orderId));
    }

    // Complete: BankID identified somebody. Only the young person of the invitation gets in.
    const key = this.settings.CHILD_ACCESS_HASH_KEY;
    let reported: string | null = null;
    try {
      reported = childPinHash(parsePersonalIdentityNumber(result.completionData.user.personalNumber).normalized, key);
    } catch {
      reported = null;
    }
    const outcome = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM child_access WHERE invitation_id = $1::uuid FOR UPDATE`, row.invitationId);
      const access = await tx.childAccess.findUnique({ where: { invitationId: row.invitationId } });
      const done = await tx.childBankIdOrder.updateMany({
        where: { id: orderId, status: 'pending' },
        data: { status: 'complete', completedAt: now, hintCode: null, qrStartSecret: null },
      });
      if (done.count !== 1 || !access) return { refused: new AppError('child-bankid-order-not-found') };
      if (!access.pinHash || !reported || !sameHash(reported, access.pinHash)) {
        await tx.childBankIdOrder.update({ where: { id: orderId }, data: { status: 'failed', hintCode: WRONG_PERSON } });
        return { wrongPerson: true as const };
      }
      const refused = this.access.refusal(access, now);
      if (refused) return { refused };
      return { opened: await this.access.markOpened(tx, access, correlationId, now) };
    });
    if ('refused' in outcome) throw outcome.refused;
    if ('wrongPerson' in outcome) {
      this.logger.warn({ invitationId: row.invitationId }, 'BankID identified another person than the young person of the invitation');
      return this.view(await this.order(orderId));
    }
    const session = await this.access.session(outcome.opened, randomUUID(), now);
    return { ...(await this.view(await this.order(orderId))), session: session as ChildBankIdView['session'] };
  }

  /** "Avbryt": cancels the order at BankID. */
  async cancel(body: unknown): Promise<ChildBankIdView> {
    const { orderId } = parseOrThrow(orderRequest, body);
    const row = await this.order(orderId);
    if (row.status === 'pending') {
      await this.bankid.cancel(row.orderRef).catch(() => undefined);
      await this.fail(orderId, RP_CANCEL);
    }
    return this.view(await this.order(orderId));
  }

  private async order(orderId: string): Promise<ChildBankIdOrder> {
    const row = await this.prisma.childBankIdOrder.findUnique({ where: { id: orderId } });
    if (!row || row.expiresAt <= new Date()) throw new AppError('child-bankid-order-not-found');
    return row;
  }

  private async fail(orderId: string, hintCode: string): Promise<void> {
    await this.prisma.childBankIdOrder.updateMany({ where: { id: orderId, status: 'pending' }, data: { status: 'failed', hintCode, qrStartSecret: null } });
  }

  private async view(row: ChildBankIdOrder): Promise<ChildBankIdView> {
    const base = emptyView(row.id);
    const hintCode = row.hintCode ?? 'outstandingTransaction';
    if (row.status === 'complete') return { ...base, state: 'complete' };
    if (row.status === 'failed') {
      const texts = hintCode === WRONG_PERSON ? { message: WRONG_PERSON_TEXT.sv, messageEn: WRONG_PERSON_TEXT.en } : orderMessages('failed', hintCode);
      return { ...base, state: 'failed', hintCode, ...texts };
    }
    return { ...base, state: 'pending', hintCode, ...orderMessages('pending', hintCode), qrSvg: (await qrFrame(row))?.svg ?? null };
  }
}

function emptyView(orderId: string): ChildBankIdView {
  return { orderId, state: 'pending', hintCode: null, message: null, messageEn: null, qrSvg: null, autostartUrl: null, session: null };
}
