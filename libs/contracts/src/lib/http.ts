import { z } from 'zod';
import { DISTRICT_IDS, STAFF_ROLES } from './districts';

/**
 * Request and response shapes of the HTTP API (gateway and services). The services
 * validate requests with these; the gateway documents them in OpenAPI.
 */
export const AGE_BANDS = ['6-11', '12-18'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Youngest and oldest age (in years reached this calendar year) of each band; a year of slack for birthdays. */
const BAND_AGES: Record<AgeBand, [number, number]> = { '6-11': [6, 12], '12-18': [11, 19] };

export function createInvitationRequest(now: Date = new Date()) {
  const year = now.getUTCFullYear();
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
    })
    .strict()
    .superRefine((v, ctx) => {
      const [min, max] = BAND_AGES[v.ageBand];
      const age = year - v.birthYear;
      if (age < min || age > max) {
        ctx.addIssue({ code: 'custom', path: ['ageBand'], message: `does not match birth year ${v.birthYear}` });
      }
    });
}
export type CreateInvitationRequest = z.infer<ReturnType<typeof createInvitationRequest>>;

export const invitationView = z.object({
  id: z.uuid(),
  caseReference: z.string(),
  birthYear: z.number().int(),
  ageBand: z.enum(AGE_BANDS),
  districtId: z.enum(DISTRICT_IDS),
  createdAt: z.iso.datetime({ offset: true }),
  questionnaireVersionId: z.uuid().nullable().describe('The published questionnaire version the child will answer.'),
});
export type InvitationView = z.infer<typeof invitationView>;

export const invitationListView = z.object({ items: z.array(invitationView) });

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
export const auditVerifyView = z.object({ districtId: z.enum(DISTRICT_IDS), entries: z.number().int(), intact: z.boolean(), brokenAtSeq: z.string().nullable() });
