import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { z } from 'zod';
import { BankIdError } from './errors';
import { parsePersonalIdentityNumber } from './personal-number';
import {
  BANKID_API_PATH,
  type BankIdAuthRequest,
  type BankIdCollectResponse,
  type BankIdOrderRequest,
  type BankIdOrderResponse,
  type BankIdSignRequest,
  collectResponseSchema,
  errorBodySchema,
  orderResponseSchema,
} from './types';

type Pem = string | Buffer;

/** The RP certificate for mutual TLS, either as PEM cert + key or as a PKCS#12 file. */
export type BankIdTlsOptions = {
  /** BankID's CA (the server is verified against this only). */
  ca: Pem;
  passphrase?: string;
} & ({ cert: Pem; key: Pem; pfx?: never } | { pfx: Buffer; cert?: never; key?: never });

export interface BankIdRetryOptions {
  /** Total attempts including the first (default 3). */
  attempts?: number;
  /** Delay before the 2nd attempt; doubled for each further one (default 250 ms). */
  baseDelayMs?: number;
}

export interface BankIdClientOptions {
  /**
   * e.g. `https://appapi2.bankid.com/rp/v6.0`. If the URL has no path, `/rp/v6.0` is appended,
   * so `http://127.0.0.1:3201` (the simulator) works as well.
   */
  baseUrl: string;
  /** mTLS with the RP certificate; required against real BankID. */
  tls?: BankIdTlsOptions;
  /** Per-request timeout (default 10 000 ms). */
  timeoutMs?: number;
  retry?: BankIdRetryOptions;
}

/** Statuses worth trying again: BankID asks RPs to retry on these (maintenance, timeout, internal error). */
const RETRYABLE_STATUSES = new Set([408, 500, 503]);
const MAX_RESPONSE_BYTES = 1024 * 1024;

interface RawResponse {
  status: number;
  body: unknown;
}

/**
 * Client for BankID's RP API v6.0 (auth, sign, collect, cancel).
 * Uses node:https with an Agent carrying the RP certificate; no extra dependencies.
 */
export class BankIdClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly baseDelayMs: number;

  constructor(options: BankIdClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new TypeError('BankID baseUrl must be an http(s) URL');
    }
    if (base.pathname === '' || base.pathname === '/') base.pathname = BANKID_API_PATH;
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.base = base;

    if (options.tls && base.protocol !== 'https:') {
      throw new TypeError('BankID tls options need an https baseUrl');
    }
    this.agent =
      base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            ca: options.tls?.ca,
            cert: options.tls?.cert,
            key: options.tls?.key,
            pfx: options.tls?.pfx,
            passphrase: options.tls?.passphrase,
            minVersion: 'TLSv1.2',
          })
        : new http.Agent({ keepAlive: true });
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.attempts = Math.max(1, options.retry?.attempts ?? 3);
    this.baseDelayMs = Math.max(0, options.retry?.baseDelayMs ?? 250);
  }

  /**
   * Reads the standard settings: BANKID_API_URL, and for mTLS BANKID_CLIENT_CERT,
   * BANKID_CLIENT_KEY (PEM file paths or PEM text; a .p12/.pfx cert path needs no key),
   * BANKID_CA_CERT and BANKID_CLIENT_CERT_PASSPHRASE.
   */
  static fromEnv(env: Record<string, string | undefined> = process.env, extra: Omit<BankIdClientOptions, 'baseUrl' | 'tls'> = {}): BankIdClient {
    const baseUrl = env['BANKID_API_URL'];
    if (!baseUrl) throw new TypeError('BANKID_API_URL is not set');
    const certSetting = env['BANKID_CLIENT_CERT'];
    if (!certSetting) return new BankIdClient({ ...extra, baseUrl });
    const caSetting = env['BANKID_CA_CERT'];
    if (!caSetting) throw new TypeError('BANKID_CA_CERT is required with BANKID_CLIENT_CERT');
    const passphrase = env['BANKID_CLIENT_CERT_PASSPHRASE'] || undefined;
    const ca = readPem(caSetting);
    if (/\.(p12|pfx)$/i.test(certSetting)) {
      return new BankIdClient({ ...extra, baseUrl, tls: { pfx: readFileSync(certSetting), ca, passphrase } });
    }
    const keySetting = env['BANKID_CLIENT_KEY'];
    if (!keySetting) throw new TypeError('BANKID_CLIENT_KEY is required with a PEM BANKID_CLIENT_CERT');
    return new BankIdClient({
      ...extra,
      baseUrl,
      tls: { cert: readPem(certSetting), key: readPem(keySetting), ca, passphrase },
    });
  }

  /** Starts an identification order. */
  auth(request: BankIdAuthRequest): Promise<BankIdOrderResponse> {
    return this.call('auth', toWireOrder(request), orderResponseSchema);
  }

  /** Starts a signing order; userVisibleData (plain text) is required. */
  sign(request: BankIdSignRequest): Promise<BankIdOrderResponse> {
    if (!request.userVisibleData) throw new TypeError('sign requires userVisibleData');
    return this.call('sign', toWireOrder(request), orderResponseSchema);
  }

  /** Status of an order. Call every 2 seconds while `pending`. */
  async collect(orderRef: string): Promise<BankIdCollectResponse> {
    return (await this.call('collect', { orderRef }, collectResponseSchema)) as BankIdCollectResponse;
  }

  /** Cancels a pending order. */
  async cancel(orderRef: string): Promise<void> {
    await this.call('cancel', { orderRef }, null);
  }

  /** Releases kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private async call<S extends z.ZodType>(method: string, body: object, schema: S | null): Promise<z.infer<S>> {
    const url = new URL(method, this.base);
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    for (let attempt = 1; ; attempt++) {
      const response = await this.post(url, payload);
      if (response.status === 200) {
        if (!schema) return undefined as z.infer<S>;
        const parsed = schema.safeParse(response.body);
        if (!parsed.success) {
          throw new BankIdError(200, 'invalidResponse', `Unexpected ${method} response: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`);
        }
        return parsed.data;
      }
      if (RETRYABLE_STATUSES.has(response.status) && attempt < this.attempts) {
        await delay(this.baseDelayMs * 2 ** (attempt - 1));
        continue;
      }
      throw toBankIdError(response);
    }
  }

  private post(url: URL, payload: Buffer): Promise<RawResponse> {
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<RawResponse>((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': payload.length,
            Accept: 'application/json',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              req.destroy(new Error('response too large'));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = undefined;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', (err) => reject(new BankIdError(0, 'networkError', err.message)));
        },
      );
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (err) => reject(err instanceof BankIdError ? err : new BankIdError(0, 'networkError', err.message)));
      req.end(payload);
    });
  }
}

function toWireOrder(request: BankIdOrderRequest): Record<string, unknown> {
  const wire: Record<string, unknown> = { endUserIp: request.endUserIp };
  if (request.requirement) {
    const requirement: Record<string, unknown> = { ...request.requirement };
    if (request.requirement.personalNumber !== undefined) {
      // Throws PersonalIdentityNumberError (without the number in its message) when invalid.
      requirement['personalNumber'] = parsePersonalIdentityNumber(request.requirement.personalNumber).normalized;
    }
    wire['requirement'] = requirement;
  }
  if (request.userVisibleData !== undefined) {
    wire['userVisibleData'] = Buffer.from(request.userVisibleData, 'utf8').toString('base64');
  }
  if (request.userVisibleDataFormat !== undefined) wire['userVisibleDataFormat'] = request.userVisibleDataFormat;
  if (request.userNonVisibleData !== undefined) {
    const data = request.userNonVisibleData;
    wire['userNonVisibleData'] = (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64');
  }
  if (request.returnUrl !== undefined) wire['returnUrl'] = request.returnUrl;
  if (request.returnRisk !== undefined) wire['returnRisk'] = request.returnRisk;
  if (request.app !== undefined) wire['app'] = request.app;
  if (request.web !== undefined) wire['web'] = request.web;
  return wire;
}

function toBankIdError(response: RawResponse): BankIdError {
  const parsed = errorBodySchema.safeParse(response.body);
  if (parsed.success) return new BankIdError(response.status, parsed.data.errorCode, parsed.data.details ?? '');
  return new BankIdError(response.status, fallbackErrorCode(response.status), '');
}

function fallbackErrorCode(status: number): string {
  switch (status) {
    case 400:
      return 'invalidParameters';
    case 401:
    case 403:
      return 'unauthorized';
    case 404:
      return 'notFound';
    case 405:
      return 'methodNotAllowed';
    case 408:
      return 'requestTimeout';
    case 415:
      return 'unsupportedMediaType';
    case 429:
      return 'tooManyRequests';
    case 503:
      return 'maintenance';
    default:
      return status >= 500 ? 'internalError' : 'unknown';
  }
}

function readPem(setting: string): string {
  return setting.includes('-----BEGIN') ? setting : readFileSync(setting, 'utf8');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
