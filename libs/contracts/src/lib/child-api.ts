import { z } from 'zod';
import { answer, CHILD_LANGUAGES, INVOLVEMENT_RATINGS } from './answers';
import { AGE_BANDS } from './http';
import { questionnaireContent } from './questionnaire';

/**
 * The child API behind the gateway (`/api/v1/child`, ADR 0009). Shapes for documentation
 * and for the child app; each owning service validates its own input.
 */
export const childSessionRequest = z
  .object({
    token: z.string().min(1).max(200).describe('The link token from the link\'s fragment (`#/i/<token>`).'),
    code: z.string().min(1).max(40).describe('The code the caseworker gave, e.g. ABCD-2345 (case, spaces and dashes do not matter).'),
  })
  .strict();

export const childSessionView = z.object({
  sessionToken: z.string().describe('Bearer token for the other child routes (JWT ES256, scoped to this one invitation).'),
  expiresAt: z.iso.datetime({ offset: true }).describe('When the session token stops working; refresh before.'),
  invitation: z.object({
    ageBand: z.enum(AGE_BANDS),
    language: z.enum(CHILD_LANGUAGES),
    questionnaireVersionId: z.uuid(),
    answering: z.boolean().describe('False after submission or expiry: the session is for reading feedback only.'),
  }),
});
export type ChildSessionView = z.infer<typeof childSessionView>;

/** `POST /api/v1/child/session/methods`: how this link can be opened (the code always; BankID where turned on). */
export const childSignInMethodsRequest = z.object({ token: childSessionRequest.shape.token }).strict();
export const childSignInMethodsView = z.object({
  code: z.literal(true),
  bankId: z
    .boolean()
    .describe("True when the young person can open this invitation with their own BankID (12–18, the caseworker gave their personal identity number, the district has it turned on)."),
});

/** `POST /api/v1/child/session/bankid`: start a BankID order for the link. */
export const childBankIdStartRequest = z.object({ token: childSessionRequest.shape.token }).strict();
/** `POST /api/v1/child/session/bankid/collect` and `/cancel`. */
export const childBankIdOrderRequest = z
  .object({ orderId: z.uuid({ error: 'must be the orderId from starting BankID' }).describe('Id of the sign-in from `POST session/bankid`.') })
  .strict();
/** The state of a young person's BankID sign-in; poll `collect` every 2 seconds while `pending`. */
export const childBankIdView = z.object({
  orderId: z.uuid(),
  state: z.enum(['pending', 'failed', 'complete']),
  hintCode: z.string().nullable().describe("BankID's hint or error code (e.g. outstandingTransaction, userSign, userCancel, expiredTransaction) or `wrongPerson`."),
  message: z.string().nullable().describe("BankID's recommended user message in Swedish (RFA codes), or ours for `wrongPerson`."),
  messageEn: z.string().nullable().describe('The same in English.'),
  qrSvg: z.string().nullable().describe('The animated QR code (SVG), a new frame every second while no BankID app has the order.'),
  autostartUrl: z.string().nullable().describe('Link that opens BankID on this device (while pending).'),
  session: childSessionView.nullable().describe('When complete: the child session, as after the right code.'),
});
export type ChildBankIdView = z.infer<typeof childBankIdView>;

export const childWrongCodeProblem = z.object({
  code: z.literal('child-access-wrong-code'),
  attemptsLeft: z.number().int().min(1).max(4).describe('Wrong codes left before the invitation locks.'),
});

export const childQuestionnaireView = z.object({
  versionId: z.uuid(),
  ageBand: z.enum(AGE_BANDS),
  content: questionnaireContent,
});
export type ChildQuestionnaireView = z.infer<typeof childQuestionnaireView>;

export const childResponseView = z.object({
  status: z.enum(['not-started', 'draft', 'submitted']),
  answers: z.array(answer),
  position: z.string().nullable().describe('Question id the child was at.'),
  submittedAt: z.iso.datetime({ offset: true }).nullable(),
});
export const childDraftRequest = z.object({ answers: z.array(answer), position: z.string().nullable() });
export const childDraftView = z.object({
  savedAt: z.iso.datetime({ offset: true }),
  safety: z.array(z.object({ questionId: z.string() })).describe('Answers that raised a safety alert (the app shows where to get help).'),
});
export const childSubmitRequest = z.object({ answers: z.array(answer) });
export const childSubmitView = z.object({ responseId: z.uuid(), submittedAt: z.iso.datetime({ offset: true }), safetyRaised: z.boolean() });
export const childFeedbackView = z.object({
  items: z.array(z.object({ id: z.uuid(), text: z.string(), givenAt: z.iso.datetime({ offset: true }) })),
  rating: z.enum(INVOLVEMENT_RATINGS).nullable(),
});
export const childRatingRequest = z.object({ rating: z.enum(INVOLVEMENT_RATINGS) });

/** Staff: `POST /api/v1/invitations/{id}/unlock`. */
export const childAccessUnlockView = z.object({
  invitationId: z.uuid(),
  locked: z.literal(false),
  attemptsLeft: z.number().int().min(0).max(5),
});
