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

/**
 * A Swedish mobile number (07x… or +467x…, spaces and dashes allowed), normalised to E.164
 * (+467…): the staff member's work mobile, for safety-alert SMS only.
 */
export const workMobile = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(\+46|0)7\d{8}$/, 'must be a Swedish mobile number, e.g. 070-123 45 67'))
  .transform((v) => (v.startsWith('0') ? `+46${v.slice(1)}` : v));

const workEmail = z
  .string({ error: 'is required' })
  .trim()
  .toLowerCase()
  .max(254, 'may be at most 254 characters')
  .pipe(z.email({ error: 'must be an e-mail address, e.g. namn.efternamn@stockholm.se' }));

export const registerStaffRequest = z
  .object({
    givenName: name('the given name').describe('Given name (förnamn).'),
    familyName: name('the family name').describe('Family name (efternamn).'),
    email: workEmail.describe('Work e-mail address (also where safety alerts are e-mailed).'),
    workMobile: z
      .union([z.literal('').transform(() => null), z.null(), workMobile])
      .optional()
      .transform((v) => v ?? null)
      .describe('Work mobile for safety-alert SMS (Swedish number, stored as +467…).'),
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
  workMobile: z.string().nullable().describe('Work mobile (+467…), for safety-alert SMS.'),
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

/** `PUT /api/v1/admin/staff/{id}/contact`: the district admin changes a staff member's work contact. */
export const updateStaffContactRequest = z
  .object({
    email: workEmail.optional().describe('Work e-mail address.'),
    workMobile: z
      .union([z.literal('').transform(() => null), z.null(), workMobile])
      .optional()
      .describe('Work mobile; null or "" removes it.'),
  })
  .strict()
  .refine((v) => v.email !== undefined || v.workMobile !== undefined, { message: 'give email or workMobile' });
export type UpdateStaffContactRequest = z.input<typeof updateStaffContactRequest>;

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

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, e.g. 08:00');

/**
 * The district's escalation ladder of unacknowledged safety alerts (ADR 0018): after
 * `unitLeadMinutes` the unit leads are notified again; after `dutyMinutes`, outside office
 * hours (weekdays `officeStart`–`officeEnd` in Europe/Stockholm, not on Swedish public
 * holidays, Midsummer, Christmas and New Year's Eve, nor on `closedDates`), the district's
 * duty contacts (socialjouren).
 */
export const alertLadder = z
  .object({
    unitLeadMinutes: z.number().int().min(1).max(24 * 60).describe('N: minutes until the unit leads are notified again.'),
    dutyMinutes: z.number().int().min(1).max(7 * 24 * 60).describe('M: minutes until the duty contacts are notified (outside office hours).'),
    officeStart: hhmm.describe('Office hours start (Europe/Stockholm).'),
    officeEnd: hhmm.describe('Office hours end (Europe/Stockholm).'),
    closedDates: z.array(z.iso.date()).max(50).describe("The district's own closed days (YYYY-MM-DD), besides Swedish public holidays."),
    dutyPhone: z.union([z.null(), workMobile]).describe('Duty (socialjouren) mobile for SMS, or null.'),
    dutyEmail: z.union([z.null(), z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'must be an e-mail address' }))]).describe('Duty e-mail, or null.'),
  })
  .strict()
  .refine((v) => v.dutyMinutes > v.unitLeadMinutes, { message: 'dutyMinutes must be greater than unitLeadMinutes', path: ['dutyMinutes'] })
  .refine((v) => v.officeEnd > v.officeStart, { message: 'officeEnd must be after officeStart', path: ['officeEnd'] });
export type AlertLadder = z.infer<typeof alertLadder>;

export const DEFAULT_ALERT_LADDER: AlertLadder = {
  unitLeadMinutes: 15,
  dutyMinutes: 60,
  officeStart: '08:00',
  officeEnd: '17:00',
  closedDates: [],
  dutyPhone: null,
  dutyEmail: null,
};

/** The internal subject of survey-delivery's safety-alert notifier: the only caller identity gives work contacts to. */
export const ALERT_NOTIFIER_SUBJECT = 'service:survey-delivery';

const alertRecipient = z.object({
  ref: z.string().min(1).max(100).describe('Pseudonymous id (Keycloak subject when known, else registry id): what events and audit carry.'),
  role: z.enum(['caseworker', 'unit-lead']),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
});
export type AlertRecipient = z.infer<typeof alertRecipient>;

/** identity's internal `GET /internal/v1/alert-contacts` (ADR 0018): who a safety alert goes to. Never in events. */
export const alertContactsView = z.object({
  ladder: alertLadder,
  caseworker: alertRecipient.nullable(),
  unitLeads: z.array(alertRecipient),
});
export type AlertContacts = z.infer<typeof alertContactsView>;

/** `GET/PUT /api/v1/district/settings`: what a district has turned on (its district admin decides). */
export const districtSettingsView = z.object({
  districtId: z.enum(DISTRICT_IDS),
  alertLadder: alertLadder.describe('Escalation of unacknowledged safety alerts.'),
  childBankId: z.boolean().describe('Young people (12–18) whose caseworker gave their personal identity number can open their invitation with their own BankID.'),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
  updatedBy: z.string().nullable().describe('Pseudonymous id of the admin who changed it last.'),
});
export type DistrictSettingsView = z.infer<typeof districtSettingsView>;
export const updateDistrictSettingsRequest = z
  .object({ childBankId: z.boolean({ error: 'must be true or false' }).optional(), alertLadder: alertLadder.optional() })
  .strict()
  .refine((v) => v.childBankId !== undefined || v.alertLadder !== undefined, { message: 'give childBankId or alertLadder' });
