import { z } from 'zod';
import { DISTRICT_IDS } from './districts';

/** The auditors' log review (issue 11 deliver 3, ADR 0016): HTTP shapes of the gateway's /api/v1/audit/review. */
export const AUDIT_FLAG_KINDS = ['outside-own', 'many-children', 'off-hours', 'after-closed'] as const;
export const AUDIT_REVIEW_STATUSES = ['open', 'in-review', 'justified', 'reported'] as const;

const person = z.object({ id: z.string(), name: z.string().nullable().describe('Display name from the staff registry; null when unknown (e.g. system, child).') });

export const auditReviewEntryView = z.object({
  id: z.uuid(),
  seq: z.string(),
  districtId: z.enum(DISTRICT_IDS),
  occurredAt: z.string(),
  actor: z.string().describe('Staff id (identity provider subject), `child` or `system`.'),
  actorName: z.string().nullable(),
  action: z.string().describe('e.g. response.view, response.conversation, response.export-pdf, invitation.created, audit.log-read.'),
  objectType: z.string(),
  objectId: z.string(),
  caseReference: z.string().nullable().describe('Case reference of the invitation the entry concerns, where the auditor may see it.'),
  invitation: z
    .object({ createdBy: z.string(), createdByName: z.string().nullable().optional(), unitId: z.string().nullable(), closedAt: z.string().nullable(), closedReason: z.string().nullable() })
    .nullable(),
  flags: z.array(z.object({ id: z.string(), kind: z.enum([...AUDIT_FLAG_KINDS, 'sample']), status: z.enum(AUDIT_REVIEW_STATUSES) })),
});
export const auditReviewListView = z.object({ items: z.array(auditReviewEntryView), nextBeforeSeq: z.string().nullable() });

export const auditFlagReviewView = z.object({ status: z.enum(AUDIT_REVIEW_STATUSES), comment: z.string(), reviewedBy: z.string(), reviewedByName: z.string().nullable().optional(), reviewedAt: z.string() });

export const auditFlagView = z.object({
  id: z.string().describe('Stable id: <kind>:<entry id> (for many-children the first read of the burst).'),
  kind: z.enum(AUDIT_FLAG_KINDS),
  districtId: z.enum(DISTRICT_IDS),
  actor: z.string(),
  actorName: z.string().nullable(),
  occurredAt: z.string(),
  entryIds: z.array(z.uuid()),
  invitationIds: z.array(z.string()),
  caseReferences: z.array(z.string()),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  review: auditFlagReviewView.nullable(),
});
export const auditFlagListView = z.object({
  items: z.array(auditFlagView),
  settings: z.object({
    officeHours: z.object({ from: z.number().int(), to: z.number().int() }),
    timeZone: z.string(),
    manyChildren: z.number().int(),
    manyChildrenMinutes: z.number().int(),
  }),
});
export const auditSampleView = z.object({ items: z.array(auditReviewEntryView) });
export const auditFlagReviewRequest = z.object({ status: z.enum(AUDIT_REVIEW_STATUSES), comment: z.string().max(2000).optional() });
export const staffNamesView = z.object({ items: z.array(person) });

export type AuditReviewEntryView = z.infer<typeof auditReviewEntryView>;
export type AuditReviewListView = z.infer<typeof auditReviewListView>;
export type AuditFlagView = z.infer<typeof auditFlagView>;
export type AuditFlagListView = z.infer<typeof auditFlagListView>;
export type AuditFlagReviewView = z.infer<typeof auditFlagReviewView>;
export type AuditFlagKind = (typeof AUDIT_FLAG_KINDS)[number];
export type AuditReviewStatus = (typeof AUDIT_REVIEW_STATUSES)[number];
