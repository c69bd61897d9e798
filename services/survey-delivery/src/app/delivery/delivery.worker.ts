import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { SurveyDeliveryConfig } from '@delaktig/config';
import { InvitationDeliveryFailedV1, InvitationSentV1, type Channel, type ChildLanguage, type DistrictId } from '@delaktig/contracts';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { CONFIG, PRISMA } from '@delaktig/service-kit';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../prisma';
import { retryDelayMs, SerialRunner } from './serial-runner';
import { callbackSignature, SecretBox } from './secrets';
import { advanceStatus } from './status';
import { renderMessage, type Purpose } from './texts';
import { DeliveryError, MailTransport, SmsTransport, type FailureReason } from './transports';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

interface Claimed {
  id: string;
  invitation_id: string;
  purpose: Purpose;
  round: number;
  channel: Channel;
  attempts: number;
  correlation_id: string | null;
  district_id: DistrictId;
  language: ChildLanguage;
  discreet: boolean;
  contact_enc: string | null;
  link_enc: string | null;
  expires_at: Date;
  status: string;
}

/** A message waiting in the delivery table. */
export async function enqueueDelivery(tx: Tx, p: { invitationId: string; purpose: Purpose; channel: Channel; correlationId: string; round?: number }): Promise<boolean> {
  const n = await tx.$executeRawUnsafe(
    `INSERT INTO delivery (id, invitation_id, purpose, round, channel, correlation_id)
     VALUES ($1::uuid, $2::uuid, $3, COALESCE($5, (SELECT COALESCE(MAX(round), 0) + 1 FROM delivery WHERE invitation_id = $2::uuid AND purpose = $3)), $4, $6)
     ON CONFLICT (invitation_id, purpose, round) DO NOTHING`,
    randomUUID(),
    p.invitationId,
    p.purpose,
    p.channel,
    p.round ?? null,
    p.correlationId,
  );
  return n > 0;
}

/**
 * Sends the messages in the delivery table. Several instances may run: each claims due rows
 * with `FOR UPDATE SKIP LOCKED` and marks them `sending` in that transaction before handing
 * anything to the mail server or SMS provider, so a message is handed over at most once per
 * attempt. Temporary failures go back to `pending` with exponential backoff and jitter; a
 * row left in `sending` by a crash is never sent again (it may have gone out) but failed
 * with reason `timeout` so the caseworker can resend.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeliveryWorker');
  private readonly box: SecretBox;
  private readonly mail: MailTransport;
  private readonly sms: SmsTransport;
  private timer?: NodeJS.Timeout;
  private readonly runner = new SerialRunner(
    () => this.drain(),
    (e) => this.logger.warn({ err: e.message }, 'delivery round failed'),
  );
  private stopped = false;

  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(CONFIG) private readonly config: SurveyDeliveryConfig,
  ) {
    this.box = new SecretBox(config.DELIVERY_ENCRYPTION_KEY);
    this.mail = new MailTransport(config.SMTP_URL);
    this.sms = new SmsTransport({ baseUrl: config.SMS_API_URL, username: config.SMS_API_USERNAME, password: config.SMS_API_PASSWORD });
  }

  onApplicationBootstrap() {
    // Start after the start-up work (questionnaire seeding) has had the database to itself.
    this.timer = setInterval(() => this.kick(), this.config.DELIVERY_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.runner.stop();
    this.mail.close();
  }

  /** Look for due messages now (after a commit that enqueued one). */
  kick(): void {
    this.runner.kick();
  }

  private async drain(): Promise<void> {
    await this.failStuck();
    for (let round = 0; round < 20 && !this.stopped; round++) {
      const claimed = await this.claim(10);
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((c) => this.deliver(c)));
    }
  }

  private async claim(limit: number): Promise<Claimed[]> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<Claimed[]>(
        `WITH due AS (
           SELECT d.id FROM delivery d
            WHERE d.state = 'pending' AND d.next_attempt_at <= now()
            ORDER BY d.next_attempt_at
            LIMIT $1
            FOR UPDATE SKIP LOCKED)
         UPDATE delivery d SET state = 'sending', attempts = d.attempts + 1, updated_at = now()
           FROM due, invitation i
          WHERE d.id = due.id AND i.id = d.invitation_id
         RETURNING d.id::text, d.invitation_id::text, d.purpose, d.round, d.channel, d.attempts, d.correlation_id,
                   i.district_id, i.language, i.discreet, i.contact_enc, i.link_enc, i.expires_at, i.status`,
        limit,
      );
      return rows;
    });
  }

  private async deliver(c: Claimed): Promise<void> {
    const ended = c.status === 'revoked' || c.status === 'expired';
    if ((ended && c.purpose !== 'feedback-notice') || !c.contact_enc || !c.link_enc) {
      await this.prisma.$executeRawUnsafe(
        `UPDATE delivery SET state = 'failed', last_error = $2, updated_at = now() WHERE id = $1::uuid`,
        c.id,
        `not sent: invitation ${c.status}`,
      );
      return;
    }
    const contact = this.box.open(c.contact_enc);
    const link = `${this.config.CHILD_APP_URL}/#/i/${this.box.open(c.link_enc)}`;
    const message = renderMessage({ language: c.language, discreet: c.discreet, purpose: c.purpose, link, expiresAt: new Date(c.expires_at) });
    try {
      let providerId: string;
      if (c.channel === 'email') {
        providerId = (await this.mail.send({ deliveryId: c.id, from: c.discreet ? this.config.MAIL_FROM_DISCREET : this.config.MAIL_FROM, to: contact, message })).providerId;
      } else {
        const base = this.config.SMS_CALLBACK_URL ?? `http://127.0.0.1:${this.config.PORT}`;
        const whenDelivered = `${base}/callbacks/sms/${c.id}?sig=${callbackSignature(this.config.SMS_CALLBACK_SECRET, c.id)}`;
        providerId = (
          await this.sms.send({ from: c.discreet ? this.config.SMS_SENDER_DISCREET : this.config.SMS_SENDER, to: contact, text: message.text, whenDelivered })
        ).providerId;
      }
      await this.markSent(c, providerId);
    } catch (e) {
      const err = e instanceof DeliveryError ? e : new DeliveryError('provider-unavailable', true, (e as Error).message);
      await this.markFailed(c, err);
    }
  }

  private async markSent(c: Claimed, providerId: string): Promise<void> {
    const sentAt = new Date();
    await this.prisma.$transaction(async (tx) => {
      const n = await tx.$executeRawUnsafe(
        `UPDATE delivery SET state = 'sent', provider_id = $2, last_error = NULL, updated_at = $3::timestamptz WHERE id = $1::uuid AND state = 'sending'`,
        c.id,
        providerId,
        sentAt.toISOString(),
      );
      if (n === 0) return;
      if (c.purpose === 'invitation' || c.purpose === 'resend') await advanceStatus(tx, c.invitation_id, 'sent', sentAt);
      await addToOutbox(tx, [
        outboxEntry(
          InvitationSentV1,
          { invitationId: c.invitation_id, districtId: c.district_id, channel: c.channel, purpose: c.purpose, sentAt: sentAt.toISOString(), attempt: c.attempts },
          meta(c, sentAt),
        ),
      ]);
    });
  }

  private backoffMs(attempt: number): number {
    return retryDelayMs(this.config.DELIVERY_RETRY_BASE_MS, attempt, 3_600_000);
  }

  private async markFailed(c: Claimed, err: DeliveryError): Promise<void> {
    const failedAt = new Date();
    const final = !err.temporary || c.attempts >= this.config.DELIVERY_MAX_ATTEMPTS;
    this.logger.warn({ deliveryId: c.id, reason: err.reason, attempt: c.attempts, final }, 'delivery failed');
    await this.prisma.$transaction(async (tx) => {
      const n = await tx.$executeRawUnsafe(
        `UPDATE delivery SET state = $2, last_error = $3, next_attempt_at = $4::timestamptz, updated_at = now() WHERE id = $1::uuid AND state = 'sending'`,
        c.id,
        final ? 'failed' : 'pending',
        `${err.reason}: ${err.message}`.slice(0, 300),
        new Date(failedAt.getTime() + (final ? 0 : this.backoffMs(c.attempts))).toISOString(),
      );
      if (n === 0) return;
      await this.failedEvent(tx, c, err.reason, final, failedAt);
    });
  }

  private async failedEvent(tx: Tx, c: Pick<Claimed, 'invitation_id' | 'district_id' | 'channel' | 'purpose' | 'attempts' | 'correlation_id'>, reason: FailureReason, final: boolean, at: Date) {
    if (final && (c.purpose === 'invitation' || c.purpose === 'resend')) await advanceStatus(tx, c.invitation_id, 'delivery-failed', at);
    await addToOutbox(tx, [
      outboxEntry(
        InvitationDeliveryFailedV1,
        { invitationId: c.invitation_id, districtId: c.district_id, channel: c.channel, purpose: c.purpose, failedAt: at.toISOString(), attempt: c.attempts, reason, final },
        meta(c, at),
      ),
    ]);
  }

  /** Rows a crashed instance left in `sending` for 5 minutes: maybe handed over, so never resent; failed as timeout. */
  private async failStuck(): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<Claimed[]>(
        `UPDATE delivery d SET state = 'failed', last_error = 'timeout: outcome unknown after a restart', updated_at = now()
           FROM invitation i
          WHERE i.id = d.invitation_id AND d.state = 'sending' AND d.updated_at < now() - interval '5 minutes'
         RETURNING d.invitation_id::text, i.district_id, d.channel, d.purpose, d.attempts, d.correlation_id`,
      );
      for (const r of rows) await this.failedEvent(tx, r, 'timeout', true, new Date());
    });
  }

  /** A delivery report from the SMS provider (46elks format: id, status delivered|failed). Applies a delivery report to an invitation's message; false when the id is not one (e.g. a safety-alert notification). */
  async report(deliveryId: string, providerId: string, status: string): Promise<boolean> {
    const at = new Date();
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<Claimed[]>(
        `UPDATE delivery d SET state = $3, last_error = CASE WHEN $3 = 'failed' THEN 'undelivered: reported by the SMS provider' ELSE NULL END, updated_at = now()
           FROM invitation i
          WHERE d.id = $1::uuid AND d.provider_id = $2 AND d.state = 'sent' AND i.id = d.invitation_id
         RETURNING d.invitation_id::text, i.district_id, d.channel, d.purpose, d.attempts, d.correlation_id`,
        deliveryId,
        providerId,
        status === 'delivered' ? 'delivered' : 'failed',
      );
      if (rows.length === 0) return false;
      if (status !== 'delivered') await this.failedEvent(tx, rows[0], 'undelivered', true, at);
      return true;
    });
  }
}

function meta(c: { invitation_id: string; correlation_id: string | null }, at: Date) {
  const correlationId = c.correlation_id ?? randomUUID();
  return { key: c.invitation_id, source: 'survey-delivery', correlationId, causationId: correlationId, occurredAt: at };
}
