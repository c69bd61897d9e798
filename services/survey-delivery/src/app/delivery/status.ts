import type { InvitationStatus } from '@delaktig/contracts';
import type { SqlExecutor } from '@delaktig/messaging';

/** Order of the answering path (ADR 0009); sent and delivery-failed share a rank. Expired and revoked are terminal. */
export const STATUS_RANK: Record<InvitationStatus, number> = {
  created: 0,
  sent: 1,
  'delivery-failed': 1,
  opened: 2,
  started: 3,
  submitted: 4,
  expired: 9,
  revoked: 9,
};
export const TERMINAL: readonly InvitationStatus[] = ['expired', 'revoked'];

/** Whether an invitation in `from` may move to `to`: never backwards, never out of a terminal status. */
export function canMove(from: InvitationStatus, to: InvitationStatus): boolean {
  if (from === to || TERMINAL.includes(from)) return false;
  if (TERMINAL.includes(to)) return to === 'revoked' || from !== 'submitted';
  return STATUS_RANK[to] >= STATUS_RANK[from];
}

const RANK_SQL = `CASE status WHEN 'created' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivery-failed' THEN 1 WHEN 'opened' THEN 2 WHEN 'started' THEN 3 WHEN 'submitted' THEN 4 ELSE 9 END`;

/**
 * Moves an invitation forward along the answering path in SQL (same rule as {@link canMove});
 * a late or repeated event changes nothing. Returns whether the status changed.
 */
export async function advanceStatus(tx: SqlExecutor, invitationId: string, to: InvitationStatus, at: Date): Promise<boolean> {
  const n = await tx.$executeRawUnsafe(
    `UPDATE invitation SET status = $2, status_at = $3::timestamptz
      WHERE id = $1::uuid AND status <> $2 AND status NOT IN ('expired', 'revoked') AND ${RANK_SQL} <= $4`,
    invitationId,
    to,
    at.toISOString(),
    STATUS_RANK[to],
  );
  return n > 0;
}
