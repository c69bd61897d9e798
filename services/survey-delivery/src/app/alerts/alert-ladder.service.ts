import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { SurveyDeliveryConfig } from '@delaktig/config';
import { SafetyAlertNotificationSentV1, SafetyAlertStepReachedV1, type AlertLadder, type DistrictId } from '@delaktig/contracts';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { CONFIG, PRISMA } from '@delaktig/service-kit';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../prisma';
import { callbackSignature, SecretBox } from '../delivery/secrets';
import { retryDelayMs, SerialRunner } from '../delivery/serial-runner';
import { DeliveryError, MailTransport, SmsTransport } from '../delivery/transports';
import { renderAlertMessage } from './alert-texts';
import { IdentityClient, type AlertContacts } from './identity-client';
import { nextStep, type SafetyAlertStep } from './ladder-steps';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

interface LadderRow {
  alert_id: string;
  invitation_id: string;
  district_id: DistrictId;
  unit_id: string | null;
  caseworker: string;
  raised_at: Date;
  last_step: SafetyAlertStep | null;
  correlation_id: string | null;
}

interface ClaimedNotification {
  id: string;
  alert_id: string;
  invitation_id: string;
  district_id: DistrictId;
  step: SafetyAlertStep;
  recipient: string;
  channel: 'sms' | 'email';
  contact_enc: string;
  attempts: number;
  correlation_id: string | null;
  acknowledged_at: Date | null;
}

interface Planned {
  recipient: string;
  channel: 'sms' | 'email';
  contact: string;
}

/**
 * Safety alerts that reach a person in time (issue 12, ADR 0018). Each alert from
 * SafetyAlertRaised gets a ladder: at once an SMS and an e-mail to the caseworker and the
 * unit leads; not acknowledged after N minutes the unit leads again; after M minutes,
 * outside office hours, the district's duty contacts (socialjouren). Acknowledgement
 * (SafetyAlertAcknowledged) closes it. Steps are taken by a conditional update of the ladder
 * row (two instances cannot take the same step) and the messages are rows of
 * safety_alert_notification, sent like the delivery worker sends (claimed with SKIP LOCKED,
 * retried with backoff). Each step and each message is an event; none carries contact or child data.
 */
@Injectable()
export class AlertLadderService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertLadder');
  private readonly box: SecretBox;
  private readonly mail: MailTransport;
  private readonly sms: SmsTransport;
  private readonly identity: IdentityClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly sender = new SerialRunner(
    () => this.drain(),
    (e) => this.logger.warn({ err: e.message }, 'alert notification round failed'),
  );
  private stopped = false;

  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(CONFIG) private readonly config: SurveyDeliveryConfig,
  ) {
    this.box = new SecretBox(config.DELIVERY_ENCRYPTION_KEY);
    this.mail = new MailTransport(config.SMTP_URL);
    this.sms = new SmsTransport({ baseUrl: config.SMS_API_URL, username: config.SMS_API_USERNAME, password: config.SMS_API_PASSWORD });
    this.identity = new IdentityClient({ baseUrl: config.IDENTITY_URL, secret: config.INTERNAL_TOKEN_SECRET });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.tick();
      this.kick();
    }, this.config.ALERT_LADDER_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.sender.stop();
    this.mail.close();
  }

  /** Runs the ladder now (after a consumed SafetyAlertRaised, or on the timer); one run at a time per instance. */
  tick(): void {
    if (this.running || this.stopped) return;
    this.running = this.run(new Date())
      .catch((e: Error) => this.logger.warn({ err: e.message }, 'alert ladder run failed; retrying next time'))
      .finally(() => (this.running = undefined));
  }

  /** Records a raised alert (in the consumer's transaction). Alerts older than ALERT_NOTIFY_MAX_AGE_MINUTES are recorded closed. */
  async recordRaised(tx: Tx, a: { alertId: string; invitationId: string; districtId: string; unitId: string | null; caseworker: string; raisedAt: string }, correlationId: string) {
    const stale = Date.now() - new Date(a.raisedAt).getTime() > this.config.ALERT_NOTIFY_MAX_AGE_MINUTES * 60_000;
    await tx.$executeRawUnsafe(
      `INSERT INTO safety_alert_ladder (alert_id, invitation_id, district_id, unit_id, caseworker, raised_at, correlation_id, closed_at)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz, $7, CASE WHEN $8 THEN now() END)
       ON CONFLICT (alert_id) DO NOTHING`,
      a.alertId,
      a.invitationId,
      a.districtId,
      a.unitId,
      a.caseworker,
      a.raisedAt,
      correlationId,
      stale,
    );
    if (stale) this.logger.warn({ alertId: a.alertId }, 'safety alert arrived too late to notify; recorded only');
  }

  /** Acknowledgement closes the ladder: no further step is taken, pending messages are not sent. */
  async recordAcknowledged(tx: Tx, a: { alertId: string; acknowledgedBy: string; acknowledgedAt: string }) {
    await tx.$executeRawUnsafe(
      `UPDATE safety_alert_ladder SET acknowledged_at = $2::timestamptz, acknowledged_by = $3, closed_at = COALESCE(closed_at, $2::timestamptz)
        WHERE alert_id = $1::uuid AND acknowledged_at IS NULL`,
      a.alertId,
      a.acknowledgedAt,
      a.acknowledgedBy,
    );
    await tx.$executeRawUnsafe(
      `UPDATE safety_alert_notification SET state = 'cancelled', last_error = 'acknowledged before sending', updated_at = now()
        WHERE alert_id = $1::uuid AND state = 'pending'`,
      a.alertId,
    );
  }

  /**
   * Takes every step that is due at `now` (the controllable clock of tests passes another time);
   * returns the steps taken. Contacts and the ladder come from identity; if it is not answering,
   * the step is taken on a later run.
   */
  async run(now: Date): Promise<{ alertId: string; step: SafetyAlertStep }[]> {
    const open = await this.prisma.$queryRawUnsafe<LadderRow[]>(
      `SELECT alert_id::text, invitation_id::text, district_id, unit_id, caseworker, raised_at, last_step, correlation_id
         FROM safety_alert_ladder WHERE closed_at IS NULL ORDER BY raised_at LIMIT 200`,
    );
    const taken: { alertId: string; step: SafetyAlertStep }[] = [];
    for (const row of open) {
      if (this.stopped) break;
      let contacts: AlertContacts;
      try {
        contacts = await this.identity.contacts({ districtId: row.district_id, unitId: row.unit_id, caseworker: row.caseworker });
      } catch (e) {
        this.logger.warn({ alertId: row.alert_id, err: (e as Error).message }, 'work contacts unavailable; the step waits');
        continue;
      }
      const next = nextStep(row.last_step, new Date(row.raised_at), contacts.ladder, now);
      if (next === null) {
        await this.prisma.$executeRawUnsafe(`UPDATE safety_alert_ladder SET closed_at = $2::timestamptz WHERE alert_id = $1::uuid AND closed_at IS NULL`, row.alert_id, now.toISOString());
        continue;
      }
      if (!next.due) continue;
      if (await this.takeStep(row, next.step, contacts, now)) taken.push({ alertId: row.alert_id, step: next.step });
    }
    if (taken.length) this.kick();
    return taken;
  }

  private plan(step: SafetyAlertStep, contacts: AlertContacts): { planned: Planned[]; recipients: number; withoutContact: number } {
    const people = step === 'raised' ? [contacts.caseworker, ...contacts.unitLeads].filter((p) => p !== null) : step === 'unit-lead' ? contacts.unitLeads : [];
    const planned: Planned[] = [];
    let withoutContact = 0;
    for (const p of people) {
      if (p.mobile) planned.push({ recipient: p.ref, channel: 'sms', contact: p.mobile });
      if (p.email) planned.push({ recipient: p.ref, channel: 'email', contact: p.email });
      if (!p.mobile && !p.email) withoutContact++;
    }
    let recipients = people.length;
    if (step === 'duty') {
      recipients = 1;
      if (contacts.ladder.dutyPhone) planned.push({ recipient: 'duty', channel: 'sms', contact: contacts.ladder.dutyPhone });
      if (contacts.ladder.dutyEmail) planned.push({ recipient: 'duty', channel: 'email', contact: contacts.ladder.dutyEmail });
      if (!contacts.ladder.dutyPhone && !contacts.ladder.dutyEmail) withoutContact = 1;
    }
    return { planned, recipients, withoutContact };
  }

  private async takeStep(row: LadderRow, step: SafetyAlertStep, contacts: AlertContacts, now: Date): Promise<boolean> {
    const { planned, recipients, withoutContact } = this.plan(step, contacts);
    return this.prisma.$transaction(async (tx) => {
      const moved = await tx.$executeRawUnsafe(
        `UPDATE safety_alert_ladder SET last_step = $2, last_step_at = $3::timestamptz, closed_at = CASE WHEN $2 = 'duty' THEN $3::timestamptz END
          WHERE alert_id = $1::uuid AND closed_at IS NULL AND last_step IS NOT DISTINCT FROM $4`,
        row.alert_id,
        step,
        now.toISOString(),
        row.last_step,
      );
      if (moved === 0) return false; // acknowledged meanwhile, or another instance took it
      for (const p of planned) {
        await tx.$executeRawUnsafe(
          `INSERT INTO safety_alert_notification (id, alert_id, step, recipient, channel, contact_enc)
           VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6) ON CONFLICT (alert_id, recipient, channel, step) DO NOTHING`,
          randomUUID(),
          row.alert_id,
          step,
          p.recipient,
          p.channel,
          this.box.seal(p.contact),
        );
      }
      await addToOutbox(tx, [
        outboxEntry(
          SafetyAlertStepReachedV1,
          { alertId: row.alert_id, invitationId: row.invitation_id, districtId: row.district_id, step, reachedAt: now.toISOString(), recipients, withoutContact },
          meta(row.alert_id, row.correlation_id, now),
        ),
      ]);
      this.logger.log({ alertId: row.alert_id, step, messages: planned.length, withoutContact }, 'safety alert step reached');
      return true;
    });
  }

  /** Sends due messages now. */
  kick(): void {
    if (!this.stopped) this.sender.kick();
  }

  private async drain(): Promise<void> {
    // A message left in 'sending' by a crash is sent again: for a safety alert a second SMS is
    // better than none (invitations, in contrast, are failed so a child gets no duplicate link).
    await this.prisma.$executeRawUnsafe(
      `UPDATE safety_alert_notification SET state = 'pending', last_error = 'outcome unknown after a restart: sent again', next_attempt_at = now(), updated_at = now()
        WHERE state = 'sending' AND updated_at < now() - interval '2 minutes'`,
    );
    for (let round = 0; round < 20 && !this.stopped; round++) {
      const claimed = await this.prisma.$transaction((tx) =>
        tx.$queryRawUnsafe<ClaimedNotification[]>(
          `WITH due AS (
             SELECT n.id FROM safety_alert_notification n
              WHERE n.state = 'pending' AND n.next_attempt_at <= now()
              ORDER BY n.next_attempt_at LIMIT 10 FOR UPDATE SKIP LOCKED)
           UPDATE safety_alert_notification n SET state = 'sending', attempts = n.attempts + 1, updated_at = now()
             FROM due, safety_alert_ladder l
            WHERE n.id = due.id AND l.alert_id = n.alert_id
           RETURNING n.id::text, n.alert_id::text, l.invitation_id::text, l.district_id, n.step, n.recipient, n.channel, n.contact_enc, n.attempts,
                     l.correlation_id, l.acknowledged_at`,
        ),
      );
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((c) => this.send(c)));
    }
  }

  private async send(c: ClaimedNotification): Promise<void> {
    const link = `${this.config.STAFF_APP_URL}/larm?alert=${c.alert_id}`;
    const message = renderAlertMessage(c.step, link);
    const to = this.box.open(c.contact_enc);
    try {
      let providerId: string;
      if (c.channel === 'email') {
        providerId = (await this.mail.send({ deliveryId: c.id, from: this.config.MAIL_FROM, to, message: { ...message, lang: 'sv', dir: 'ltr' } })).providerId;
      } else {
        const base = this.config.SMS_CALLBACK_URL ?? `http://127.0.0.1:${this.config.PORT}`;
        const whenDelivered = `${base}/callbacks/sms/${c.id}?sig=${callbackSignature(this.config.SMS_CALLBACK_SECRET, c.id)}`;
        providerId = (await this.sms.send({ from: this.config.SMS_SENDER, to, text: message.text, whenDelivered })).providerId;
      }
      await this.finish(c, 'sent', providerId, null);
    } catch (e) {
      const err = e instanceof DeliveryError ? e : new DeliveryError('provider-unavailable', true, (e as Error).message);
      const final = !err.temporary || c.attempts >= this.config.DELIVERY_MAX_ATTEMPTS;
      this.logger.warn({ notificationId: c.id, reason: err.reason, attempt: c.attempts, final }, 'safety alert notification failed');
      if (final) await this.finish(c, 'failed', null, `${err.reason}: ${err.message}`);
      else {
        const delay = retryDelayMs(this.config.DELIVERY_RETRY_BASE_MS, c.attempts, 600_000);
        await this.prisma.$executeRawUnsafe(
          `UPDATE safety_alert_notification SET state = 'pending', last_error = $2, next_attempt_at = now() + make_interval(secs => $3), updated_at = now() WHERE id = $1::uuid AND state = 'sending'`,
          c.id,
          `${err.reason}: ${err.message}`.slice(0, 300),
          delay / 1000,
        );
      }
    }
  }

  private async finish(c: ClaimedNotification, outcome: 'sent' | 'failed', providerId: string | null, error: string | null): Promise<void> {
    const at = new Date();
    await this.prisma.$transaction(async (tx) => {
      const n = await tx.$executeRawUnsafe(
        `UPDATE safety_alert_notification SET state = $2, provider_id = $3, last_error = $4, updated_at = $5::timestamptz WHERE id = $1::uuid AND state = 'sending'`,
        c.id,
        outcome,
        providerId,
        error?.slice(0, 300) ?? null,
        at.toISOString(),
      );
      if (n === 0) return;
      await addToOutbox(tx, [
        outboxEntry(
          SafetyAlertNotificationSentV1,
          { alertId: c.alert_id, invitationId: c.invitation_id, districtId: c.district_id, step: c.step, recipient: c.recipient, channel: c.channel, outcome, attempt: c.attempts, at: at.toISOString() },
          meta(c.alert_id, c.correlation_id, at),
        ),
      ]);
    });
  }

  /**
   * A delivery report from the SMS provider for an alert notification: delivered, or not
   * (then a final SafetyAlertNotificationSent with outcome failed, so the audit log and the
   * operators see that the person was not reached by SMS).
   */
  async report(notificationId: string, providerId: string, status: string): Promise<void> {
    const at = new Date();
    await this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<ClaimedNotification[]>(
        `UPDATE safety_alert_notification n SET state = $3, last_error = CASE WHEN $3 = 'failed' THEN 'undelivered: reported by the SMS provider' END, updated_at = now()
           FROM safety_alert_ladder l
          WHERE n.id = $1::uuid AND n.provider_id = $2 AND n.state = 'sent' AND l.alert_id = n.alert_id
         RETURNING n.id::text, n.alert_id::text, l.invitation_id::text, l.district_id, n.step, n.recipient, n.channel, n.attempts, l.correlation_id`,
        notificationId,
        providerId,
        status === 'delivered' ? 'delivered' : 'failed',
      );
      const c = rows[0];
      if (!c || status === 'delivered') return;
      this.logger.warn({ notificationId, alertId: c.alert_id, step: c.step }, 'safety alert SMS reported undelivered');
      await addToOutbox(tx, [
        outboxEntry(
          SafetyAlertNotificationSentV1,
          { alertId: c.alert_id, invitationId: c.invitation_id, districtId: c.district_id, step: c.step, recipient: c.recipient, channel: c.channel, outcome: 'failed', attempt: c.attempts, at: at.toISOString() },
          meta(c.alert_id, c.correlation_id, at),
        ),
      ]);
    });
  }

  /** The ladder's state of one alert, for tests and operators (no contact data). */
  async state(alertId: string) {
    const [ladder] = await this.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT alert_id::text, last_step, last_step_at, acknowledged_at, acknowledged_by, closed_at FROM safety_alert_ladder WHERE alert_id = $1::uuid`,
      alertId,
    );
    const notifications = await this.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT step, recipient, channel, state, attempts FROM safety_alert_notification WHERE alert_id = $1::uuid ORDER BY created_at, step, recipient, channel`,
      alertId,
    );
    return { ladder: ladder ?? null, notifications };
  }
}

export type { AlertLadder };

function meta(key: string, correlationId: string | null, at: Date) {
  const id = correlationId ?? randomUUID();
  return { key, source: 'survey-delivery', correlationId: id, causationId: id, occurredAt: at };
}
