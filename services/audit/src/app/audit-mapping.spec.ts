import { EVENT_CATALOG, type EventEnvelope } from '@delaktig/contracts';
import { AUDIT_ACTIONS, auditEntryFor, NOT_AUDITED } from './audit-mapping';

const base = {
  id: '00000000-0000-4000-8000-000000000001',
  occurredAt: '2026-11-22T10:00:00.000Z',
  key: 'k',
  source: 'test',
  correlationId: 'corr-1',
  causationId: null,
  traceparent: null,
};
const inv = '00000000-0000-4000-8000-0000000000aa';

describe('audit mapping', () => {
  it('covers every event of the catalogue, so nothing auditable is skipped', () => {
    const missing = EVENT_CATALOG.map((d) => `${d.type}@${d.version}`).filter((k) => !AUDIT_ACTIONS[k] && !NOT_AUDITED.includes(k));
    expect(missing).toEqual([]);
  });

  it("records who revoked an invitation, in the invitation's district chain", () => {
    const e: EventEnvelope = {
      ...base,
      type: 'InvitationRevoked',
      version: 1,
      data: { invitationId: inv, districtId: 'skarpnack', revokedBy: 'staff-7', revokedAt: base.occurredAt },
    };
    expect(auditEntryFor(e)).toMatchObject({ districtId: 'skarpnack', actor: 'staff-7', action: 'invitation.revoked', objectType: 'invitation', objectId: inv });
  });

  it('names the kind of access when staff read or export answers', () => {
    const e: EventEnvelope = {
      ...base,
      type: 'ResponseAccessed',
      version: 1,
      data: { invitationId: inv, districtId: 'norrmalm', actor: 'staff-3', action: 'export-pdf', at: base.occurredAt },
    };
    expect(auditEntryFor(e)).toMatchObject({ districtId: 'norrmalm', actor: 'staff-3', action: 'response.export-pdf' });
  });

  it('puts refused sign-ins of unknown people in the central office chain', () => {
    const e: EventEnvelope = {
      ...base,
      type: 'StaffSignIn',
      version: 1,
      data: { outcome: 'refused-unregistered', staffId: null, districtId: null, at: base.occurredAt },
    };
    expect(auditEntryFor(e)).toMatchObject({ districtId: 'central', actor: 'unknown', action: 'staff.sign-in', objectId: 'refused-unregistered' });
  });

  it('ignores events it does not know', () => {
    expect(auditEntryFor({ ...base, type: 'SomethingElse', version: 1, data: {} })).toBeUndefined();
  });
});
