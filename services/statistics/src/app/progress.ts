import {
  FeedbackGivenV1,
  InvitationCreatedV1,
  InvitationCreatedV2,
  InvitationDeliveryFailedV1,
  InvitationExpiredV1,
  InvitationOpenedV1,
  InvitationRevokedV1,
  InvitationSentV1,
  InvolvementRatedV1,
  isEvent,
  ResponseSubmittedV1,
  SafetyAlertAcknowledgedV1,
  SafetyAlertRaisedV1,
  type EventEnvelope,
} from '@delaktig/contracts';

/** The steps of an invitation's way that the participation indicator counts. */
export const PARTICIPATION_STEPS = ['created', 'sent', 'deliveryFailed', 'opened', 'submitted', 'expired', 'revoked', 'feedbackGiven', 'rated', 'alertRaised', 'alertAcknowledged'] as const;
export type ParticipationStep = (typeof PARTICIPATION_STEPS)[number];

/** Column of `invitation_progress` holding when each step first happened. */
export const STEP_COLUMN: Record<ParticipationStep, string> = {
  created: 'created_at',
  sent: 'sent_at',
  deliveryFailed: 'delivery_failed_at',
  opened: 'opened_at',
  submitted: 'submitted_at',
  expired: 'expired_at',
  revoked: 'revoked_at',
  feedbackGiven: 'feedback_at',
  rated: 'rated_at',
  alertRaised: 'alert_raised_at',
  alertAcknowledged: 'alert_acknowledged_at',
};

export interface ProgressUpdate {
  invitationId: string;
  districtId: string;
  step: ParticipationStep;
  at: string;
  questionnaireVersionId?: string;
  rating?: string;
  /** Pseudonymous key of the child in the district (InvitationCreated v2). */
  childRef?: string;
  /** The caseworker's unit (InvitationCreated). */
  unitId?: string | null;
  /** The booked meeting (InvitationCreated v2, when given). */
  meetingDate?: string | null;
}

/**
 * What an event says about an invitation's progress, or null when it does not count:
 * resends count as "sent"; only final failures of the invitation message count as
 * "delivery failed" (reminders and feedback notices are not the invitation).
 */
export function progressOf(e: EventEnvelope): ProgressUpdate | null {
  if (isEvent(e, InvitationCreatedV1)) {
    const d = e.data;
    return { invitationId: d.invitationId, districtId: d.districtId, step: 'created', at: d.createdAt, questionnaireVersionId: d.questionnaireVersionId, unitId: d.unitId };
  }
  if (isEvent(e, InvitationCreatedV2)) {
    const d = e.data;
    return { invitationId: d.invitationId, districtId: d.districtId, step: 'created', at: d.createdAt, questionnaireVersionId: d.questionnaireVersionId, childRef: d.childRef, unitId: d.unitId, meetingDate: d.meetingDate ?? null };
  }
  if (isEvent(e, InvitationSentV1)) {
    if (e.data.purpose !== 'invitation' && e.data.purpose !== 'resend') return null;
    return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'sent', at: e.data.sentAt };
  }
  if (isEvent(e, InvitationDeliveryFailedV1)) {
    if (!e.data.final || (e.data.purpose !== 'invitation' && e.data.purpose !== 'resend')) return null;
    return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'deliveryFailed', at: e.data.failedAt };
  }
  if (isEvent(e, InvitationOpenedV1)) return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'opened', at: e.data.openedAt };
  if (isEvent(e, ResponseSubmittedV1)) {
    return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'submitted', at: e.data.submittedAt, questionnaireVersionId: e.data.questionnaireVersionId };
  }
  if (isEvent(e, InvitationExpiredV1)) return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'expired', at: e.data.expiredAt };
  if (isEvent(e, InvitationRevokedV1)) return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'revoked', at: e.data.revokedAt };
  if (isEvent(e, FeedbackGivenV1)) return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'feedbackGiven', at: e.data.givenAt };
  if (isEvent(e, SafetyAlertRaisedV1)) return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'alertRaised', at: e.data.raisedAt, unitId: e.data.unitId };
  if (isEvent(e, SafetyAlertAcknowledgedV1)) return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'alertAcknowledged', at: e.data.acknowledgedAt };
  if (isEvent(e, InvolvementRatedV1)) {
    return { invitationId: e.data.invitationId, districtId: e.data.districtId, step: 'rated', at: e.data.ratedAt, rating: e.data.rating };
  }
  return null;
}

/**
 * A batch's updates merged to one per invitation and step, as applying them one after another
 * would leave them: the earliest time of a step (the newest for a rating, with its rating), and
 * the first known version, child ref, unit and meeting date. One upsert per step can then take a
 * whole batch (an upsert may touch each row only once).
 */
export function mergeProgress(updates: ProgressUpdate[]): Map<ParticipationStep, ProgressUpdate[]> {
  const byStep = new Map<ParticipationStep, Map<string, ProgressUpdate>>();
  for (const u of updates) {
    const step = byStep.get(u.step) ?? byStep.set(u.step, new Map()).get(u.step)!;
    const known = step.get(u.invitationId);
    if (!known) {
      step.set(u.invitationId, { ...u });
      continue;
    }
    if (u.step === 'rated') {
      if (u.at >= known.at) Object.assign(known, { at: u.at, rating: u.rating });
      continue;
    }
    if (u.at < known.at) known.at = u.at;
    known.questionnaireVersionId ??= u.questionnaireVersionId;
    known.childRef ??= u.childRef;
    known.unitId ??= u.unitId;
    known.meetingDate ??= u.meetingDate;
  }
  return new Map([...byStep].map(([s, m]) => [s, [...m.values()]]));
}
