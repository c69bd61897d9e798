import { Inject, Injectable } from '@nestjs/common';
import { BankIdClient, BankIdError } from '@delaktig/bankid';
import type { IdentityConfig } from '@delaktig/config';
import { StaffSignInV1 } from '@delaktig/contracts';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { PRISMA } from '@delaktig/service-kit';
import { createLogger, currentTraceparent } from '@delaktig/telemetry';
import type { PrismaClient } from '../generated/prisma/client';
import { authOrder, COLLECT_INTERVAL_MS, orderMessages, ORDER_TTL_MS, pendingOrder, qrFrame, RP_CANCEL, TRANSIENT_ERRORS } from '../bankid/order-view';
import { REFUSAL_MESSAGES, signInEvent } from '../staff/login-decision';
import { StaffRegistry } from '../staff/staff-registry.service';
import { BANKID_CLIENT, IDENTITY_CONFIG } from '../tokens';

/** What the login page shows; the page polls it once a second. */
export type LoginView =
  | { state: 'idle' }
  | { state: 'pending'; hintCode: string; message: string; messageEn: string; qr?: string; qrSvg?: string }
  | { state: 'failed'; hintCode: string; message: string; messageEn: string }
  | { state: 'refused'; reason: 'not_registered' | 'deactivated'; message: string; messageEn: string }
  | { state: 'complete'; redirectTo: string };

/** Completes the login interaction for a staff member and gives the URL to continue at. */
export type FinishLogin = (staffId: string) => Promise<string>;

/**
 * The autostart link: BANKID_AUTOSTART_URL, else BankID's `bankid:///` in production and the
 * simulator's autostart page (next to BANKID_API_URL) elsewhere.
 */
export function autostartUrl(
  config: Pick<IdentityConfig, 'BANKID_AUTOSTART_URL' | 'NODE_ENV' | 'BANKID_API_URL'>,
  autoStartToken: string,
  returnUrl: string,
): string {
  const template =
    config.BANKID_AUTOSTART_URL ||
    (config.NODE_ENV === 'production'
      ? 'bankid:///?autostarttoken={autoStartToken}&redirect=null'
      : `${new URL(config.BANKID_API_URL).origin}/sim/autostart?autostarttoken={autoStartToken}&redirect={returnUrl}`);
  return template.replace('{autoStartToken}', encodeURIComponent(autoStartToken)).replace('{returnUrl}', encodeURIComponent(returnUrl));
}

@Injectable()
export class BankIdLoginService {
  private readonly log = createLogger('identity').child({ component: 'bankid-login' });

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(BANKID_CLIENT) private readonly bankid: BankIdClient,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly registry: StaffRegistry,
  ) {}

  /** Link of "Öppna BankID på den här enheten". */
  autostartUrl(autoStartToken: string, returnUrl: string): string {
    return autostartUrl(this.config, autoStartToken, returnUrl);
  }

  async autoStartToken(uid: string): Promise<string | null> {
    const row = await this.prisma.bankIdLogin.findUnique({ where: { uid }, select: { autoStartToken: true, status: true } });
    return row?.status === 'pending' ? row.autoStartToken : null;
  }

  /** Starts a new BankID order for the interaction (cancelling a running one). */
  async start(uid: string, endUserIp: string): Promise<LoginView> {
    await this.cancel(uid, 'replaced');
    let order;
    try {
      order = await authOrder(this.bankid, { endUserIp, userVisibleData: 'Inloggning i Delaktig' });
    } catch (err) {
      const code = err instanceof BankIdError ? err.errorCode : 'internalError';
      this.log.warn({ errorCode: code, detail: (err as Error).message }, 'BankID auth failed');
      // Kept as a failed order, so the page shows the message and offers "Försök igen".
      const failed = { orderRef: '', autoStartToken: '', qrStartToken: '', qrStartSecret: null, status: 'failed', hintCode: code, outcome: null, redirectTo: null, createdAt: new Date(), lastCollectAt: null, expiresAt: new Date(Date.now() + ORDER_TTL_MS) };
      await this.prisma.bankIdLogin.upsert({ where: { uid }, create: { uid, ...failed }, update: failed });
      return this.view(uid);
    }
    const data = { ...pendingOrder(order), outcome: null, redirectTo: null, lastCollectAt: null };
    await this.prisma.bankIdLogin.upsert({ where: { uid }, create: { uid, ...data }, update: data });
    return this.view(uid);
  }

  /** Our "Avbryt": cancels the order at BankID. */
  async cancel(uid: string, reason: 'user' | 'replaced' = 'user'): Promise<void> {
    const row = await this.prisma.bankIdLogin.findUnique({ where: { uid } });
    if (!row || row.status !== 'pending') return;
    await this.bankid.cancel(row.orderRef).catch(() => undefined);
    await this.prisma.bankIdLogin.updateMany({
      where: { uid, status: 'pending' },
      data: { status: 'failed', hintCode: reason === 'user' ? RP_CANCEL : 'cancelled', qrStartSecret: null },
    });
  }

  /**
   * The current state, collecting from BankID at most every 2 seconds (across replicas: the
   * row's last_collect_at is claimed with a conditional update). Without `finish` it only reads.
   */
  async view(uid: string, finish?: FinishLogin): Promise<LoginView> {
    if (finish) await this.collect(uid, finish);
    const row = await this.prisma.bankIdLogin.findUnique({ where: { uid } });
    if (!row) return { state: 'idle' };
    if (row.status === 'complete') {
      if (row.outcome === 'login' && row.redirectTo) return { state: 'complete', redirectTo: row.redirectTo };
      const reason = row.outcome === 'deactivated' ? 'deactivated' : 'not_registered';
      return { state: 'refused', reason, message: REFUSAL_MESSAGES[reason].sv, messageEn: REFUSAL_MESSAGES[reason].en };
    }
    const hintCode = row.hintCode ?? 'outstandingTransaction';
    if (row.status === 'failed') return { state: 'failed', hintCode, ...orderMessages('failed', hintCode) };
    const view: LoginView = { state: 'pending', hintCode, ...orderMessages('pending', hintCode) };
    const frame = await qrFrame(row);
    if (frame) {
      view.qr = frame.content;
      view.qrSvg = frame.svg;
    }
    return view;
  }

  private async collect(uid: string, finish: FinishLogin): Promise<void> {
    const now = new Date();
    const claimed = await this.prisma.bankIdLogin.updateMany({
      where: { uid, status: 'pending', OR: [{ lastCollectAt: null }, { lastCollectAt: { lt: new Date(now.getTime() - COLLECT_INTERVAL_MS) } }] },
      data: { lastCollectAt: now },
    });
    if (claimed.count !== 1) return;
    const row = await this.prisma.bankIdLogin.findUnique({ where: { uid } });
    if (!row) return;
    let result;
    try {
      result = await this.bankid.collect(row.orderRef);
    } catch (err) {
      const code = err instanceof BankIdError ? err.errorCode : 'internalError';
      this.log.warn({ errorCode: code }, 'BankID collect failed');
      if (!TRANSIENT_ERRORS.has(code)) {
        await this.prisma.bankIdLogin.updateMany({ where: { uid, status: 'pending' }, data: { status: 'failed', hintCode: 'invalidParameters', qrStartSecret: null } });
      }
      return;
    }
    if (result.status === 'pending') {
      await this.prisma.bankIdLogin.updateMany({ where: { uid, status: 'pending' }, data: { hintCode: result.hintCode } });
      return;
    }
    if (result.status === 'failed') {
      await this.prisma.bankIdLogin.updateMany({ where: { uid, status: 'pending' }, data: { status: 'failed', hintCode: result.hintCode, qrStartSecret: null } });
      this.log.info({ hintCode: result.hintCode }, 'BankID login failed');
      return;
    }
    // complete: the person is identified. Only registered, active staff get further.
    const user = result.completionData.user;
    const decision = await this.registry.decide(user.personalNumber);
    let redirectTo: string | null = null;
    if (decision.outcome === 'login') {
      await this.registry.saveEvidence(decision.staffId, {
        personalNumber: user.personalNumber,
        name: user.name,
        givenName: user.givenName,
        surname: user.surname,
      });
      redirectTo = await finish(decision.staffId);
    }
    // The outcome and its audit event together, once per login (concurrent collects update nothing twice).
    const at = new Date();
    await this.prisma.$transaction(async (tx) => {
      const done = await tx.bankIdLogin.updateMany({
        where: { uid, status: 'pending' },
        data: { status: 'complete', hintCode: null, outcome: decision.outcome, redirectTo, qrStartSecret: null },
      });
      if (done.count !== 1) return;
      const key = 'subject' in decision ? decision.subject : uid;
      await addToOutbox(tx, [
        outboxEntry(StaffSignInV1, signInEvent(decision, at), { key, source: 'identity', correlationId: uid, causationId: null, traceparent: currentTraceparent(), occurredAt: at }),
      ]);
    });
    this.log.info({ outcome: decision.outcome }, 'BankID login complete');
  }
}
