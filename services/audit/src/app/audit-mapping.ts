import { CENTRAL_OFFICE, type EventEnvelope } from '@delaktig/contracts';
import type { NewEntry } from './audit-log';

/** Actor of changes made by the system itself (schedulers, delivery) and of the child. */
export const SYSTEM_ACTOR = 'system';
export const CHILD_ACTOR = 'child';

type Data = Record<string, unknown>;
type Mapping = (d: Data) => { districtId: string | null; actor: string; objectType: string; objectId: string };

const inv = (actor: (d: Data) => string): Mapping => (d) => ({
  districtId: d['districtId'] as string,
  actor: actor(d),
  objectType: 'invitation',
  objectId: d['invitationId'] as string,
});
const staff: Mapping = (d) => ({ districtId: d['districtId'] as string, actor: d['by'] as string, objectType: 'staff', objectId: d['staffId'] as string });
const alert = (actor: (d: Data) => string): Mapping => (d) => ({
  districtId: d['districtId'] as string,
  actor: actor(d),
  objectType: 'safety-alert',
  objectId: d['alertId'] as string,
});
const field = (name: string) => (d: Data) => d[name] as string;
const system = () => SYSTEM_ACTOR;
const child = () => CHILD_ACTOR;

/**
 * What each auditable event becomes in the audit log: the action name, who did it and to
 * what, in the chain of the district the object belongs to. Every event of the catalogue
 * is listed (a test checks it), so nothing auditable is silently skipped.
 */
export const AUDIT_ACTIONS: Record<string, { action: string; map: Mapping }> = {
  'InvitationCreated@1': { action: 'invitation.created', map: inv(field('createdBy')) },
  'StatisticsExported@1': {
    action: 'statistics.exported',
    map: (d) => ({ districtId: d['districtId'] as string, actor: d['actor'] as string, objectType: 'statistics-export', objectId: d['exportId'] as string }),
  },
  'InvitationCreated@2': { action: 'invitation.created', map: inv(field('createdBy')) },
  'InvitationSent@1': { action: 'invitation.sent', map: inv(system) },
  'InvitationDeliveryFailed@1': { action: 'invitation.delivery-failed', map: inv(system) },
  'InvitationExtended@1': { action: 'invitation.extended', map: inv(field('extendedBy')) },
  'InvitationRevoked@1': { action: 'invitation.revoked', map: inv(field('revokedBy')) },
  'InvitationExpired@1': { action: 'invitation.expired', map: inv(system) },
  'QuestionnaireVersionPublished@1': {
    action: 'questionnaire.published',
    map: (d) => ({ districtId: CENTRAL_OFFICE, actor: d['publishedBy'] as string, objectType: 'questionnaire-version', objectId: d['versionId'] as string }),
  },
  'QuestionnaireVersionPublished@2': {
    action: 'questionnaire.published',
    map: (d) => ({ districtId: CENTRAL_OFFICE, actor: d['publishedBy'] as string, objectType: 'questionnaire-version', objectId: d['versionId'] as string }),
  },
  'InvitationOpened@1': { action: 'child-access.opened', map: inv(child) },
  'ChildAccessLocked@1': { action: 'child-access.locked', map: inv(system) },
  'ChildAccessUnlocked@1': { action: 'child-access.unlocked', map: inv(field('unlockedBy')) },
  'StaffRegistered@1': { action: 'staff.registered', map: staff },
  'StaffDeactivated@1': { action: 'staff.deactivated', map: staff },
  'StaffReactivated@1': { action: 'staff.reactivated', map: staff },
  'StaffContactChanged@1': { action: 'staff.contact-changed', map: staff },
  'StaffSignIn@1': {
    action: 'staff.sign-in',
    // Refused sign-ins of unknown people have no district: they go into the central office's chain.
    map: (d) => ({
      districtId: (d['districtId'] as string | null) ?? CENTRAL_OFFICE,
      actor: (d['staffId'] as string | null) ?? 'unknown',
      objectType: 'sign-in',
      objectId: d['outcome'] as string,
    }),
  },
  'DistrictSettingsChanged@1': {
    action: 'district.settings-changed',
    map: (d) => ({ districtId: d['districtId'] as string, actor: d['by'] as string, objectType: 'district-settings', objectId: d['districtId'] as string }),
  },
  'ResponseStarted@1': { action: 'response.started', map: inv(child) },
  'ResponseSubmitted@1': { action: 'response.submitted', map: inv(child) },
  'ResponseAccessed@1': { action: 'response.accessed', map: inv(field('actor')) },
  'ResponseAccessed@2': { action: 'response.accessed', map: inv(field('actor')) },
  'SafetyAlertRaised@1': { action: 'safety-alert.raised', map: alert(child) },
  'SafetyAlertAcknowledged@1': { action: 'safety-alert.acknowledged', map: alert(field('acknowledgedBy')) },
  'SafetyAlertEscalated@1': { action: 'safety-alert.escalated', map: alert(system) },
  'SafetyAlertStepReached@1': { action: 'safety-alert.step-reached', map: alert(system) },
  'SafetyAlertNotificationSent@1': { action: 'safety-alert.notification-sent', map: alert(system) },
  'ResponseDataErased@1': { action: 'retention.erased', map: inv(system) },
  'InvitationDataErased@1': { action: 'retention.erased', map: inv(system) },
  'ChildAccessErased@1': { action: 'retention.erased', map: inv(system) },
  'FeedbackGiven@1': { action: 'feedback.given', map: inv(field('givenBy')) },
  // Reads other than the answers: recorded on the invitation, so "who has read this child" finds them.
  'InvitationAccessed@1': { action: 'invitation.read', map: inv(field('actor')) }, // or invitation.listed (below)
  'SafetyAlertAccessed@1': { action: 'safety-alert.read', map: inv(field('actor')) },
  'FeedbackAccessed@1': { action: 'feedback.read', map: inv(field('actor')) },
  'InvolvementRated@1': { action: 'feedback.rated', map: inv(child) },
};

/**
 * Events of the catalogue that are deliberately not audited: the audit service's own
 * checkpoints (auditing them would feed the log into itself; they are its anchor).
 */
export const NOT_AUDITED: readonly string[] = ['AuditCheckpointPublished@1'];

/** The audit entry for an event, or undefined for an event that is not audited. */
export function auditEntryFor(e: EventEnvelope): NewEntry | undefined {
  const rule = AUDIT_ACTIONS[`${e.type}@${e.version}`];
  if (!rule) return undefined;
  const m = rule.map(e.data as Data);
  // ResponseAccessed and InvitationAccessed name the access kind in the action (view, conversation, export-pdf, export-json; list, detail).
  const kind = (e.data as Data)['action'] as string;
  const action = e.type === 'ResponseAccessed' ? `response.${kind}` : e.type === 'InvitationAccessed' ? `invitation.${kind === 'list' ? 'listed' : 'read'}` : rule.action;
  return {
    eventId: e.id,
    districtId: (m.districtId ?? CENTRAL_OFFICE) as NewEntry['districtId'],
    occurredAt: e.occurredAt,
    actor: m.actor,
    action,
    objectType: m.objectType,
    objectId: m.objectId,
    correlationId: e.correlationId,
  };
}
