import type { Identity } from '@delaktig/service-kit';

/** An invitation, response or alert id as it may appear in a path. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which invitations a staff member reaches (ADR 0009): a caseworker those they created, a
 * unit lead those of their unit (and their own), always within their district; other
 * roles none. Returns a SQL condition on the given columns with its parameters.
 */
export function staffScope(
  who: Identity,
  cols: { district: string; creator: string; unit: string },
  firstParam: number,
): { sql: string; params: unknown[] } | null {
  const p = (n: number) => `$${firstParam + n}`;
  const isLead = who.roles.includes('unit-lead') && who.unitId;
  if (isLead) return { sql: `${cols.district} = ${p(0)} AND (${cols.unit} = ${p(1)} OR ${cols.creator} = ${p(2)})`, params: [who.districtId, who.unitId, who.sub] };
  if (who.roles.includes('caseworker')) return { sql: `${cols.district} = ${p(0)} AND ${cols.creator} = ${p(1)}`, params: [who.districtId, who.sub] };
  return null;
}

