import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { BANKID_API_PATH } from '../types';
import { NOTICES, renderAppPage, renderAutostartPage, renderDonePage } from './html';
import {
  type BankIdSimulatorOrderSummary,
  type BankIdSimulatorTimings,
  DEFAULT_TIMINGS,
  SimulatorError,
  SimulatorState,
} from './state';
import type { BankIdTestPerson } from './test-persons';

export interface BankIdSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Epoch milliseconds; inject a fake clock to move through timeouts instantly. */
  clock?: () => number;
  testPersons?: readonly BankIdTestPerson[];
  /** Requests per second to the RP API before 429 tooManyRequests; unlimited when not set. */
  rateLimitPerSecond?: number;
  /** Serve HTTPS; with requireClientCert a request without a client certificate trusted by `ca` gets 401 unauthorized. */
  tls?: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer; requireClientCert?: boolean };
  timings?: Partial<BankIdSimulatorTimings>;
  /** Receives one line per notable event; never given personal numbers. Silent by default. */
  log?: (line: string) => void;
}

export type SimulatedFault = 'internalError' | 'maintenance' | 'requestTimeout';

export interface BankIdSimulatorRequestLogEntry {
  method: string;
  path: string;
  status: number;
}

export interface BankIdSimulator {
  /** e.g. http://127.0.0.1:3201 — the test app is at `/`. */
  readonly url: string;
  /** `${url}/rp/v6.0` — give this (or `url`) to BankIdClient as baseUrl. */
  readonly apiUrl: string;
  readonly port: number;
  close(): Promise<void>;
  /** The app receives the order (as after scanning the QR code or autostart): hint `started`, then `userSign`. */
  open(orderRef: string, personalNumber?: string): BankIdSimulatorOrderSummary;
  /** The user identifies/signs: by orderRef (optionally as a given person) or by personal number (that person's pending order). */
  approve(orderRefOrPersonalNumber: string, personalNumber?: string): BankIdSimulatorOrderSummary;
  /** The user presses cancel in the app: failed/userCancel. */
  cancelByUser(orderRefOrPersonalNumber: string): BankIdSimulatorOrderSummary;
  /** The app scans a QR frame (`bankid.<token>.<s>.<hmac>`); stale or forged frames throw. */
  scan(qrContent: string, personalNumber?: string): BankIdSimulatorOrderSummary;
  order(orderRef: string): BankIdSimulatorOrderSummary | undefined;
  orders(): BankIdSimulatorOrderSummary[];
  setMaintenance(on: boolean): void;
  setRateLimit(perSecond: number | null): void;
  /** The next `count` RP API requests fail with this error (500, 503 or 408). */
  failNext(count: number, fault?: SimulatedFault): void;
  /** Method, path and status of every request served, oldest first. */
  requestLog(): readonly BankIdSimulatorRequestLogEntry[];
  /** Forgets all orders, faults and the request log. */
  reset(): void;
}

const RP_METHODS = new Set(['auth', 'sign', 'collect', 'cancel']);
const MAX_BODY_BYTES = 1024 * 1024;
const FAULT_STATUS: Record<SimulatedFault, number> = { internalError: 500, maintenance: 503, requestTimeout: 408 };
const FAULT_DETAILS: Record<SimulatedFault, string> = {
  internalError: 'Internal error',
  maintenance: 'The service is temporarily unavailable',
  requestTimeout: 'Request timed out',
};

/** Starts a BankID RP API v6.0 simulator with its test app on the given port. */
export async function createBankIdSimulator(options: BankIdSimulatorOptions = {}): Promise<BankIdSimulator> {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? (() => undefined);
  const state = new SimulatorState(clock, { ...DEFAULT_TIMINGS, ...options.timings }, options.testPersons, log);
  let maintenance = false;
  let rateLimit: number | null = options.rateLimitPerSecond ?? null;
  let rateWindow = { second: -1, count: 0 };
  let faults: { count: number; fault: SimulatedFault } = { count: 0, fault: 'internalError' };
  let requests: BankIdSimulatorRequestLogEntry[] = [];

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    res.on('finish', () => {
      requests.push({ method: req.method ?? '', path, status: res.statusCode });
      if (requests.length > 10_000) requests = requests.slice(-5_000);
    });
    route(req, res).catch((err: unknown) => {
      if (err instanceof SimulatorError) {
        sendError(res, err.httpStatus, err.errorCode, err.details);
      } else {
        log(`internal error: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) sendError(res, 500, 'internalError', 'Internal error');
        else res.destroy();
      }
    });
  };

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith(`${BANKID_API_PATH}/`)) return rpApi(req, res, path.slice(BANKID_API_PATH.length + 1));
    if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendHtml(res, renderAppPage(state.list(), state.testPersons, noticeParam(url)));
    }
    if (path.startsWith('/sim/')) return simApi(req, res, url);
    throw new SimulatorError(404, 'notFound', 'Not found');
  }

  // ---- the RP API ------------------------------------------------------------------------------

  async function rpApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    if (!RP_METHODS.has(method)) throw new SimulatorError(404, 'notFound', 'Not found');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new SimulatorError(405, 'methodNotAllowed', `Method ${req.method ?? ''} not allowed`);
    }
    if (options.tls?.requireClientCert && !(req.socket as TLSSocket).authorized) {
      throw new SimulatorError(401, 'unauthorized', 'A valid client certificate is required');
    }
    if (maintenance) throw new SimulatorError(503, 'maintenance', FAULT_DETAILS.maintenance);
    if (rateLimit !== null) {
      const now = clock();
      const second = Math.floor(now / 1000);
      if (second !== rateWindow.second) rateWindow = { second, count: 0 };
      rateWindow.count++;
      if (rateWindow.count > rateLimit) {
        res.setHeader('RateLimit-Limit', String(rateLimit));
        res.setHeader('RateLimit-Remaining', '0');
        res.setHeader('RateLimit-Reset', String(Math.max(1, Math.ceil(((second + 1) * 1000 - now) / 1000))));
        throw new SimulatorError(429, 'tooManyRequests', 'Too many requests');
      }
    }
    if (faults.count > 0) {
      faults.count--;
      throw new SimulatorError(FAULT_STATUS[faults.fault], faults.fault, FAULT_DETAILS[faults.fault]);
    }
    // BankID accepts exactly application/json; a charset parameter gives 415.
    if ((req.headers['content-type'] ?? '').trim().toLowerCase() !== 'application/json') {
      throw new SimulatorError(415, 'unsupportedMediaType', 'Content-Type must be application/json');
    }
    const body = parseJsonObject(await readBody(req));

    switch (method) {
      case 'auth':
      case 'sign':
        return sendJson(res, 200, state.createOrder(method, body));
      case 'collect':
        return sendJson(res, 200, state.collect(body));
      default:
        state.cancel(body);
        return sendJson(res, 200, {});
    }
  }

  // ---- the test app and automation endpoints -------------------------------------------------------

  async function simApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (path === '/sim/orders') {
      if (req.method !== 'GET') throw methodNotAllowed(res, 'GET');
      return sendJson(res, 200, state.list());
    }
    if (path === '/sim/autostart') {
      if (req.method !== 'GET') throw methodNotAllowed(res, 'GET');
      const token = url.searchParams.get('autostarttoken') ?? '';
      let order = state.findByAutoStartToken(token);
      // Starting the app with the token is what makes the order `started`.
      if (order?.status === 'pending' && !order.opened) order = state.open(order.orderRef);
      return sendHtml(res, renderAutostartPage(order, token, safeRedirect(url.searchParams.get('redirect')), state.testPersons, noticeParam(url)));
    }

    const action = /^\/sim\/orders\/([^/]+)\/(open|approve|cancel)$/.exec(path);
    if (!action && path !== '/sim/scan' && path !== '/sim/maintenance') throw new SimulatorError(404, 'notFound', 'Not found');
    if (req.method !== 'POST') throw methodNotAllowed(res, 'POST');
    const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    const raw = await readBody(req);
    const input: Record<string, unknown> = isForm ? Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) : raw.length ? parseJsonObject(raw) : {};
    const personalNumber = typeof input['personalNumber'] === 'string' && input['personalNumber'] ? input['personalNumber'] : undefined;

    if (path === '/sim/maintenance') {
      maintenance = input['enabled'] === true || input['enabled'] === 'true';
      return sendJson(res, 200, { maintenance });
    }

    let result: BankIdSimulatorOrderSummary;
    let done: string;
    try {
      if (action) {
        const orderRef = decodeURIComponent(action[1]);
        const verb = action[2];
        result =
          verb === 'open' ? state.open(orderRef, personalNumber) : verb === 'approve' ? state.approve(orderRef, personalNumber) : state.cancelByUser(orderRef);
        done = verb === 'open' ? 'opened' : verb === 'approve' ? 'approved' : 'cancelled';
      } else {
        result = state.scan(typeof input['qr'] === 'string' ? input['qr'] : '', personalNumber);
        done = 'scanned';
      }
    } catch (err) {
      if (isForm && err instanceof SimulatorError) return redirect(res, withNotice(safeNext(input['next']), err.errorCode));
      throw err;
    }
    if (!isForm) return sendJson(res, 200, result);

    const next = safeNext(input['next']);
    if (next.startsWith('/sim/autostart') && result.status !== 'pending') {
      // Like the real app: back to the RP's returnUrl (or the autostart redirect) when done.
      const target = safeRedirect(result.returnUrl ?? null) ?? safeRedirect(new URL(next, 'http://localhost').searchParams.get('redirect'));
      if (target) return redirect(res, target);
      return sendHtml(res, renderDonePage(result.status === 'complete'));
    }
    return redirect(res, withNotice(next, done));
  }

  // ---- server ----------------------------------------------------------------------------------

  const server = options.tls
    ? https.createServer(
        {
          cert: options.tls.cert,
          key: options.tls.key,
          ca: options.tls.ca,
          requestCert: options.tls.requireClientCert === true,
          // Checked per request so that the RP API can answer 401 like BankID instead of dropping the connection.
          rejectUnauthorized: false,
        },
        handler,
      )
    : http.createServer(handler);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${options.tls ? 'https' : 'http'}://${hostForUrl}:${address.port}`;
  log(`BankID simulator listening on ${url}`);

  return {
    url,
    apiUrl: `${url}${BANKID_API_PATH}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    open: (orderRef, personalNumber) => state.open(orderRef, personalNumber),
    approve: (orderRefOrPersonalNumber, personalNumber) => state.approve(orderRefOrPersonalNumber, personalNumber),
    cancelByUser: (orderRefOrPersonalNumber) => state.cancelByUser(orderRefOrPersonalNumber),
    scan: (qrContent, personalNumber) => state.scan(qrContent, personalNumber),
    order: (orderRef) => state.get(orderRef),
    orders: () => state.list(),
    setMaintenance: (on) => {
      maintenance = on;
    },
    setRateLimit: (perSecond) => {
      rateLimit = perSecond;
      rateWindow = { second: -1, count: 0 };
    },
    failNext: (count, fault = 'internalError') => {
      faults = { count, fault };
    },
    requestLog: () => requests,
    reset: () => {
      state.reset();
      maintenance = false;
      faults = { count: 0, fault: 'internalError' };
      requests = [];
      rateWindow = { second: -1, count: 0 };
    },
  };
}

function methodNotAllowed(res: http.ServerResponse, allow: string): SimulatorError {
  res.setHeader('Allow', allow);
  return new SimulatorError(405, 'methodNotAllowed', 'Method not allowed');
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new SimulatorError(400, 'invalidParameters', 'Request body too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function parseJsonObject(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new SimulatorError(400, 'invalidParameters', 'Invalid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimulatorError(400, 'invalidParameters', 'Request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), 'Cache-Control': 'no-store' });
  res.end(payload);
}

function sendError(res: http.ServerResponse, status: number, errorCode: string, details: string): void {
  sendJson(res, status, { errorCode, details });
}

function sendHtml(res: http.ServerResponse, html: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(html);
}

function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

function noticeParam(url: URL): string | null {
  const code = url.searchParams.get('meddelande');
  return code && code in NOTICES ? code : null;
}

/** Only same-site paths are followed after a form post. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : '/';
}

function withNotice(path: string, code: string): string {
  const url = new URL(path, 'http://localhost');
  url.searchParams.set('meddelande', code);
  return `${url.pathname}${url.search}`;
}

/** returnUrl / redirect targets: absolute http(s) URLs only. */
function safeRedirect(value: string | null): string | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
}
