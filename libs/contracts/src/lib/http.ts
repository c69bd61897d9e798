import { z } from 'zod';
import { DISTRICT_IDS, STAFF_ROLES } from './districts';
import { CHANNELS, CHILD_LANGUAGES, GENDERS, INVITATION_STATUSES } from './answers';

/**
 * Request and response shapes of the HTTP API (gateway and services). The services
 * validate requests with these; the gateway documents them in OpenAPI.
 */
export const AGE_BANDS = ['6-11', '12-18'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Youngest and oldest age (in years reached this calendar year) of each band; a year of slack for birthdays. */
const BAND_AGES: Record<AgeBand, [number, number]> = { '6-11': [6, 12], '12-18': [11, 19] };

/** Youngest and oldest age (in years reached this calendar year) of each band, for suggesting a band. */
export function suggestedAgeBand(birthYear: number, now: Date = new Date()): AgeBand | null {
  const age = now.getUTCFullYear() - birthYear;
  if (age >= 6 && age <= 11) return '6-11';
  if (age >= 12 && age <= 19) return '12-18';
  return null;
}

/**
 * A Swedish mobile number in any common way of writing it (070-123 45 67, +46 70 123 45 67,
 * 0046701234567) as E.164 (+46701234567), or null when it is not one.
 */
export function swedishMobileE164(input: string): string | null {
  const compact = input.replace(/[\s\-()]/g, '');
  const e164 = compact.startsWith('+') ? compact : compact.startsWith('0046') ? '+' + compact.slice(2) : compact.startsWith('0') ? '+46' + compact.slice(1) : compact;
  return /^\+467[0-9]{8}$/.test(e164) ? e164 : null;
}

export const INVITATION_DEFAULT_EXPIRY_DAYS = 14;
export const INVITATION_MAX_EXPIRY_DAYS = 90;
const DAY_MS = 86_400_000;

const expiryField = (now: Date, maxDays: number) =>
  z.iso
    .datetime({ offset: true, error: 'must be a date and time such as 2026-12-06T16:00:00+01:00' })
    .refine((v) => Date.parse(v) > now.getTime(), 'must be in the future')
    .refine((v) => Date.parse(v) <= now.getTime() + maxDays * DAY_MS, `may be at most ${maxDays} days from now`);

export function createInvitationRequest(now: Date = new Date(), opts: { maxExpiryDays?: number } = {}) {
  const year = now.getUTCFullYear();
  const today = now.toISOString().slice(0, 10);
  const maxDays = opts.maxExpiryDays ?? INVITATION_MAX_EXPIRY_DAYS;
  return z
    .object({
      caseReference: z
        .string({ error: 'is required' })
        .trim()
        .min(1, 'is required')
        .max(40, 'may be at most 40 characters')
        .regex(/^[A-Za-z0-9\-/]+$/, 'may contain only letters A–Z, digits, "-" and "/"')
        .describe("Reference of the child's case in the city's case system."),
      birthYear: z
        .number({ error: 'must be a year' })
        .int('must be a year')
        .min(year - 19, `must be ${year - 19} or later`)
        .max(year - 6, `must be ${year - 6} or earlier`)
        .describe("The child's birth year."),
      ageBand: z.enum(AGE_BANDS, { error: `must be one of ${AGE_BANDS.join(', ')}` }).describe('Questionnaire age band.'),
      gender: z
        .enum(GENDERS, { error: `must be one of ${GENDERS.join(', ')}` })
        .default('not-stated')
        .describe('Gender as the child or family states it.'),
      language: z
        .enum(CHILD_LANGUAGES, { error: `must be one of ${CHILD_LANGUAGES.join(', ')}` })
        .default('sv')
        .describe("The child's language (messages and questionnaire)."),
      channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }).describe('How the link reaches the child.'),
      phone: z
        .string({ error: 'must be text' })
        .max(30, 'may be at most 30 characters')
        .optional()
        .describe("The child's Swedish mobile number (channel sms), e.g. 070-123 45 67; stored encrypted only for delivery."),
      email: z
        .string({ error: 'must be text' })
        .trim()
        .max(254, 'may be at most 254 characters')
        .optional()
        .describe("The child's e-mail address (channel email); stored encrypted only for delivery."),
      discreet: z.boolean({ error: 'must be true or false' }).default(true).describe('Neutral sender and wording (no mention of social services).'),
      expiresAt: expiryField(now, maxDays)
        .optional()
        .describe(`When the link stops working; default ${INVITATION_DEFAULT_EXPIRY_DAYS} days from now, at most ${maxDays}.`),
      meetingDate: z.iso
        .date({ error: 'must be a date such as 2026-12-01' })
        .refine((v) => v >= today, 'may not be in the past')
        .optional()
        .describe('Date of the meeting with the caseworker, if booked.'),
      questionnaireVersionId: z
        .uuid({ error: 'must be the id of a published questionnaire version' })
        .optional()
        .describe('A published version of the age band; default the newest.'),
      childPersonalNumber: z
        .string({ error: 'must be text' })
        .trim()
        .max(20, 'is too long')
        .optional()
        .transform((v) => (v ? v : undefined))
        .describe(
          "Optional, 12–18 only, where the district has turned on BankID for young people: the young person's personal identity number, so they can open the invitation with their own BankID instead of the code. The identity service keeps it only as a keyed hash; no other service receives it.",
        ),
    })
    .strict()
    .superRefine((v, ctx) => {
      const [min, max] = BAND_AGES[v.ageBand];
      const age = year - v.birthYear;
      if (age < min || age > max) {
        ctx.addIssue({ code: 'custom', path: ['ageBand'], message: `does not match birth year ${v.birthYear}` });
      }
      if (v.childPersonalNumber && v.ageBand !== '12-18') {
        ctx.addIssue({ code: 'custom', path: ['childPersonalNumber'], message: 'can only be given for age band 12-18 (BankID for young people)' });
      }
      if (v.channel === 'sms') {
        if (!v.phone?.trim()) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is required for SMS' });
        else if (!swedishMobileE164(v.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'must be a Swedish mobile number such as 070-123 45 67' });
      }
      if (v.channel === 'email') {
        if (!v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'is required for e-mail' });
        else if (!z.email().safeParse(v.email).success) ctx.addIssue({ code: 'custom', path: ['email'], message: 'must be an e-mail address such as namn@example.se' });
      }
    })
    .transform(({ phone, email, ...v }) => ({
      ...v,
      contact: v.channel === 'sms' ? (swedishMobileE164(phone ?? '') as string) : (email as string),
    }));
}
export type CreateInvitationRequest = z.input<ReturnType<typeof createInvitationRequest>>;
export type CreateInvitationInput = z.output<ReturnType<typeof createInvitationRequest>>;

export const extendInvitationRequest = (now: Date = new Date(), maxDays = INVITATION_MAX_EXPIRY_DAYS) =>
  z.object({ expiresAt: expiryField(now, maxDays).describe(`New expiry, in the future and at most ${maxDays} days from now.`) }).strict();

export const invitationView = z.object({
  id: z.uuid(),
  caseReference: z.string(),
  birthYear: z.number().int(),
  ageBand: z.enum(AGE_BANDS),
  districtId: z.enum(DISTRICT_IDS),
  createdAt: z.iso.datetime({ offset: true }),
  questionnaireVersionId: z.uuid().nullable().describe('The published questionnaire version the child will answer.'),
  status: z.enum(INVITATION_STATUSES).optional(),
  gender: z.enum(GENDERS).optional(),
  language: z.enum(CHILD_LANGUAGES).optional(),
  channel: z.enum(CHANNELS).nullable().optional(),
  contactHint: z.string().nullable().optional().describe('Masked contact, e.g. 070-••• •• 67 or a•••@example.se; null once erased.'),
  discreet: z.boolean().optional(),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  meetingDate: z.iso.date().nullable().optional(),
  occasion: z.number().int().positive().optional(),
  createdBy: z.string().optional(),
  statusAt: z.iso.datetime({ offset: true }).nullable().optional(),
  lockedAt: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .describe('When five wrong codes locked the child out (ChildAccessLocked); null when not locked. The caseworker can unlock.'),
  childBankId: z.boolean().optional().describe('The young person can also open it with their own BankID (ADR 0010).'),
  deliveries: z
    .array(
      z.object({
        purpose: z.enum(['invitation', 'resend', 'reminder', 'feedback-notice']),
        round: z.number().int(),
        state: z.enum(['pending', 'sending', 'sent', 'delivered', 'failed']),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
        updatedAt: z.iso.datetime({ offset: true }),
      }),
    )
    .optional(),
});
export type InvitationView = z.infer<typeof invitationView>;

export const invitationListView = z.object({ items: z.array(invitationView) });
export const createdInvitationView = z.object({
  invitation: invitationView,
  code: z.string().describe('The one-time access code to give the child in person or by phone; shown only now.'),
  childBankId: z
    .boolean()
    .optional()
    .describe('True when the young person can also open the invitation with their own BankID (a personal identity number was given).'),
});

export const participationView = z.object({
  districtId: z.enum(DISTRICT_IDS),
  invitationsCreated: z.number().int().nonnegative(),
  lastEventAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ParticipationView = z.infer<typeof participationView>;

export const meView = z.object({
  subject: z.string(),
  name: z.string().nullable(),
  districtId: z.enum(DISTRICT_IDS),
  districtName: z.string(),
  unit: z.string().nullable(),
  roles: z.array(z.enum(STAFF_ROLES)),
});
export type MeView = z.infer<typeof meView>;

export const auditEntryView = z.object({
  seq: z.string(),
  districtId: z.enum(DISTRICT_IDS),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  hash: z.string(),
});
export const auditListView = z.object({ items: z.array(auditEntryView) });
const auditCheckpointView = z.object({
  logId: z.string(),
  districtId: z.enum(DISTRICT_IDS),
  treeSize: z.number().int(),
  rootHash: z.string().describe('RFC 9162 Merkle tree hash (hex).'),
  issuedAt: z.string(),
  keyId: z.string(),
  signature: z.string().describe('Ed25519 signature (base64).'),
});
export const auditVerifyView = z.object({
  districtId: z.enum(DISTRICT_IDS),
  entries: z.number().int(),
  intact: z.boolean(),
  brokenAtSeq: z.string().nullable(),
  firstProblem: z
    .object({
      kind: z.enum(['altered', 'missing', 'reordered', 'unsealed', 'truncated', 'recomputed', 'checkpoint-signature']),
      position: z.number().int().nullable().describe('Leaf position (0-based, in seq order of the district) where the log first differs.'),
      seq: z.string().nullable(),
      detail: z.string(),
    })
    .nullable(),
  truncated: z.boolean(),
  recomputed: z.boolean().describe('The hash chain is valid but the tree differs from the last published checkpoint.'),
  treeSize: z.number().int(),
  rootHash: z.string(),
  checkpoint: auditCheckpointView.extend({ signatureValid: z.boolean(), matches: z.boolean() }).nullable().describe('The last checkpoint published to Kafka.'),
  logId: z.string().describe('This log instance (its database); checkpoints of other instances do not apply.'),
  otherLogCheckpoints: z.number().int().describe('Checkpoints of the district on the topic signed for other log instances (e.g. a re-created database).'),
});
export const auditConsistencyView = z.object({
  districtId: z.enum(DISTRICT_IDS),
  fromSize: z.number().int(),
  fromRootHash: z.string().describe('Root of the first fromSize entries: as published in that checkpoint, or recomputed when none of that size was published.'),
  fromPublished: z.boolean(),
  treeSize: z.number().int(),
  rootHash: z.string(),
  proof: z.array(z.string()).describe('RFC 9162 consistency proof, hex.'),
  checkpoint: auditCheckpointView,
  verified: z.boolean(),
});
export const auditProofView = z.object({
  entryId: z.string(),
  districtId: z.enum(DISTRICT_IDS),
  seq: z.string(),
  leafIndex: z.number().int(),
  sealedLeafIndex: z.number().int().nullable(),
  leafHash: z.string(),
  treeSize: z.number().int(),
  rootHash: z.string(),
  proof: z.array(z.string()).describe('RFC 9162 inclusion proof (audit path), hex, leaf to root.'),
  checkpoint: auditCheckpointView,
  verified: z.boolean(),
});
