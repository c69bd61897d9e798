import { createHmac, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { maskPersonalNumber, parsePersonalIdentityNumber } from '../personal-number';
import { isValidBankIdQrAuthCode, parseBankIdQrContent } from '../qr';
import type { BankIdCompletionData } from '../types';
import { type BankIdTestPerson, DEFAULT_TEST_PERSONS } from './test-persons';

/** All durations of the simulated order life cycle, in milliseconds. */
export interface BankIdSimulatorTimings {
  /** An order nobody opened fails with startFailed after this (BankID: 30 s). */
  startFailedAfterMs: number;
  /** An opened order not signed fails with expiredTransaction this long after creation (3 min). */
  expireAfterMs: number;
  /** A complete order can be collected this long (3 min). */
  completedRetentionMs: number;
  /** A failed order can be collected this long (5 min). */
  failedRetentionMs: number;
  /** After the app opens an order it reports `started` this long, then `userSign`. */
  startedToUserSignMs: number;
  /** A scanned QR frame may be this many seconds away from the current one. */
  qrToleranceSeconds: number;
}

export const DEFAULT_TIMINGS: BankIdSimulatorTimings = {
  startFailedAfterMs: 30_000,
  expireAfterMs: 180_000,
  completedRetentionMs: 180_000,
  failedRetentionMs: 300_000,
  startedToUserSignMs: 1_000,
  qrToleranceSeconds: 2,
};

/** An error with the HTTP status and `{errorCode, details}` body the simulator answers with. */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';
  constructor(
    readonly httpStatus: number,
    readonly errorCode: string,
    readonly details: string,
  ) {
    super(`${errorCode}: ${details}`);
  }
}

export type OrderType = 'auth' | 'sign';

interface OrderInput {
  endUserIp: string;
  requirement?: Record<string, unknown>;
  requiredPersonalNumber?: string;
  userVisibleData?: string;
  userVisibleDataFormat?: string;
  userNonVisibleData?: string;
  returnUrl?: string;
  returnRisk: boolean;
}

interface Order extends OrderInput {
  type: OrderType;
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
  createdAt: number;
  openedAt?: number;
  personalNumber?: string;
  status: 'pending' | 'failed' | 'complete';
  failedHint?: string;
  finishedAt?: number;
  completionData?: BankIdCompletionData;
}

/** What the simulator tells about an order to tests and the test app: no secrets, no full personal numbers. */
export interface BankIdSimulatorOrderSummary {
  orderRef: string;
  type: OrderType;
  status: 'pending' | 'failed' | 'complete';
  hintCode?: string;
  createdAt: string;
  opened: boolean;
  /** YYYYMMDD-**** of the person bound to the order (once opened by a person or required by the RP). */
  personMasked?: string;
  personalNumberRequired: boolean;
  /** userVisibleData decoded to text. */
  userVisibleText?: string;
  userVisibleDataFormat?: string;
  /** Where the app sends the user afterwards (autostart on the same device). */
  returnUrl?: string;
}

export type CollectResult =
  | { orderRef: string; status: 'pending' | 'failed'; hintCode: string }
  | { orderRef: string; status: 'complete'; completionData: BankIdCompletionData };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function decodeUtf8Base64(value: string): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'base64'));
  } catch {
    return null;
  }
}

/** The simulated BankID back end: orders and their life cycle, independent of HTTP. */
export class SimulatorState {
  private readonly orders = new Map<string, Order>();
  private readonly persons: BankIdTestPerson[];

  constructor(
    private readonly clock: () => number,
    readonly timings: BankIdSimulatorTimings,
    persons: readonly BankIdTestPerson[] = DEFAULT_TEST_PERSONS,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.persons = persons.map((p) => ({ ...p }));
    for (const p of this.persons) {
      // Fail fast on a misconfigured list rather than produce impossible completion data.
      parsePersonalIdentityNumber(p.personalNumber);
    }
  }

  get testPersons(): readonly BankIdTestPerson[] {
    return this.persons;
  }

  now(): number {
    return this.clock();
  }

  // ---- RP API --------------------------------------------------------------------------------

  createOrder(type: OrderType, body: Record<string, unknown>): { orderRef: string; autoStartToken: string; qrStartToken: string; qrStartSecret: string } {
    const input = this.validateOrder(type, body);
    this.sweep();
    if (input.requiredPersonalNumber) {
      const running = this.pendingOrdersOf(input.requiredPersonalNumber);
      if (running.length > 0) {
        // BankID aborts the running order and creates no new one.
        for (const order of running) this.fail(order, 'cancelled');
        throw new SimulatorError(400, 'alreadyInProgress', 'Order already in progress for pno');
      }
    }
    const order: Order = {
      ...input,
      type,
      orderRef: randomUUID(),
      autoStartToken: randomUUID(),
      qrStartToken: randomUUID(),
      qrStartSecret: randomUUID(),
      createdAt: this.now(),
      status: 'pending',
    };
    this.orders.set(order.orderRef, order);
    this.log(`${type} order ${order.orderRef} created`);
    return {
      orderRef: order.orderRef,
      autoStartToken: order.autoStartToken,
      qrStartToken: order.qrStartToken,
      qrStartSecret: order.qrStartSecret,
    };
  }

  collect(body: Record<string, unknown>): CollectResult {
    const order = this.requireOrderForRp(body);
    if (order.status === 'complete' && order.completionData) {
      return { orderRef: order.orderRef, status: 'complete', completionData: order.completionData };
    }
    return { orderRef: order.orderRef, status: order.status === 'failed' ? 'failed' : 'pending', hintCode: this.hintOf(order) };
  }

  cancel(body: Record<string, unknown>): void {
    const order = this.requireOrderForRp(body);
    if (order.status !== 'pending') {
      throw new SimulatorError(400, 'invalidParameters', 'Order cannot be cancelled');
    }
    this.fail(order, 'cancelled');
  }

  // ---- the simulated BankID app ----------------------------------------------------------------

  /** The app receives the order (QR scanned or autostart); optionally binds the person using it. */
  open(orderRef: string, personalNumber?: string): BankIdSimulatorOrderSummary {
    const order = this.requirePendingOrder(orderRef);
    const given = personalNumber ?? order.requiredPersonalNumber;
    // Check the person before changing anything: a refused person leaves the order as it was.
    const person = given === undefined ? undefined : this.checkPerson(order, given);
    if (order.openedAt === undefined) {
      order.openedAt = this.now();
      this.log(`order ${order.orderRef} opened in the test app`);
    }
    if (person !== undefined && order.personalNumber === undefined) {
      // The same person starting a second order in the app ends the older one.
      for (const other of this.pendingOrdersOf(person)) {
        if (other !== order && other.openedAt !== undefined) this.fail(other, 'cancelled');
      }
      order.personalNumber = person;
    }
    return this.summary(order);
  }

  /** The user identifies or signs. Opens the order first if needed; the person defaults to the required one, else the first test person. */
  approve(orderRefOrPersonalNumber: string, personalNumber?: string): BankIdSimulatorOrderSummary {
    const order = this.findForAppAction(orderRefOrPersonalNumber, personalNumber);
    const person =
      personalNumber ??
      (UUID.test(orderRefOrPersonalNumber) ? undefined : normalizePersonalNumber(orderRefOrPersonalNumber)) ??
      order.personalNumber ??
      order.requiredPersonalNumber ??
      this.persons[0]?.personalNumber;
    if (!person) throw new SimulatorError(400, 'invalidParameters', 'No test person to approve with');
    this.open(order.orderRef, person);
    const testPerson = this.personFor(person);
    const signedAt = this.now();
    order.status = 'complete';
    order.finishedAt = signedAt;
    order.completionData = {
      user: {
        personalNumber: person,
        name: `${testPerson.givenName} ${testPerson.surname}`,
        givenName: testPerson.givenName,
        surname: testPerson.surname,
      },
      device: {
        ipAddress: order.endUserIp,
        uhi: createHmac('sha256', 'delaktig-bankid-simulator-uhi').update(person).digest('base64url').slice(0, 27),
      },
      bankIdIssueDate: testPerson.bankIdIssueDate ?? '2023-01-16',
      stepUp: { mrtd: order.requirement?.['mrtd'] === true },
      signature: Buffer.from(simulatedSignatureXml(order, signedAt), 'utf8').toString('base64'),
      ocspResponse: Buffer.from(`SIMULATED-OCSP-RESPONSE;orderRef=${order.orderRef};producedAt=${new Date(signedAt).toISOString()}`, 'utf8').toString('base64'),
      ...(order.returnRisk ? { risk: 'low' } : {}),
    };
    this.log(`order ${order.orderRef} complete`);
    return this.summary(order);
  }

  /** The user presses Avbryt in the app. */
  cancelByUser(orderRefOrPersonalNumber: string): BankIdSimulatorOrderSummary {
    const order = this.findForAppAction(orderRefOrPersonalNumber);
    this.fail(order, 'userCancel');
    return this.summary(order);
  }

  /** The app scans one frame of the animated QR code; a forged or stale frame is refused like the real app does. */
  scan(qrContent: string, personalNumber?: string): BankIdSimulatorOrderSummary {
    const parsed = typeof qrContent === 'string' ? parseBankIdQrContent(qrContent) : null;
    if (!parsed) throw new SimulatorError(400, 'invalidQrCode', 'Not BankID QR content');
    this.sweep();
    const order = [...this.orders.values()].find((o) => o.qrStartToken === parsed.qrStartToken);
    if (!order || !isValidBankIdQrAuthCode(order.qrStartSecret, parsed.seconds, parsed.qrAuthCode)) {
      throw new SimulatorError(400, 'invalidQrCode', 'Unknown or forged QR code');
    }
    this.refresh(order);
    if (order.status !== 'pending') throw new SimulatorError(409, 'orderNotPending', 'The order is no longer pending');
    if (order.openedAt !== undefined) throw new SimulatorError(409, 'alreadyOpened', 'The QR code has already been used');
    const elapsed = Math.floor((this.now() - order.createdAt) / 1000);
    if (Math.abs(elapsed - parsed.seconds) > this.timings.qrToleranceSeconds) {
      throw new SimulatorError(400, 'staleQrCode', `QR frame is ${elapsed - parsed.seconds} s old`);
    }
    return this.open(order.orderRef, personalNumber);
  }

  findByAutoStartToken(token: string): BankIdSimulatorOrderSummary | undefined {
    this.sweep();
    const order = [...this.orders.values()].find((o) => o.autoStartToken === token);
    return order ? this.summary(order) : undefined;
  }

  /** The order (pending, failed or complete) as long as it is still collectable. */
  get(orderRef: string): BankIdSimulatorOrderSummary | undefined {
    this.sweep();
    const order = this.orders.get(orderRef);
    return order ? this.summary(order) : undefined;
  }

  list(): BankIdSimulatorOrderSummary[] {
    this.sweep();
    return [...this.orders.values()].sort((a, b) => b.createdAt - a.createdAt).map((o) => this.summary(o));
  }

  reset(): void {
    this.orders.clear();
  }

  // ---- internals ---------------------------------------------------------------------------------

  private validateOrder(type: OrderType, body: Record<string, unknown>): OrderInput {
    const invalid = (details: string) => new SimulatorError(400, 'invalidParameters', details);
    const { endUserIp, requirement, userVisibleData, userVisibleDataFormat, userNonVisibleData, returnUrl, returnRisk, app, web } = body;

    if (typeof endUserIp !== 'string' || isIP(endUserIp) === 0) throw invalid('Invalid endUserIp');

    let requiredPersonalNumber: string | undefined;
    if (requirement !== undefined) {
      if (!isPlainObject(requirement)) throw invalid('Invalid requirement');
      const { personalNumber, pinCode, mrtd, cardReader, certificatePolicies } = requirement;
      if (personalNumber !== undefined) {
        if (typeof personalNumber !== 'string' || !/^\d{12}$/.test(personalNumber)) throw invalid('Invalid personalNumber');
        try {
          parsePersonalIdentityNumber(personalNumber, { now: this.now() });
        } catch {
          throw invalid('Invalid personalNumber');
        }
        requiredPersonalNumber = personalNumber;
      }
      if (pinCode !== undefined && typeof pinCode !== 'boolean') throw invalid('Invalid pinCode');
      if (mrtd !== undefined && typeof mrtd !== 'boolean') throw invalid('Invalid mrtd');
      if (cardReader !== undefined && cardReader !== 'class1' && cardReader !== 'class2') throw invalid('Invalid cardReader');
      if (certificatePolicies !== undefined && (!Array.isArray(certificatePolicies) || certificatePolicies.some((p) => typeof p !== 'string'))) {
        throw invalid('Invalid certificatePolicies');
      }
    }

    const maxVisible = type === 'sign' ? 40_000 : 1_500;
    if (userVisibleData === undefined) {
      if (type === 'sign') throw invalid('Missing userVisibleData');
    } else if (
      typeof userVisibleData !== 'string' ||
      userVisibleData.length < 1 ||
      userVisibleData.length > maxVisible ||
      !BASE64.test(userVisibleData) ||
      decodeUtf8Base64(userVisibleData) === null
    ) {
      throw invalid('Invalid userVisibleData');
    }
    if (userVisibleDataFormat !== undefined && userVisibleDataFormat !== 'simpleMarkdownV1') throw invalid('Invalid userVisibleDataFormat');
    if (
      userNonVisibleData !== undefined &&
      (typeof userNonVisibleData !== 'string' || userNonVisibleData.length < 1 || userNonVisibleData.length > 200_000 || !BASE64.test(userNonVisibleData))
    ) {
      throw invalid('Invalid userNonVisibleData');
    }
    if (returnUrl !== undefined && (typeof returnUrl !== 'string' || !URL.canParse(returnUrl))) throw invalid('Invalid returnUrl');
    if (returnRisk !== undefined && typeof returnRisk !== 'boolean') throw invalid('Invalid returnRisk');
    if (app !== undefined && !isPlainObject(app)) throw invalid('Invalid app');
    if (web !== undefined && !isPlainObject(web)) throw invalid('Invalid web');

    return {
      endUserIp,
      requirement: requirement as Record<string, unknown> | undefined,
      requiredPersonalNumber,
      userVisibleData: userVisibleData as string | undefined,
      userVisibleDataFormat: userVisibleDataFormat as string | undefined,
      userNonVisibleData: userNonVisibleData as string | undefined,
      returnUrl: returnUrl as string | undefined,
      returnRisk: returnRisk === true,
    };
  }

  /** Applies the time-driven transitions (startFailed, expiredTransaction) and forgets orders past retention. */
  private refresh(order: Order): boolean {
    const now = this.now();
    if (order.status === 'pending') {
      if (order.openedAt === undefined && now - order.createdAt >= this.timings.startFailedAfterMs) {
        this.fail(order, 'startFailed', order.createdAt + this.timings.startFailedAfterMs);
      } else if (now - order.createdAt >= this.timings.expireAfterMs) {
        this.fail(order, 'expiredTransaction', order.createdAt + this.timings.expireAfterMs);
      }
    }
    if (order.finishedAt !== undefined) {
      const retention = order.status === 'complete' ? this.timings.completedRetentionMs : this.timings.failedRetentionMs;
      if (now - order.finishedAt >= retention) {
        this.orders.delete(order.orderRef);
        return false;
      }
    }
    return true;
  }

  private sweep(): void {
    for (const order of [...this.orders.values()]) this.refresh(order);
  }

  private fail(order: Order, hintCode: string, at = this.now()): void {
    order.status = 'failed';
    order.failedHint = hintCode;
    order.finishedAt = at;
    this.log(`order ${order.orderRef} failed: ${hintCode}`);
  }

  private hintOf(order: Order): string {
    if (order.status === 'failed') return order.failedHint ?? 'expiredTransaction';
    if (order.openedAt === undefined) return 'outstandingTransaction';
    return this.now() - order.openedAt < this.timings.startedToUserSignMs ? 'started' : 'userSign';
  }

  private requireOrderForRp(body: Record<string, unknown>): Order {
    const { orderRef } = body;
    if (typeof orderRef !== 'string' || orderRef.length === 0) throw new SimulatorError(400, 'invalidParameters', 'Invalid orderRef');
    const order = this.orders.get(orderRef);
    if (!order || !this.refresh(order)) throw new SimulatorError(400, 'invalidParameters', 'No such order');
    return order;
  }

  private requirePendingOrder(orderRef: string): Order {
    const order = this.orders.get(orderRef);
    if (!order || !this.refresh(order)) throw new SimulatorError(404, 'notFound', 'No such order');
    if (order.status !== 'pending') throw new SimulatorError(409, 'orderNotPending', `The order is ${order.status}`);
    return order;
  }

  /** An order named by orderRef, or the pending order a person is using (or, failing that, the newest unopened open-for-anyone order). */
  private findForAppAction(orderRefOrPersonalNumber: string, personalNumber?: string): Order {
    if (UUID.test(orderRefOrPersonalNumber)) return this.requirePendingOrder(orderRefOrPersonalNumber);
    const person = normalizePersonalNumber(orderRefOrPersonalNumber);
    if (!person) throw new SimulatorError(400, 'invalidParameters', 'Neither an orderRef nor a valid personal number');
    if (personalNumber !== undefined && normalizePersonalNumber(personalNumber) !== person) {
      throw new SimulatorError(400, 'invalidParameters', 'Conflicting personal numbers');
    }
    this.sweep();
    const pending = [...this.orders.values()].filter((o) => o.status === 'pending').sort((a, b) => b.createdAt - a.createdAt);
    const order =
      pending.find((o) => o.personalNumber === person || o.requiredPersonalNumber === person) ??
      pending.find((o) => o.openedAt === undefined && o.requiredPersonalNumber === undefined);
    if (!order) throw new SimulatorError(404, 'notFound', 'No pending order for that person');
    return this.requirePendingOrder(order.orderRef);
  }

  /** The normalised personal number if this person may use the order; throws otherwise. */
  private checkPerson(order: Order, personalNumber: string): string {
    const person = normalizePersonalNumber(personalNumber);
    if (!person) throw new SimulatorError(400, 'invalidParameters', 'Invalid personalNumber');
    if (order.requiredPersonalNumber !== undefined && order.requiredPersonalNumber !== person) {
      throw new SimulatorError(409, 'personalNumberMismatch', 'The order requires another person');
    }
    if (order.personalNumber !== undefined && order.personalNumber !== person) {
      throw new SimulatorError(409, 'personalNumberMismatch', 'The order is already used by another person');
    }
    return person;
  }

  private pendingOrdersOf(personalNumber: string): Order[] {
    return [...this.orders.values()].filter(
      (o) => this.refresh(o) && o.status === 'pending' && (o.personalNumber === personalNumber || o.requiredPersonalNumber === personalNumber),
    );
  }

  private personFor(personalNumber: string): BankIdTestPerson {
    return this.persons.find((p) => p.personalNumber === personalNumber) ?? { personalNumber, givenName: 'Test', surname: 'Testsson' };
  }

  private summary(order: Order): BankIdSimulatorOrderSummary {
    this.refresh(order);
    const person = order.personalNumber ?? order.requiredPersonalNumber;
    return {
      orderRef: order.orderRef,
      type: order.type,
      status: order.status,
      hintCode: order.status === 'complete' ? undefined : this.hintOf(order),
      createdAt: new Date(order.createdAt).toISOString(),
      opened: order.openedAt !== undefined,
      personMasked: person ? maskPersonalNumber(person) : undefined,
      personalNumberRequired: order.requiredPersonalNumber !== undefined,
      userVisibleText: order.userVisibleData ? (decodeUtf8Base64(order.userVisibleData) ?? undefined) : undefined,
      userVisibleDataFormat: order.userVisibleDataFormat,
      returnUrl: order.returnUrl,
    };
  }
}

function normalizePersonalNumber(value: string): string | undefined {
  try {
    return parsePersonalIdentityNumber(value).normalized;
  } catch {
    return undefined;
  }
}

function xmlEscape(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Looks like BankID's XML signature, but is not signed by anything: never trust it. */
function simulatedSignatureXml(order: Order, signedAt: number): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">',
    '<SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>',
    '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/></SignedInfo>',
    '<SignatureValue>SIMULATED-NOT-A-REAL-SIGNATURE</SignatureValue>',
    '<Object><bankIdSignedData xmlns="http://www.bankid.com/signature/v1.0.0/types" Id="bidSignedData">',
    order.userVisibleData ? `<usrVisibleData charset="UTF-8" visible="wysiwys">${xmlEscape(order.userVisibleData)}</usrVisibleData>` : '',
    order.userNonVisibleData ? `<usrNonVisibleData>${xmlEscape(order.userNonVisibleData)}</usrNonVisibleData>` : '',
    `<srvInfo><name>Delaktig BankID-simulator</name><nonce>${xmlEscape(order.orderRef)}</nonce></srvInfo>`,
    `<clientInfo><funcId>${order.type === 'sign' ? 'Signing' : 'Identification'}</funcId><time>${new Date(signedAt).toISOString()}</time></clientInfo>`,
    '</bankIdSignedData></Object></Signature>',
  ].join('');
}
