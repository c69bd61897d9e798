import { z } from 'zod';
import { DISTRICT_IDS } from './districts';
import { defineEvent, EventDefinition, EventEnvelope, envelopeSchema, EventValidationError } from './envelope';
import { TOPICS } from './topics';
import { answerForEvent, CHANNELS, CHILD_LANGUAGES, GENDERS, INVOLVEMENT_RATINGS } from './answers';
import { questionnaireContent } from './questionnaire';

const districtId = z.enum(DISTRICT_IDS).describe('District the entity belongs to.');
const ageBand = z.enum(['6-11', '12-18']).describe('Age band of the questionnaire.');
const staffRef = z
  .string()
  .min(1)
  .max(100)
  .describe('Pseudonymous staff id (the identity provider subject), never a name or personal identity number.');

/** An invitation for a child was created by a caseworker. No personal data. */
export const InvitationCreatedV1 = defineEvent({
  type: 'InvitationCreated',
  version: 1,
  topic: TOPICS.invitation,
  description: 'A caseworker created an invitation for a child in one of their cases.',
  schema: z.object({
    invitationId: z.uuid(),
    districtId,
    unitId: z.string().max(100).nullable().describe('Unit of the caseworker, if any.'),
    ageBand,
    createdBy: staffRef,
    createdAt: z.iso.datetime({ offset: true }),
    questionnaireVersionId: z.uuid().optional().describe('The published questionnaire version the child will answer (absent on invitations created before questionnaires existed).'),
  }),
});

/** The central office published a questionnaire version (immutable from now on). */
export const QuestionnaireVersionPublishedV1 = defineEvent({
  type: 'QuestionnaireVersionPublished',
  version: 1,
  topic: TOPICS.questionnaire,
  description: 'A questionnaire version was published by the central office (or by the system when seeding the defaults). Key: the template id.',
  schema: z.object({
    templateId: z.uuid(),
    key: z.string().min(1).max(100).describe('Stable key of the template, e.g. default-6-11.'),
    ageBand,
    versionId: z.uuid(),
    version: z.number().int().positive(),
    publishedBy: z
      .string()
      .min(1)
      .max(100)
      .describe("Pseudonymous staff id (identity provider subject) of the publisher, or 'system' for seeded defaults."),
    publishedAt: z.iso.datetime({ offset: true }),
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the canonical JSON of the published content.'),
  }),
});


const at = z.iso.datetime({ offset: true });
const gender = z.enum(GENDERS).describe('Gender as the child or family states it.');
const channel = z.enum(CHANNELS).describe('How the invitation reaches the child.');
const language = z.enum(CHILD_LANGUAGES).describe("The child's language for messages and the questionnaire.");

/** v2 of InvitationCreated: everything the other services need about an invitation, still no personal data. */
export const InvitationCreatedV2 = defineEvent({
  type: 'InvitationCreated',
  version: 2,
  topic: TOPICS.invitation,
  description:
    'A caseworker created an invitation. Identity activates the child access credentials issued for it, responses learns what to accept, statistics and audit count it. No names, phone numbers, e-mail addresses or case references.',
  schema: z.object({
    invitationId: z.uuid(),
    districtId,
    unitId: z.string().max(100).nullable().describe('Unit of the caseworker, if any.'),
    ageBand,
    createdBy: staffRef,
    createdAt: at,
    questionnaireVersionId: z.uuid().describe('The published questionnaire version the child will answer.'),
    expiresAt: at.describe('After this the child can no longer start or submit answers.'),
    language,
    channel,
    discreet: z.boolean().describe('Neutral sender and wording (no mention of social services).'),
    gender,
    birthYear: z.number().int().min(1990).max(2100),
    occasion: z.number().int().positive().describe('Follow-up occasion for the same child in the district: 1 for the first invitation.'),
    childRef: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('Pseudonymous key of the child within the district (keyed hash of district, case reference and birth year); links occasions for trends.'),
    meetingDate: z.iso
      .date()
      .nullable()
      .optional()
      .describe('Date of the meeting with the caseworker, if booked (added 2026-12; absent in older events): statistics counts answers given before it.'),
  }),
});

const invitationRef = { invitationId: z.uuid(), districtId };

export const InvitationSentV1 = defineEvent({
  type: 'InvitationSent',
  version: 1,
  topic: TOPICS.invitation,
  description: 'A message about an invitation was handed to the SMS provider or the mail server (and, for SMS, confirmed delivered when the provider says so).',
  schema: z.object({
    ...invitationRef,
    channel,
    purpose: z.enum(['invitation', 'resend', 'reminder', 'feedback-notice']),
    sentAt: at,
    attempt: z.number().int().positive(),
  }),
});

export const InvitationDeliveryFailedV1 = defineEvent({
  type: 'InvitationDeliveryFailed',
  version: 1,
  topic: TOPICS.invitation,
  description: 'A message could not be delivered. `final` is true when no more retries will be made.',
  schema: z.object({
    ...invitationRef,
    channel,
    purpose: z.enum(['invitation', 'resend', 'reminder', 'feedback-notice']),
    failedAt: at,
    attempt: z.number().int().positive(),
    reason: z.enum(['rejected', 'invalid-recipient', 'provider-unavailable', 'undelivered', 'timeout']),
    final: z.boolean(),
  }),
});

export const InvitationExtendedV1 = defineEvent({
  type: 'InvitationExtended',
  version: 1,
  topic: TOPICS.invitation,
  description: 'The caseworker moved the expiry of an invitation.',
  schema: z.object({ ...invitationRef, expiresAt: at, extendedBy: staffRef, extendedAt: at }),
});

export const InvitationRevokedV1 = defineEvent({
  type: 'InvitationRevoked',
  version: 1,
  topic: TOPICS.invitation,
  description: 'The caseworker revoked an invitation: the link and code stop working at once.',
  schema: z.object({ ...invitationRef, revokedBy: staffRef, revokedAt: at }),
});

export const InvitationExpiredV1 = defineEvent({
  type: 'InvitationExpired',
  version: 1,
  topic: TOPICS.invitation,
  description: 'An invitation passed its expiry without a submitted response.',
  schema: z.object({ ...invitationRef, expiredAt: at }),
});

/** The central office published a questionnaire version; v2 carries the content so that responses can validate answers. */
export const QuestionnaireVersionPublishedV2 = defineEvent({
  type: 'QuestionnaireVersionPublished',
  version: 2,
  topic: TOPICS.questionnaire,
  description: 'As v1, plus the immutable content of the version (responses validates every answer against it). Key: the template id.',
  schema: QuestionnaireVersionPublishedV1.schema.extend({ content: questionnaireContent }),
});

// --- identity: child access -------------------------------------------------------

export const InvitationOpenedV1 = defineEvent({
  type: 'InvitationOpened',
  version: 1,
  topic: TOPICS.childAccess,
  description: 'The child entered the right code and got a session (every time; the first one moves the invitation to "opened").',
  schema: z.object({ ...invitationRef, openedAt: at }),
});

export const ChildAccessLockedV1 = defineEvent({
  type: 'ChildAccessLocked',
  version: 1,
  topic: TOPICS.childAccess,
  description: 'Five wrong codes in a row locked the invitation; the caseworker can unlock it.',
  schema: z.object({ ...invitationRef, lockedAt: at }),
});

export const ChildAccessUnlockedV1 = defineEvent({
  type: 'ChildAccessUnlocked',
  version: 1,
  topic: TOPICS.childAccess,
  description: 'The caseworker unlocked a locked invitation.',
  schema: z.object({ ...invitationRef, unlockedBy: staffRef, unlockedAt: at }),
});

// --- identity: staff ----------------------------------------------------------------

const staffChange = {
  staffId: staffRef.describe('Keycloak user id of the staff member.'),
  districtId,
  role: z.enum(['caseworker', 'unit-lead', 'district-admin', 'central-analyst', 'auditor']),
  unitId: z.string().max(100).nullable(),
  by: staffRef.describe('Who made the change.'),
  at,
};

export const StaffRegisteredV1 = defineEvent({
  type: 'StaffRegistered',
  version: 1,
  topic: TOPICS.staff,
  description: 'An admin registered a staff member (no name, e-mail or personal identity number in the event).',
  schema: z.object(staffChange),
});
export const StaffDeactivatedV1 = defineEvent({
  type: 'StaffDeactivated',
  version: 1,
  topic: TOPICS.staff,
  description: "An admin deactivated a staff member; their sessions were ended.",
  schema: z.object(staffChange),
});
export const StaffReactivatedV1 = defineEvent({
  type: 'StaffReactivated',
  version: 1,
  topic: TOPICS.staff,
  description: 'An admin reactivated a staff member.',
  schema: z.object(staffChange),
});
export const StaffSignInV1 = defineEvent({
  type: 'StaffSignIn',
  version: 1,
  topic: TOPICS.staff,
  description: 'A BankID sign-in at the identity provider: completed for a registered staff member, or refused (unregistered, deactivated).',
  schema: z.object({
    outcome: z.enum(['signed-in', 'refused-unregistered', 'refused-deactivated']),
    staffId: staffRef.nullable().describe('Null when the person is not registered.'),
    districtId: districtId.nullable(),
    at,
  }),
});
export const DistrictSettingsChangedV1 = defineEvent({
  type: 'DistrictSettingsChanged',
  version: 1,
  topic: TOPICS.staff,
  description: "A district admin changed their district's settings (e.g. BankID for young people).",
  schema: z.object({
    districtId,
    childBankId: z.boolean(),
    by: staffRef.describe('Who made the change.'),
    at,
    alertLadderChanged: z.boolean().optional().describe('The safety-alert escalation ladder (minutes, office hours, duty contacts) changed; its values are not in the event.'),
  }),
});

export const StaffContactChangedV1 = defineEvent({
  type: 'StaffContactChanged',
  version: 1,
  topic: TOPICS.staff,
  description: "A district admin changed a staff member's work contact (e-mail, mobile). Which fields changed, never their values.",
  schema: z.object({ staffId: z.uuid(), districtId, fields: z.array(z.enum(['email', 'workMobile'])).min(1), by: staffRef, at }),
});

// --- responses ------------------------------------------------------------------------

const responseRef = { responseId: z.uuid(), invitationId: z.uuid(), districtId };

export const ResponseStartedV1 = defineEvent({
  type: 'ResponseStarted',
  version: 1,
  topic: TOPICS.response,
  description: 'The child saved the first answer of a response.',
  schema: z.object({ ...responseRef, startedAt: at }),
});

export const ResponseSubmittedV1 = defineEvent({
  type: 'ResponseSubmitted',
  version: 1,
  topic: TOPICS.response,
  description: 'A child submitted a response. Pseudonymous: no names, no personal identity numbers, no free text. Key: the invitation id.',
  schema: z.object({
    ...responseRef,
    unitId: z.string().max(100).nullable(),
    ageBand,
    gender,
    occasion: z.number().int().positive(),
    questionnaireVersionId: z.uuid(),
    submittedAt: at,
    answers: z.array(answerForEvent).max(200),
  }),
});

export const ResponseAccessedV1 = defineEvent({
  type: 'ResponseAccessed',
  version: 1,
  topic: TOPICS.response,
  description: "Staff read a child's answers (answers view or conversation view) or exported them (PDF or JSON).",
  schema: z.object({
    invitationId: z.uuid(),
    districtId,
    actor: staffRef,
    action: z.enum(['view', 'conversation', 'export-pdf', 'export-json']),
    at,
  }),
});

/**
 * v2 of ResponseAccessed: also in which capacity the staff member read (their role and unit at
 * the time), so the auditors' log review can tell a unit lead reading the unit's case from a
 * read outside one's own invitations (ADR 0016). Consumers accept v1 and v2.
 */
export const ResponseAccessedV2 = defineEvent({
  type: 'ResponseAccessed',
  version: 2,
  topic: TOPICS.response,
  description: "As v1, plus the reader's role (caseworker or unit lead) and unit when they read or exported the child's answers.",
  schema: ResponseAccessedV1.schema.extend({
    actorRole: z.enum(['caseworker', 'unit-lead']).describe('The role in which the staff member read: unit-lead when they read as the unit\'s lead.'),
    actorUnitId: z.string().max(100).nullable().describe("The reader's unit, if any."),
  }),
});

export const SafetyAlertRaisedV1 = defineEvent({
  type: 'SafetyAlertRaised',
  version: 1,
  topic: TOPICS.alert,
  description: 'An answer on a safety-marked option raised an alert for the caseworker and their unit lead.',
  schema: z.object({
    alertId: z.uuid(),
    invitationId: z.uuid(),
    districtId,
    unitId: z.string().max(100).nullable(),
    caseworker: staffRef,
    questionId: z.string().max(64),
    raisedAt: at,
  }),
});

export const SafetyAlertAcknowledgedV1 = defineEvent({
  type: 'SafetyAlertAcknowledged',
  version: 1,
  topic: TOPICS.alert,
  description: 'A caseworker or unit lead acknowledged a safety alert.',
  schema: z.object({ alertId: z.uuid(), invitationId: z.uuid(), districtId, acknowledgedBy: staffRef, acknowledgedAt: at }),
});

export const SafetyAlertEscalatedV1 = defineEvent({
  type: 'SafetyAlertEscalated',
  version: 1,
  topic: TOPICS.alert,
  description: 'A safety alert was not acknowledged in time and was escalated to the unit lead.',
  schema: z.object({ alertId: z.uuid(), invitationId: z.uuid(), districtId, unitId: z.string().max(100).nullable(), escalatedAt: at }),
});

/** Steps of the escalation ladder of a safety alert (ADR 0018). */
export const SAFETY_ALERT_STEPS = ['raised', 'unit-lead', 'duty'] as const;

export const SafetyAlertStepReachedV1 = defineEvent({
  type: 'SafetyAlertStepReached',
  version: 1,
  topic: TOPICS.alert,
  description:
    'A step of the escalation ladder of an unacknowledged safety alert was reached and its recipients notified (raised: caseworker and unit leads at once; unit-lead: again after N minutes; duty: the district\'s duty contacts after M minutes outside office hours). Counts only; no contact data.',
  schema: z.object({
    alertId: z.uuid(),
    invitationId: z.uuid(),
    districtId,
    step: z.enum(SAFETY_ALERT_STEPS),
    reachedAt: at,
    recipients: z.number().int().nonnegative().describe('People or duty contacts notified in this step.'),
    withoutContact: z.number().int().nonnegative().describe('Recipients with no registered work contact (nothing could be sent to them).'),
  }),
});

export const SafetyAlertNotificationSentV1 = defineEvent({
  type: 'SafetyAlertNotificationSent',
  version: 1,
  topic: TOPICS.alert,
  description: 'One notification (SMS or e-mail) of a safety-alert step was handed to the provider, or finally failed. No contact data and no child data.',
  schema: z.object({
    alertId: z.uuid(),
    invitationId: z.uuid(),
    districtId,
    step: z.enum(SAFETY_ALERT_STEPS),
    recipient: z.string().min(1).max(100).describe("Pseudonymous staff id of the recipient, or 'duty' for the district's duty contact."),
    channel: z.enum(['sms', 'email']),
    outcome: z.enum(['sent', 'failed']),
    attempt: z.number().int().positive(),
    at,
  }),
});

export const FeedbackGivenV1 = defineEvent({
  type: 'FeedbackGiven',
  version: 1,
  topic: TOPICS.feedback,
  description: 'The caseworker wrote feedback (återkoppling) to the child; survey-delivery sends a notice by the same channel. No text in the event.',
  schema: z.object({ feedbackId: z.uuid(), invitationId: z.uuid(), districtId, givenBy: staffRef, givenAt: at }),
});

export const InvolvementRatedV1 = defineEvent({
  type: 'InvolvementRated',
  version: 1,
  topic: TOPICS.feedback,
  description: 'After reading feedback the child rated how involved they felt (1–5 or "don\'t know").',
  schema: z.object({ invitationId: z.uuid(), districtId, ageBand, gender, rating: z.enum(INVOLVEMENT_RATINGS), ratedAt: at }),
});

/** What retention (gallring, ADR 0019) may erase of an invitation in responses. */
export const RESPONSE_ERASED_KINDS = ['response', 'draft', 'safety-alert', 'feedback', 'rating', 'invitation'] as const;
/** What retention may erase of an invitation in survey-delivery: the child's contact, or the whole invitation with its case reference. */
export const INVITATION_ERASED_KINDS = ['contact', 'invitation', 'alert-notifications'] as const;

export const ResponseDataErasedV1 = defineEvent({
  type: 'ResponseDataErased',
  version: 1,
  topic: TOPICS.response,
  description:
    "Retention (gallring, ADR 0019): what responses deleted of one invitation because its retention period ran out — the submitted answers, an unsubmitted draft, acknowledged safety alerts, feedback, the rating, the invitation's copy. Kinds only, never content; statistics keeps its counts.",
  schema: z.object({ invitationId: z.uuid(), districtId, erased: z.array(z.enum(RESPONSE_ERASED_KINDS)).min(1), at }),
});

export const InvitationDataErasedV1 = defineEvent({
  type: 'InvitationDataErased',
  version: 1,
  topic: TOPICS.invitation,
  description:
    "Retention (gallring, ADR 0019): survey-delivery erased the child's encrypted contact data and link of an ended invitation ('contact'), deleted the invitation with its case reference and messages ('invitation'), or the messages to staff of a closed safety alert ('alert-notifications'). Kinds only, never the data.",
  schema: z.object({ invitationId: z.uuid(), districtId, erased: z.array(z.enum(INVITATION_ERASED_KINDS)).min(1), at }),
});

export const ChildAccessErasedV1 = defineEvent({
  type: 'ChildAccessErased',
  version: 1,
  topic: TOPICS.childAccess,
  description:
    "Retention (gallring, ADR 0019): identity deleted a child's access data (hashed link token and code, lock state) CHILD_ACCESS_RETENTION_DAYS after the invitation was answered or ended. Kinds only.",
  schema: z.object({ invitationId: z.uuid(), districtId, erased: z.array(z.enum(['child-access'])).min(1), at }),
});

export const StatisticsExportedV1 = defineEvent({
  type: 'StatisticsExported',
  version: 1,
  topic: TOPICS.statisticsExport,
  description: 'A staff member exported statistics (CSV or Excel): what was exported, never a number of it. Key: the export id.',
  schema: z.object({
    exportId: z.uuid(),
    districtId: districtId.describe("The exporting staff member's district."),
    actor: staffRef,
    format: z.enum(['csv', 'xlsx']),
    report: z.enum(['answers']).describe('Which statistics were exported.'),
    scope: z.object({ level: z.enum(['unit', 'district', 'city']), districtIds: z.array(districtId), unitId: z.string().max(100).nullable() }),
    filters: z.record(z.string().max(40), z.string().max(400)).describe('The filters of the export as given (period, age band, area, split, …).'),
    at,
  }),
});

/**
 * Reads of a child's data other than the answers (ResponseAccessed) are recorded too
 * (issue 11, logguppföljning): one event per invitation shown, written before the data is
 * returned. A list read records every invitation it listed.
 */
export const InvitationAccessedV1 = defineEvent({
  type: 'InvitationAccessed',
  version: 1,
  topic: TOPICS.invitation,
  description: "Staff read an invitation (case reference, status, delivery) in their list or its details. No personal data: who, which invitation, how.",
  schema: z.object({
    invitationId: z.uuid(),
    districtId,
    actor: staffRef,
    action: z.enum(['list', 'detail']).describe('list: shown in the invitation list; detail: one invitation opened with its messages.'),
    at,
  }),
});

export const SafetyAlertAccessedV1 = defineEvent({
  type: 'SafetyAlertAccessed',
  version: 1,
  topic: TOPICS.alert,
  description: "Staff read a safety alert (which safety question a child answered) in the alert list. One event per alert shown.",
  schema: z.object({ alertId: z.uuid(), invitationId: z.uuid(), districtId, actor: staffRef, at }),
});

export const FeedbackAccessedV1 = defineEvent({
  type: 'FeedbackAccessed',
  version: 1,
  topic: TOPICS.feedback,
  description: "Staff read the feedback given to a child and the child's involvement rating.",
  schema: z.object({ invitationId: z.uuid(), districtId, actor: staffRef, at }),
});

/**
 * The audit service signed the head of a district's Merkle tree (RFC 9162 signed tree head,
 * ADR 0014). Published outside the audit database so a verifier can tell whether the log was
 * rewritten since. Key: the district (compacted topic: the latest checkpoint per district).
 */
export const AuditCheckpointPublishedV1 = defineEvent({
  type: 'AuditCheckpointPublished',
  version: 1,
  topic: TOPICS.auditCheckpoint,
  description:
    "The audit service signed the head of a district's audit Merkle tree (RFC 9162): its size, root hash and time, Ed25519-signed. Verifiers read the latest one per district (compacted topic, key: the district) and recompute the tree from the log. No personal data.",
  schema: z.object({
    logId: z.uuid().describe('The audit log instance (its database) the tree belongs to; checkpoints of another instance do not apply.'),
    districtId: districtId.describe("The district whose audit tree this is (the central office's too)."),
    treeSize: z.number().int().positive().describe('Entries (leaves) covered, in seq order of the district.'),
    rootHash: z.string().regex(/^[0-9a-f]{64}$/).describe('RFC 9162 Merkle tree hash (SHA-256) of the first treeSize entries, hex.'),
    issuedAt: at.describe('When the tree head was signed.'),
    keyId: z.string().regex(/^[0-9a-f]{16}$/).describe('First 8 bytes (hex) of SHA-256 of the raw Ed25519 public key.'),
    signature: z
      .string()
      .regex(/^[A-Za-z0-9+/]{86}==$/)
      .describe('Ed25519 signature (base64) over "delaktig-audit-checkpoint:v1\\n<logId>\\n<districtId>\\n<treeSize>\\n<rootHash>\\n<issuedAt>".'),
  }),
});

/** Every event this system knows, by `type@version`. */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  InvitationCreatedV1,
  InvitationCreatedV2,
  InvitationSentV1,
  InvitationDeliveryFailedV1,
  InvitationExtendedV1,
  InvitationRevokedV1,
  InvitationExpiredV1,
  QuestionnaireVersionPublishedV1,
  QuestionnaireVersionPublishedV2,
  InvitationOpenedV1,
  ChildAccessLockedV1,
  ChildAccessUnlockedV1,
  StaffRegisteredV1,
  StaffDeactivatedV1,
  StaffReactivatedV1,
  StaffSignInV1,
  DistrictSettingsChangedV1,
  ResponseStartedV1,
  ResponseSubmittedV1,
  ResponseAccessedV1,
  ResponseAccessedV2,
  SafetyAlertRaisedV1,
  SafetyAlertAcknowledgedV1,
  SafetyAlertEscalatedV1,
  SafetyAlertStepReachedV1,
  SafetyAlertNotificationSentV1,
  StaffContactChangedV1,
  FeedbackGivenV1,
  InvolvementRatedV1,
  StatisticsExportedV1,
  ResponseDataErasedV1,
  InvitationDataErasedV1,
  ChildAccessErasedV1,
  InvitationAccessedV1,
  SafetyAlertAccessedV1,
  FeedbackAccessedV1,
  AuditCheckpointPublishedV1,
];

const byTypeVersion = new Map(EVENT_CATALOG.map((d) => [`${d.type}@${d.version}`, d]));

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return byTypeVersion.get(`${type}@${version}`);
}

export class UnknownEventError extends EventValidationError {
  constructor(type: string, version: number) {
    super(`Unknown event ${type} v${version}`);
    this.name = 'UnknownEventError';
  }
}

/**
 * Validates a received message (consumer side): the envelope, then the payload against
 * the schema for its type and version. Throws {@link EventValidationError}.
 */
export function parseEvent(raw: unknown): EventEnvelope {
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) {
    throw new EventValidationError(
      'Event envelope is invalid',
      env.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const def = findEventDefinition(env.data.type, env.data.version);
  if (!def) throw new UnknownEventError(env.data.type, env.data.version);
  const data = def.schema.safeParse(env.data.data);
  if (!data.success) {
    throw new EventValidationError(
      `${def.type} v${def.version} payload is invalid`,
      data.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message })),
    );
  }
  return { ...env.data, data: data.data };
}

export function isEvent<T extends z.ZodType>(e: EventEnvelope, def: EventDefinition<T>): e is EventEnvelope<z.infer<T>> {
  return e.type === def.type && e.version === def.version;
}
