/**
 * Demo data for the development stack, created through the public API as the demo
 * caseworkers would (so events, statistics and audit entries are real). Idempotent: a
 * caseworker who already has invitations gets none added. Districts, units and staff
 * come from the Keycloak realm (infra/keycloak/realm-delaktig.json).
 */
import { staffToken } from '../tests/support/staff-sign-in';

const GATEWAY = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:3000';
/** The profile whose stack (Keycloak realm, BankID simulator) is signed in to; default dev. */
const PROFILE = process.env['DELAKTIG_PROFILE'] ?? 'dev';

/** Each caseworker signs in with the simulated BankID of their demo person; no passwords. */
function token(username: string): Promise<string> {
  return staffToken(username, PROFILE);
}

async function call(method: string, path: string, bearer: string, body?: unknown) {
  const res = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

const year = new Date().getUTCFullYear();
const demo: Record<string, { caseReference: string; birthYear: number; ageBand: '6-11' | '12-18' }[]> = {
  'handlaggare.skarpnack': [
    { caseReference: 'SKA-2026-0141', birthYear: year - 8, ageBand: '6-11' },
    { caseReference: 'SKA-2026-0157', birthYear: year - 14, ageBand: '12-18' },
    { caseReference: 'SKA-2026-0163', birthYear: year - 10, ageBand: '6-11' },
  ],
  'handlaggare.norrmalm': [
    { caseReference: 'NOR-2026-0032', birthYear: year - 16, ageBand: '12-18' },
    { caseReference: 'NOR-2026-0047', birthYear: year - 7, ageBand: '6-11' },
  ],
};

async function main() {
  for (const [user, invitations] of Object.entries(demo)) {
    const t = await token(user);
    const existing = await call('GET', '/api/v1/invitations', t);
    if (existing.items.length > 0) {
      console.log(`${user}: has ${existing.items.length} invitations already`);
      continue;
    }
    for (const inv of invitations) await call('POST', '/api/v1/invitations', t, inv);
    console.log(`${user}: created ${invitations.length} demo invitations`);
  }
}

main().catch((e) => {
  console.error(`seed failed: ${(e as Error).message}`);
  process.exit(1);
});
