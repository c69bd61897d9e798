import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: string;
  eventId: string;
  districtId: string;
  occurredAt: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  correlationId: string;
}

/** hash = sha256(prevHash | canonical fields). Changing, inserting or removing an entry breaks every later hash. */
export function chainHash(prevHash: string, f: ChainedFields): string {
  const canonical = JSON.stringify([f.id, f.eventId, f.districtId, f.occurredAt, f.actor, f.action, f.objectType, f.objectId, f.correlationId]);
  return createHash('sha256').update(prevHash).update('|').update(canonical).digest('hex');
}
