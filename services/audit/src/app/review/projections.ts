import type { EventEnvelope } from '@delaktig/contracts';
import type { SqlExecutor } from '@delaktig/messaging';

type Data = Record<string, unknown>;

/**
 * Keeps the log review's projections (ADR 0016) in step with the events audit consumes, in
 * the same transaction as their audit entries: invitation → district, unit, creator, child
 * key and end; staff → district, role, unit. Nothing here is part of the tamper-evident log.
 */
export async function applyProjections(tx: SqlExecutor, events: EventEnvelope[]): Promise<void> {
  for (const e of events) {
    const d = e.data as Data;
    switch (`${e.type}@${e.version}`) {
      case 'InvitationCreated@1':
      case 'InvitationCreated@2':
        await tx.$executeRawUnsafe(
          `INSERT INTO audit_invitation (invitation_id, district_id, unit_id, created_by, child_ref, created_at)
           VALUES ($1::uuid, $2, $3, $4, $5, $6::timestamptz)
           ON CONFLICT (invitation_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, child_ref = COALESCE(EXCLUDED.child_ref, audit_invitation.child_ref)`,
          d['invitationId'],
          d['districtId'],
          (d['unitId'] as string | null) ?? null,
          d['createdBy'],
          (d['childRef'] as string | undefined) ?? null,
          d['createdAt'],
        );
        break;
      case 'InvitationRevoked@1':
      case 'InvitationExpired@1': {
        const at = (d['revokedAt'] ?? d['expiredAt']) as string;
        await tx.$executeRawUnsafe(
          `UPDATE audit_invitation SET closed_at = $2::timestamptz, closed_reason = $3 WHERE invitation_id = $1::uuid AND closed_at IS NULL`,
          d['invitationId'],
          at,
          e.type === 'InvitationRevoked' ? 'revoked' : 'expired',
        );
        break;
      }
      case 'InvitationExtended@1':
        // A new expiry reopens an expired invitation (a revoked one stays ended).
        await tx.$executeRawUnsafe(
          `UPDATE audit_invitation SET closed_at = NULL, closed_reason = NULL WHERE invitation_id = $1::uuid AND closed_reason = 'expired' AND $2::timestamptz > closed_at`,
          d['invitationId'],
          d['expiresAt'],
        );
        break;
      case 'ResponseAccessed@2':
        // The capacity in which the reader last read (role and unit), for staff the registry events never named (ADR 0016).
        await tx.$executeRawUnsafe(
          `INSERT INTO audit_staff (staff_id, district_id, role, unit_id, active, updated_at) VALUES ($1, $2, $3, $4, true, $5::timestamptz)
           ON CONFLICT (staff_id) DO UPDATE SET role = EXCLUDED.role, unit_id = EXCLUDED.unit_id, updated_at = EXCLUDED.updated_at
           WHERE audit_staff.updated_at <= EXCLUDED.updated_at`,
          d['actor'],
          d['districtId'],
          d['actorRole'],
          (d['actorUnitId'] as string | null) ?? null,
          d['at'],
        );
        break;
      case 'StaffRegistered@1':
      case 'StaffDeactivated@1':
      case 'StaffReactivated@1':
        await tx.$executeRawUnsafe(
          `INSERT INTO audit_staff (staff_id, district_id, role, unit_id, active, updated_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
           ON CONFLICT (staff_id) DO UPDATE SET district_id = EXCLUDED.district_id, role = EXCLUDED.role, unit_id = EXCLUDED.unit_id, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
           WHERE audit_staff.updated_at <= EXCLUDED.updated_at`,
          d['staffId'],
          d['districtId'],
          d['role'],
          (d['unitId'] as string | null) ?? null,
          e.type !== 'StaffDeactivated',
          d['at'],
        );
        break;
    }
  }
}
