import { createTransport, type Transporter } from 'nodemailer';
import type { RenderedMessage } from './texts';

export type FailureReason = 'rejected' | 'invalid-recipient' | 'provider-unavailable' | 'undelivered' | 'timeout';

/** A failed hand-over; `temporary` ones are retried with backoff. */
export class DeliveryError extends Error {
  constructor(
    public readonly reason: FailureReason,
    public readonly temporary: boolean,
    message: string,
  ) {
    super(message);
  }
}

export interface SentResult {
  providerId: string;
  /** true when the channel reports delivery later (SMS delivery reports). */
  awaitsReport: boolean;
}

/** E-mail through SMTP (nodemailer). The Message-ID is derived from the delivery id. */
export class MailTransport {
  private readonly transporter: Transporter;
  constructor(smtpUrl: string) {
    const url = new URL(smtpUrl);
    url.searchParams.set('connectionTimeout', '10000');
    url.searchParams.set('greetingTimeout', '10000');
    url.searchParams.set('socketTimeout', '20000');
    this.transporter = createTransport(url.toString());
  }

  async send(p: { deliveryId: string; from: string; to: string; message: RenderedMessage }): Promise<SentResult> {
    try {
      const info = await this.transporter.sendMail({
        from: p.from,
        to: p.to,
        subject: p.message.subject,
        text: p.message.text,
        html: p.message.html,
        messageId: `<${p.deliveryId}@delaktig>`,
        headers: { 'Content-Language': p.message.lang },
      });
      if (info.rejected?.length) throw new DeliveryError('invalid-recipient', false, 'recipient rejected by the mail server');
      return { providerId: info.messageId, awaitsReport: false };
    } catch (e) {
      if (e instanceof DeliveryError) throw e;
      const err = e as { responseCode?: number; code?: string };
      if (err.responseCode && err.responseCode >= 500 && err.responseCode < 600) {
        throw new DeliveryError(err.responseCode === 550 || err.responseCode === 553 ? 'invalid-recipient' : 'rejected', false, `SMTP ${err.responseCode}`);
      }
      if (err.code === 'ETIMEDOUT') throw new DeliveryError('timeout', true, 'mail server timed out');
      throw new DeliveryError('provider-unavailable', true, `mail server unavailable (${err.code ?? err.responseCode ?? 'error'})`);
    }
  }

  close() {
    this.transporter.close();
  }
}

/**
 * SMS through an HTTP API in 46elks' format: POST <base>/sms with basic auth and form fields
 * from, to, message, whendelivered; JSON reply with id and status. Delivery reports arrive
 * later at `whendelivered` (form fields id, status=delivered|failed, delivered).
 */
export class SmsTransport {
  constructor(private readonly opts: { baseUrl: string; username: string; password: string; timeoutMs?: number }) {}

  async send(p: { from: string; to: string; text: string; whenDelivered: string }): Promise<SentResult> {
    const form = new URLSearchParams({ from: p.from, to: p.to, message: p.text, whendelivered: p.whenDelivered });
    let res: Response;
    try {
      res = await fetch(`${this.opts.baseUrl}/sms`, {
        method: 'POST',
        headers: {
          authorization: 'Basic ' + Buffer.from(`${this.opts.username}:${this.opts.password}`).toString('base64'),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (e) {
      const name = (e as Error).name;
      throw new DeliveryError(name === 'TimeoutError' ? 'timeout' : 'provider-unavailable', true, `SMS provider unreachable (${name})`);
    }
    const text = await res.text();
    if (res.status === 429 || res.status >= 500) throw new DeliveryError('provider-unavailable', true, `SMS provider answered ${res.status}`);
    if (res.status === 401 || res.status === 403) throw new DeliveryError('provider-unavailable', true, `SMS provider refused our credentials (${res.status})`);
    if (!res.ok) {
      const invalid = /to|recipient|number/i.test(text);
      throw new DeliveryError(invalid ? 'invalid-recipient' : 'rejected', false, `SMS provider answered ${res.status}: ${text.slice(0, 120)}`);
    }
    let body: { id?: string; status?: string };
    try {
      body = JSON.parse(text);
    } catch {
      throw new DeliveryError('provider-unavailable', true, 'SMS provider reply was not JSON');
    }
    if (!body.id) throw new DeliveryError('provider-unavailable', true, 'SMS provider reply had no id');
    if (body.status === 'failed') throw new DeliveryError('undelivered', false, 'SMS provider failed the message at once');
    return { providerId: body.id, awaitsReport: true };
  }
}
