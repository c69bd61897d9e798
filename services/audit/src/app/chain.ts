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
  return createHash('sha256').update(prevHash).update('|').update(canonicalEntry(f)).digest('hex');
}

/** The canonical form of an entry's recorded fields: the leaf data of its Merkle tree (ADR 0014). */
export function canonicalEntry(f: ChainedFields): string {
  return JSON.stringify([f.id, f.eventId, f.districtId, f.occurredAt, f.actor, f.action, f.objectType, f.objectId, f.correlationId]);
}
