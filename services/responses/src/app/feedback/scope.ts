import type { Identity } from '@delaktig/service-kit';
import { staffScope } from '../scope';

export { UUID_RE } from '../scope';

/** Which invitations (alias `i`) a staff member reaches for casework: the same rule as alerts and answers. */
export function caseScope(who: Identity, firstParam: number): { sql: string; params: unknown[] } | null {
  return staffScope(who, { district: 'i.district_id', creator: 'i.created_by', unit: 'i.unit_id' }, firstParam);
}
