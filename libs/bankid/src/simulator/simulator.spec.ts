import { BankIdClient } from '../client';
import { BankIdError } from '../errors';
import { bankIdQrContent } from '../qr';
import type { BankIdCollectResponse, BankIdOrderResponse } from '../types';
import { type BankIdSimulator, createBankIdSimulator } from './simulator';

const ANNA = '198504129829';
const ERIK = '198112289874';
const IP = '192.0.2.10';
const START = Date.UTC(2026, 0, 15, 9, 0, 0);

let now = START;
let sim: BankIdSimulator;
let client: BankIdClient;

beforeAll(async () => {
  sim = await createBankIdSimulator({ clock: () => now });
  client = new BankIdClient({ baseUrl: sim.url, retry: { attempts: 3, baseDelayMs: 1 } });
});

afterAll(async () => {
  client.close();
  await sim.close();
});

beforeEach(() => {
  now = START;
  sim.reset();
  sim.setRateLimit(null);
});

const advance = (ms: number) => {
  now += ms;
};

async function caught(promise: Promise<unknown>): Promise<BankIdError> {
  const err = await promise.then(
    () => {
      throw new Error('expected a BankIdError');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BankIdError);
  return err as BankIdError;
}

function post(path: string, body: unknown, contentType = 'application/json') {
  return fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
}

const hint = (r: BankIdCollectResponse) => ('hintCode' in r ? `${r.status}/${r.hintCode}` : r.status);

describe('BankID simulator through BankIdClient', () => {
  it('runs auth through outstandingTransaction → started → userSign → complete', async () => {
    const order = await client.auth({ endUserIp: IP, userVisibleData: 'Logga in i Delaktig' });
    for (const value of Object.values(order)) expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    expect(await client.collect(order.orderRef)).toEqual({ orderRef: order.orderRef, status: 'pending', hintCode: 'outstandingTransaction' });

    // The test app opens the order over HTTP, as a browser test would.
    const opened = await post(`/sim/orders/${order.orderRef}/open`, { personalNumber: ANNA });
    expect(opened.status).toBe(200);
    expect(hint(await client.collect(order.orderRef))).toBe('pending/started');
    advance(1_000);
    expect(hint(await client.collect(order.orderRef))).toBe('pending/userSign');

    expect((await post(`/sim/orders/${order.orderRef}/approve`, {})).status).toBe(200);
    const result = await client.collect(order.orderRef);
    if (result.status !== 'complete') throw new Error(`expected complete, got ${hint(result)}`);
    const data = result.completionData;
    expect(data.user).toEqual({ personalNumber: ANNA, name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' });
    expect(data.device.ipAddress).toBe(IP);
    expect(data.device.uhi).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(data.bankIdIssueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.stepUp).toEqual({ mrtd: false });
    expect(data.risk).toBeUndefined();
    const xml = Buffer.from(data.signature, 'base64').toString('utf8');
    expect(xml).toContain('<funcId>Identification</funcId>');
    expect(xml).toContain(Buffer.from('Logga in i Delaktig').toString('base64'));
    expect(Buffer.from(data.ocspResponse, 'base64').toString('utf8')).toContain(order.orderRef);

    // Collectable (again) for 3 minutes, then gone like at BankID: 400 invalidParameters.
    advance(180_000 - 1);
    expect((await client.collect(order.orderRef)).status).toBe('complete');
    advance(1);
    const gone = await caught(client.collect(order.orderRef));
    expect([gone.httpStatus, gone.errorCode, gone.details]).toEqual([400, 'invalidParameters', 'No such order']);
  });

  it('signs with risk and step-up, and refuses sign without userVisibleData', async () => {
    const order = await client.sign({
      endUserIp: '2001:db8::7',
      userVisibleData: '# Samtycke\n\nJag godkänner att mina svar sparas.',
      userVisibleDataFormat: 'simpleMarkdownV1',
      userNonVisibleData: 'invitation:42',
      returnRisk: true,
      requirement: { mrtd: true, pinCode: true, certificatePolicies: ['1.2.752.78.1.5'] },
    });
    expect(sim.order(order.orderRef)?.userVisibleText).toBe('# Samtycke\n\nJag godkänner att mina svar sparas.');
    sim.approve(order.orderRef, ERIK);
    const result = await client.collect(order.orderRef);
    if (result.status !== 'complete') throw new Error('expected complete');
    expect(result.completionData.user.name).toBe('Erik Eriksson');
    expect(result.completionData.device.ipAddress).toBe('2001:db8::7');
    expect(result.completionData.risk).toBe('low');
    expect(result.completionData.stepUp).toEqual({ mrtd: true });
    expect(Buffer.from(result.completionData.signature, 'base64').toString('utf8')).toContain('<funcId>Signing</funcId>');

    const raw = await post('/rp/v6.0/sign', { endUserIp: IP });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ errorCode: 'invalidParameters', details: 'Missing userVisibleData' });
  });

  it('ends with failed/userCancel when the user cancels in the app; failed orders last 5 minutes', async () => {
    const { orderRef } = await client.auth({ endUserIp: IP });
    sim.open(orderRef, ANNA);
    sim.cancelByUser(ANNA); // found by the person using it
    expect(await client.collect(orderRef)).toEqual({ orderRef, status: 'failed', hintCode: 'userCancel' });
    advance(300_000 - 1);
    expect(hint(await client.collect(orderRef))).toBe('failed/userCancel');
    advance(1);
    expect((await caught(client.collect(orderRef))).details).toBe('No such order');
  });

  it('ends with failed/cancelled when the RP cancels; a second cancel is invalidParameters', async () => {
    const { orderRef } = await client.auth({ endUserIp: IP });
    await expect(client.cancel(orderRef)).resolves.toBeUndefined();
    expect(hint(await client.collect(orderRef))).toBe('failed/cancelled');
    const again = await caught(client.cancel(orderRef));
    expect([again.httpStatus, again.errorCode]).toEqual([400, 'invalidParameters']);
    expect(() => sim.approve(orderRef)).toThrow(/orderNotPending/);
  });

  it('answers alreadyInProgress to a second order for the same required person and cancels the first', async () => {
    const first = await client.auth({ endUserIp: IP, requirement: { personalNumber: '19811228-9874' } });
    expect(sim.order(first.orderRef)?.personMasked).toBe('19811228-****');
    const err = await caught(client.auth({ endUserIp: IP, requirement: { personalNumber: ERIK } }));
    expect([err.httpStatus, err.errorCode]).toEqual([400, 'alreadyInProgress']);
    expect(hint(await client.collect(first.orderRef))).toBe('failed/cancelled');
    // Only that person's order is affected, and no new order was created.
    expect(sim.orders()).toHaveLength(1);
    // After that the person can start again.
    await expect(client.auth({ endUserIp: IP, requirement: { personalNumber: ERIK } })).resolves.toHaveProperty('orderRef');
  });

  it('cancels the older order when the same person opens a second one in the app', async () => {
    const a = await client.auth({ endUserIp: IP });
    const b = await client.auth({ endUserIp: IP });
    const c = await client.auth({ endUserIp: IP });
    sim.open(a.orderRef, ANNA);
    sim.open(c.orderRef, ERIK);
    sim.open(b.orderRef, ANNA);
    expect(hint(await client.collect(a.orderRef))).toBe('failed/cancelled');
    expect(hint(await client.collect(b.orderRef))).toBe('pending/started');
    expect(hint(await client.collect(c.orderRef))).toBe('pending/started');
  });

  it('refuses the wrong person for an order with a required personal number', async () => {
    const { orderRef } = await client.auth({ endUserIp: IP, requirement: { personalNumber: ANNA } });
    const res = await post(`/sim/orders/${orderRef}/approve`, { personalNumber: ERIK });
    expect(res.status).toBe(409);
    expect((await res.json()).errorCode).toBe('personalNumberMismatch');
    expect(hint(await client.collect(orderRef))).toBe('pending/outstandingTransaction');
    sim.approve(orderRef); // defaults to the required person
    const done = await client.collect(orderRef);
    expect(done.status === 'complete' && done.completionData.user.personalNumber).toBe(ANNA);
  });

  it('fails with startFailed 30 s after creation when no app opened the order', async () => {
    const { orderRef } = await client.auth({ endUserIp: IP });
    advance(29_999);
    expect(hint(await client.collect(orderRef))).toBe('pending/outstandingTransaction');
    advance(1);
    expect(hint(await client.collect(orderRef))).toBe('failed/startFailed');
    // Failed orders stay for 5 minutes counted from the failure.
    advance(300_000 - 1);
    expect(hint(await client.collect(orderRef))).toBe('failed/startFailed');
    advance(1);
    expect((await caught(client.collect(orderRef))).errorCode).toBe('invalidParameters');
  });

  it('fails an opened but unsigned order with expiredTransaction after 3 minutes', async () => {
    const { orderRef } = await client.auth({ endUserIp: IP });
    advance(10_000);
    sim.open(orderRef, ANNA);
    advance(60_000);
    expect(hint(await client.collect(orderRef))).toBe('pending/userSign');
    advance(110_000);
    expect(hint(await client.collect(orderRef))).toBe('failed/expiredTransaction');
  });

  it('answers unknown orderRefs with 400 invalidParameters "No such order"', async () => {
    const err = await caught(client.collect('6a1c2c44-5bd6-4e70-8d0b-2a2a8d1b8f15'));
    expect([err.httpStatus, err.errorCode, err.details]).toEqual([400, 'invalidParameters', 'No such order']);
  });
});

describe('BankID simulator HTTP protocol', () => {
  it('gives 415 for a charset in Content-Type', async () => {
    const res = await post('/rp/v6.0/auth', { endUserIp: IP }, 'application/json; charset=utf-8');
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ errorCode: 'unsupportedMediaType', details: expect.any(String) });
  });

  it('gives 405 for GET and 404 for an unknown path', async () => {
    const get = await fetch(`${sim.url}/rp/v6.0/collect`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await get.json()).errorCode).toBe('methodNotAllowed');
    const unknown = await post('/rp/v6.0/phone/nothing', { endUserIp: IP });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errorCode).toBe('notFound');
    expect((await post('/rp/v5.1/auth', { endUserIp: IP })).status).toBe(404);
  });

  it.each([
    ['a missing endUserIp', {}, 'Invalid endUserIp'],
    ['a host name as endUserIp', { endUserIp: 'localhost' }, 'Invalid endUserIp'],
    ['an impossible IPv4', { endUserIp: '256.1.1.1' }, 'Invalid endUserIp'],
    ['userVisibleData that is not base64', { endUserIp: IP, userVisibleData: 'hej hej' }, 'Invalid userVisibleData'],
    ['auth userVisibleData over 1 500 characters', { endUserIp: IP, userVisibleData: 'QUFB'.repeat(376) }, 'Invalid userVisibleData'],
    ['an unknown userVisibleDataFormat', { endUserIp: IP, userVisibleData: 'aGVq', userVisibleDataFormat: 'html' }, 'Invalid userVisibleDataFormat'],
    ['a personalNumber with a wrong check digit', { endUserIp: IP, requirement: { personalNumber: '198112289875' } }, 'Invalid personalNumber'],
    ['a 10-digit personalNumber', { endUserIp: IP, requirement: { personalNumber: '8112289874' } }, 'Invalid personalNumber'],
    ['a non-object requirement', { endUserIp: IP, requirement: 'pinCode' }, 'Invalid requirement'],
  ])('gives 400 invalidParameters for %s', async (_label, body, details) => {
    const res = await post('/rp/v6.0/auth', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errorCode: 'invalidParameters', details });
  });

  it('rejects a bad endUserIp through the client too, without retrying', async () => {
    const err = await caught(client.auth({ endUserIp: 'not-an-ip' }));
    expect([err.httpStatus, err.errorCode]).toEqual([400, 'invalidParameters']);
    expect(sim.requestLog().filter((r) => r.path === '/rp/v6.0/auth')).toHaveLength(1);
  });

  it('accepts a sign text up to 40 000 characters and tolerates app/web/unknown requirement fields', async () => {
    const res = await post('/rp/v6.0/sign', {
      endUserIp: IP,
      userVisibleData: 'QUFB'.repeat(10_000),
      app: { appIdentifier: 'se.stockholm.delaktig' },
      web: { referringDomain: 'delaktig.example', userAgent: 'x', deviceIdentifier: 'y' },
      requirement: { cardReader: 'class1', somethingNew: true },
      returnUrl: 'https://delaktig.example/klart',
    });
    expect(res.status).toBe(200);
  });

  it('limits the request rate with 429 and RateLimit headers', async () => {
    sim.setRateLimit(2);
    advance(250);
    expect((await post('/rp/v6.0/auth', { endUserIp: IP })).status).toBe(200);
    expect((await post('/rp/v6.0/auth', { endUserIp: IP })).status).toBe(200);
    const limited = await post('/rp/v6.0/auth', { endUserIp: IP });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ errorCode: 'tooManyRequests', details: expect.any(String) });
    expect(limited.headers.get('ratelimit-limit')).toBe('2');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-reset')).toBe('1');
    // 429 is not retried by the client.
    const before = sim.requestLog().length;
    expect((await caught(client.auth({ endUserIp: IP }))).httpStatus).toBe(429);
    expect(sim.requestLog().length - before).toBe(1);
    // The next second has a fresh budget.
    advance(1_000);
    expect((await post('/rp/v6.0/auth', { endUserIp: IP })).status).toBe(200);
  });

  it('answers 503 maintenance while in maintenance; the client retries a few times and gives up', async () => {
    sim.setMaintenance(true);
    const err = await caught(client.auth({ endUserIp: IP }));
    expect([err.httpStatus, err.errorCode]).toEqual([503, 'maintenance']);
    expect(sim.requestLog().map((r) => r.status)).toEqual([503, 503, 503]);
    sim.setMaintenance(false);
    await expect(client.auth({ endUserIp: IP })).resolves.toHaveProperty('orderRef');
  });

  it('lets the client ride out transient 500 and 408 answers', async () => {
    sim.failNext(2, 'internalError');
    await expect(client.auth({ endUserIp: IP })).resolves.toHaveProperty('orderRef');
    sim.failNext(1, 'requestTimeout');
    await expect(client.auth({ endUserIp: IP })).resolves.toHaveProperty('orderRef');
    expect(sim.requestLog().map((r) => r.status)).toEqual([500, 500, 200, 408, 200]);
  });
});

describe('BankID simulator QR scanning', () => {
  let order: BankIdOrderResponse;
  beforeEach(async () => {
    order = await client.auth({ endUserIp: IP });
  });

  it('accepts the current QR frame and opens the order', async () => {
    advance(5_400);
    const qr = bankIdQrContent(order.qrStartToken, order.qrStartSecret, 5);
    const res = await post('/sim/scan', { qr, personalNumber: ERIK });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ orderRef: order.orderRef, opened: true, personMasked: '19811228-****', hintCode: 'started' });
    expect(hint(await client.collect(order.orderRef))).toBe('pending/started');
  });

  it('accepts a frame within ±2 s and refuses a stale one, leaving the order waiting', async () => {
    advance(10_000);
    const stale = bankIdQrContent(order.qrStartToken, order.qrStartSecret, 7);
    const res = await post('/sim/scan', { qr: stale });
    expect(res.status).toBe(400);
    expect((await res.json()).errorCode).toBe('staleQrCode');
    expect(hint(await client.collect(order.orderRef))).toBe('pending/outstandingTransaction');
    expect(sim.scan(bankIdQrContent(order.qrStartToken, order.qrStartSecret, 8)).opened).toBe(true);
  });

  it('refuses a forged frame and a frame that was already used', async () => {
    const forged = bankIdQrContent(order.qrStartToken, 'not-the-secret', 0);
    expect(() => sim.scan(forged)).toThrow(/invalidQrCode/);
    sim.scan(bankIdQrContent(order.qrStartToken, order.qrStartSecret, 0));
    expect(() => sim.scan(bankIdQrContent(order.qrStartToken, order.qrStartSecret, 0))).toThrow(/alreadyOpened/);
  });
});

describe('BankID simulator test app', () => {
  it('lists pending orders in an accessible Swedish page and approves through a form', async () => {
    const { orderRef } = await client.sign({ endUserIp: IP, userVisibleData: 'Skriv under <samtycke>' });
    const page = await fetch(`${sim.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<label for="person-0">Testperson</label>');
    expect(html).toContain('<select id="person-0" name="personalNumber">');
    expect(html).toContain('>Skriv under</button>');
    expect(html).toContain('>Avbryt</button>');
    expect(html).toContain('Skriv under &#60;samtycke&#62;');
    expect(html).not.toContain('<samtycke>');
    expect(html).toContain('Anna Andersson');

    const res = await post(`/sim/orders/${orderRef}/approve`, `personalNumber=${ANNA}&next=%2F`, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?meddelande=approved');
    expect((await client.collect(orderRef)).status).toBe('complete');
    expect(await (await fetch(`${sim.url}/?meddelande=approved`)).text()).toContain('role="status"');
  });

  it('starts an order by autostart token and returns to the returnUrl when done', async () => {
    const order = await client.auth({ endUserIp: IP, returnUrl: 'https://delaktig.example/inloggning?x=1' });
    const page = await fetch(`${sim.url}/sim/autostart?autostarttoken=${order.autoStartToken}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('>Legitimera</button>');
    expect(hint(await client.collect(order.orderRef))).toBe('pending/started');

    const next = `/sim/autostart?autostarttoken=${order.autoStartToken}`;
    const res = await post(`/sim/orders/${order.orderRef}/cancel`, `next=${encodeURIComponent(next)}`, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://delaktig.example/inloggning?x=1');
    expect(hint(await client.collect(order.orderRef))).toBe('failed/userCancel');
  });

  it('lists orders as JSON without secrets or full personal numbers', async () => {
    const order = await client.auth({ endUserIp: IP, requirement: { personalNumber: ANNA } });
    const res = await fetch(`${sim.url}/sim/orders`);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual([expect.objectContaining({ orderRef: order.orderRef, status: 'pending', personMasked: '19850412-****' })]);
    for (const secret of [order.qrStartSecret, order.autoStartToken, order.qrStartToken, ANNA]) expect(text).not.toContain(secret);
  });
});
