import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@delaktig/contracts';
import { mergeProgress, progressOf } from './progress';

const at = '2026-11-22T10:00:00.000Z';
const ev = (type: string, version: number, data: Record<string, unknown>): EventEnvelope =>
  ({ id: randomUUID(), type, version, occurredAt: at, data }) as unknown as EventEnvelope;
const ref = { invitationId: randomUUID(), districtId: 'farsta' };

describe('participation steps of an event', () => {
  it('counts invitations created by InvitationCreated v1 and v2, keeping the questionnaire version', () => {
    const versionId = randomUUID();
    expect(progressOf(ev('InvitationCreated', 1, { ...ref, createdAt: at, questionnaireVersionId: versionId }))).toMatchObject({ step: 'created', questionnaireVersionId: versionId });
    expect(progressOf(ev('InvitationCreated', 2, { ...ref, createdAt: at, questionnaireVersionId: versionId }))).toMatchObject({ step: 'created', at });
  });

  it('counts the invitation message and resends as sent, but not reminders or feedback notices', () => {
    expect(progressOf(ev('InvitationSent', 1, { ...ref, purpose: 'invitation', sentAt: at }))?.step).toBe('sent');
    expect(progressOf(ev('InvitationSent', 1, { ...ref, purpose: 'resend', sentAt: at }))?.step).toBe('sent');
    expect(progressOf(ev('InvitationSent', 1, { ...ref, purpose: 'reminder', sentAt: at }))).toBeNull();
    expect(progressOf(ev('InvitationSent', 1, { ...ref, purpose: 'feedback-notice', sentAt: at }))).toBeNull();
  });

  it('counts only final delivery failures of the invitation', () => {
    expect(progressOf(ev('InvitationDeliveryFailed', 1, { ...ref, purpose: 'invitation', failedAt: at, final: true }))?.step).toBe('deliveryFailed');
    expect(progressOf(ev('InvitationDeliveryFailed', 1, { ...ref, purpose: 'invitation', failedAt: at, final: false }))).toBeNull();
  });

  it('maps opened, submitted, expired, revoked, feedback and rating', () => {
    expect(progressOf(ev('InvitationOpened', 1, { ...ref, openedAt: at }))?.step).toBe('opened');
    expect(progressOf(ev('ResponseSubmitted', 1, { ...ref, responseId: randomUUID(), submittedAt: at }))?.step).toBe('submitted');
    expect(progressOf(ev('InvitationExpired', 1, { ...ref, expiredAt: at }))?.step).toBe('expired');
    expect(progressOf(ev('InvitationRevoked', 1, { ...ref, revokedAt: at }))?.step).toBe('revoked');
    expect(progressOf(ev('FeedbackGiven', 1, { ...ref, givenAt: at }))?.step).toBe('feedbackGiven');
    expect(progressOf(ev('InvolvementRated', 1, { ...ref, ratedAt: at, rating: '4' }))).toMatchObject({ step: 'rated', rating: '4' });
    expect(progressOf(ev('ResponseAccessed', 1, { ...ref, at }))).toBeNull();
  });
});

describe('a batch merged to one update per invitation and step', () => {
  const inv = randomUUID();
  it('keeps the earliest time of a step and the first known details', () => {
    const merged = mergeProgress([
      { invitationId: inv, districtId: 'farsta', step: 'sent', at: '2026-11-22T10:05:00.000Z' },
      { invitationId: inv, districtId: 'farsta', step: 'sent', at: '2026-11-22T10:01:00.000Z' },
      { invitationId: inv, districtId: 'farsta', step: 'created', at: at, unitId: null },
      { invitationId: inv, districtId: 'farsta', step: 'created', at: at, unitId: 'Enhet 1', childRef: 'c1' },
    ]);
    expect(merged.get('sent')).toEqual([expect.objectContaining({ at: '2026-11-22T10:01:00.000Z' })]);
    expect(merged.get('created')).toEqual([expect.objectContaining({ unitId: 'Enhet 1', childRef: 'c1' })]);
  });

  it('keeps the newest rating (a child may change it)', () => {
    const merged = mergeProgress([
      { invitationId: inv, districtId: 'farsta', step: 'rated', at: '2026-11-22T10:05:00.000Z', rating: 'good' },
      { invitationId: inv, districtId: 'farsta', step: 'rated', at: '2026-11-22T10:01:00.000Z', rating: 'bad' },
      { invitationId: randomUUID(), districtId: 'farsta', step: 'rated', at, rating: 'ok' },
    ]);
    expect(merged.get('rated')?.map((u) => u.rating)).toEqual(['good', 'ok']);
  });
});
