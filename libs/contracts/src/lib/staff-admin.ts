import { z } from 'zod';
import { DISTRICT_IDS, STAFF_ROLES } from './districts';

/**
 * HTTP shapes of staff administration (district admins and the central admin), issue 3.
 * The personal identity number is accepted once, at registration, and never returned:
 * views carry only the masked form `YYYYMMDD-****`.
 */

/** Roles a district admin may register in their own district. */
export const DISTRICT_MANAGED_ROLES = ['caseworker', 'unit-lead'] as const;
/** Roles the central admin (district-admin of `central`) may register, in any district. */
export const CENTRAL_MANAGED_ROLES = ['district-admin'] as const;

const name = (what: string) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(100, 'may be at most 100 characters')
    .refine((v) => !/[<>"\\/@{}\d]/.test(v), { message: `${what} may not contain digits or the characters < > " \\ / @ { }` });

export const registerStaffRequest = z
  .object({
    givenName: name('the given name').describe('Given name (förnamn).'),
    familyName: name('the family name').describe('Family name (efternamn).'),
    email: z
      .string({ error: 'is required' })
      .trim()
      .toLowerCase()
      .max(254, 'may be at most 254 characters')
      .pipe(z.email({ error: 'must be an e-mail address, e.g. namn.efternamn@stockholm.se' }))
      .describe('Work e-mail address.'),
    personalNumber: z
      .string({ error: 'is required' })
      .min(1, 'is required')
      .max(20, 'is too long')
      .describe('Personal identity number or coordination number (YYYYMMDDNNNN or YYMMDD-NNNN). Stored only as a keyed hash and YYYYMMDD-****.'),
    role: z.enum(STAFF_ROLES, { error: `must be one of ${STAFF_ROLES.join(', ')}` }).describe('caseworker or unit-lead (district admin); district-admin (central admin).'),
    unit: z
      .string()
      .trim()
      .max(100, 'may be at most 100 characters')
      .nullish()
      .transform((v) => (v ? v : null))
      .describe('Unit (enhet); required for caseworkers and unit leads.'),
    districtId: z
      .enum(DISTRICT_IDS, { error: 'must be a district id' })
      .optional()
      .describe("Only for the central admin registering a district admin; a district admin always registers in their own district."),
    username: z
      .string()
      .trim()
      .toLowerCase()
      .min(3, 'must be at least 3 characters')
      .max(100, 'may be at most 100 characters')
      .regex(/^[a-z0-9][a-z0-9._@-]*$/, 'may contain only a-z, 0-9, ".", "_", "@" and "-"')
      .optional()
      .describe('Keycloak username; default: the e-mail address.'),
  })
  .strict();
export type RegisterStaffRequest = z.input<typeof registerStaffRequest>;

export const staffView = z.object({
  id: z.uuid().describe('Registry id.'),
  username: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  email: z.string().nullable(),
  personalNumberMasked: z.string().describe('YYYYMMDD-****'),
  districtId: z.enum(DISTRICT_IDS),
  districtName: z.string(),
  unit: z.string().nullable(),
  role: z.enum(STAFF_ROLES),
  status: z.enum(['active', 'deactivated']),
  createdAt: z.iso.datetime({ offset: true }),
  deactivatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type StaffView = z.infer<typeof staffView>;

export const staffListView = z.object({ items: z.array(staffView) });
export type StaffListView = z.infer<typeof staffListView>;

export const districtAdminOverview = z.object({
  items: z.array(
    z.object({
      districtId: z.enum(DISTRICT_IDS),
      name: z.string(),
      activeAdmins: z.number().int(),
      admins: z.array(staffView),
    }),
  ),
});
export type DistrictAdminOverview = z.infer<typeof districtAdminOverview>;

/** `GET/PUT /api/v1/district/settings`: what a district has turned on (its district admin decides). */
export const districtSettingsView = z.object({
  districtId: z.enum(DISTRICT_IDS),
  childBankId: z.boolean().describe('Young people (12–18) whose caseworker gave their personal identity number can open their invitation with their own BankID.'),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
  updatedBy: z.string().nullable().describe('Pseudonymous id of the admin who changed it last.'),
});
export type DistrictSettingsView = z.infer<typeof districtSettingsView>;
export const updateDistrictSettingsRequest = z
  .object({ childBankId: z.boolean({ error: 'must be true or false' }) })
  .strict();
