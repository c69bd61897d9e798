import { z } from 'zod';

/** Base path of the BankID RP API version this library speaks. */
export const BANKID_API_PATH = '/rp/v6.0';

export const PENDING_HINT_CODES = [
  'outstandingTransaction',
  'noClient',
  'started',
  'userMrtd',
  'userCallConfirm',
  'userSign',
] as const;

export const FAILED_HINT_CODES = [
  'expiredTransaction',
  'certificateErr',
  'userCancel',
  'cancelled',
  'startFailed',
  'userDeclinedCall',
  'notSupportedByUserApp',
  'transactionRiskBlocked',
] as const;

export const ERROR_CODES = [
  'alreadyInProgress',
  'invalidParameters',
  'unauthorized',
  'notFound',
  'methodNotAllowed',
  'requestTimeout',
  'unsupportedMediaType',
  'tooManyRequests',
  'internalError',
  'maintenance',
] as const;

export type KnownPendingHintCode = (typeof PENDING_HINT_CODES)[number];
export type KnownFailedHintCode = (typeof FAILED_HINT_CODES)[number];
export type KnownErrorCode = (typeof ERROR_CODES)[number];
// `string & {}` keeps editor completion for the known codes while accepting new ones:
// BankID says RPs must tolerate hint codes they do not know.
export type PendingHintCode = KnownPendingHintCode | (string & {});
export type FailedHintCode = KnownFailedHintCode | (string & {});
export type HintCode = PendingHintCode | FailedHintCode;
export type BankIdErrorCode = KnownErrorCode | (string & {});

export interface BankIdRequirement {
  /** Only this person (12 digits, any accepted input form is normalised by the client) may complete the order. */
  personalNumber?: string;
  /** Require the security code (not biometrics). */
  pinCode?: boolean;
  /** Require a check of the user's passport/ID card (machine readable travel document). */
  mrtd?: boolean;
  cardReader?: 'class1' | 'class2';
  certificatePolicies?: string[];
}

export interface BankIdOrderRequest {
  /** The end user's IP address as seen by the RP (IPv4 or IPv6). */
  endUserIp: string;
  requirement?: BankIdRequirement;
  /**
   * Text shown to the user in the app, as plain UTF-8 text: the client
   * base64-encodes it (do not pass base64 yourself).
   */
  userVisibleData?: string;
  userVisibleDataFormat?: 'simpleMarkdownV1';
  /** Data not shown to the user, plain text or bytes; the client base64-encodes it. */
  userNonVisibleData?: string | Uint8Array;
  /** Where the app sends the user after completion (autostart on the same device). */
  returnUrl?: string;
  /** Ask BankID for a risk indication in completionData.risk. */
  returnRisk?: boolean;
  /** Information about the RP's app, when started from a native app. */
  app?: Record<string, unknown>;
  /** Information about the RP's web page, when started from a browser. */
  web?: Record<string, unknown>;
}

export type BankIdAuthRequest = BankIdOrderRequest;
export type BankIdSignRequest = BankIdOrderRequest & { userVisibleData: string };

export const orderResponseSchema = z.object({
  orderRef: z.string().min(1),
  autoStartToken: z.string().min(1),
  qrStartToken: z.string().min(1),
  qrStartSecret: z.string().min(1),
});
export type BankIdOrderResponse = z.infer<typeof orderResponseSchema>;

export const completionDataSchema = z.object({
  user: z.object({
    personalNumber: z.string(),
    name: z.string(),
    givenName: z.string(),
    surname: z.string(),
  }),
  device: z.object({
    ipAddress: z.string(),
    uhi: z.string().optional(),
  }),
  bankIdIssueDate: z.string(),
  stepUp: z.object({ mrtd: z.boolean() }).optional(),
  signature: z.string(),
  ocspResponse: z.string(),
  /** 'low' | 'moderate' | 'high' today; kept open for new values. */
  risk: z.string().optional(),
});
export type BankIdCompletionData = z.infer<typeof completionDataSchema>;

const pendingSchema = z.object({
  orderRef: z.string(),
  status: z.literal('pending'),
  hintCode: z.string(),
});
const failedSchema = z.object({
  orderRef: z.string(),
  status: z.literal('failed'),
  hintCode: z.string(),
});
const completeSchema = z.object({
  orderRef: z.string(),
  status: z.literal('complete'),
  completionData: completionDataSchema,
});
export const collectResponseSchema = z.discriminatedUnion('status', [pendingSchema, failedSchema, completeSchema]);

export type BankIdCollectPending = { orderRef: string; status: 'pending'; hintCode: PendingHintCode };
export type BankIdCollectFailed = { orderRef: string; status: 'failed'; hintCode: FailedHintCode };
export type BankIdCollectComplete = { orderRef: string; status: 'complete'; completionData: BankIdCompletionData };
export type BankIdCollectResponse = BankIdCollectPending | BankIdCollectFailed | BankIdCollectComplete;

export const errorBodySchema = z.object({
  errorCode: z.string().min(1),
  details: z.string().optional(),
});
