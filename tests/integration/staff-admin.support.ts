import { luhnCheckDigit } from '../../libs/bankid/src/personal-number';
import { demoPersonalNumber, signInWithBankId, targetOf } from '../support/staff-sign-in';
import { api, tokenFor } from './support/api';
import { KEYCLOAK, PROFILE, REALM } from './support/env';

/** Helpers of the staff administration and authorization-matrix tests (issue 3). */

let serialSeq = Math.floor(Math.random() * 900);
/**
 * A valid random personal identity number (12 digits) of someone born in `year` (default
 * 1960–1999); `coordination` gives a coordination number (day + 60).
 */
export function randomPersonalNumber(coordination = false, year = 1960 + Math.floor(Math.random() * 40)): string {
  const month = 1 + Math.floor(Math.random() * 12);
  const day = 1 + Math.floor(Math.random() * 28) + (coordination ? 60 : 0);
  const serial = String(100 + ((serialSeq++ * 7 + Math.floor(Math.random() * 800)) % 900)).padStart(3, '0');
  const nine = `${String(year).slice(2)}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${serial}`;
  return `${year}${nine.slice(2)}${luhnCheckDigit(nine)}`;
}

export function uniqueName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Keycloak's own admin API as the bootstrap admin (master realm): what the tests check the service against. */
export async function keycloakAdmin(method: string, path: string, body?: unknown): Promise<any> {
  const tokenRes = await fetch(`${KEYCLOAK}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: process.env['KEYCLOAK_ADMIN'] ?? 'admin', password: process.env['KEYCLOAK_ADMIN_PASSWORD'] ?? 'admin' }),
  });
  if (!tokenRes.ok) throw new Error(`Keycloak master admin token: ${tokenRes.status}`);
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const res = await fetch(`${KEYCLOAK}/admin/realms/${REALM}${path}`, {
    method,
    headers: { authorization: `Bearer ${access_token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`Keycloak admin ${method} ${path}: ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

export async function keycloakUser(username: string): Promise<any | undefined> {
  const users = (await keycloakAdmin('GET', `/users?exact=true&briefRepresentation=false&username=${encodeURIComponent(username)}`)) as any[];
  return users[0];
}

/** Personal numbers of the staff the tests registered, to sign them in with (simulated) BankID. */
const registeredNumbers = new Map<string, string>();

/**
 * A token for staff registered through the admin API. They have no password: they sign in
 * with the simulated BankID as the person they were registered with (demo staff by their
 * demo person, through tokenFor()).
 */
export async function tokenForRegistered(username: string): Promise<string> {
  const personalNumber = registeredNumbers.get(username);
  if (!personalNumber) return tokenFor(username);
  return (await signInWithBankId(targetOf(PROFILE), personalNumber)).accessToken;
}

/** A fresh BankID sign-in with its refresh token (to prove that deactivation ends the session). */
export async function sessionFor(username: string, personalNumber?: string): Promise<{ access: string; refresh: string }> {
  const pin = personalNumber ?? registeredNumbers.get(username) ?? demoPersonalNumber(username);
  const t = await signInWithBankId(targetOf(PROFILE), pin);
  return { access: t.accessToken, refresh: t.refreshToken };
}

export async function refresh(refreshToken: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${KEYCLOAK}/realms/${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'delaktig-staff', refresh_token: refreshToken }),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

export interface StaffInput {
  username: string;
  givenName: string;
  familyName: string;
  role: string;
  unit?: string | null;
  districtId?: string;
  personalNumber?: string;
}

function rememberNumber(username: string, personalNumber: string): string {
  registeredNumbers.set(username, personalNumber);
  return personalNumber;
}

/** Registers a staff member through the admin API, or finds (and reactivates) them when an earlier run did. */
export async function ensureStaff(adminToken: string, input: StaffInput): Promise<any> {
  const listed = await api('GET', `/api/v1/admin/staff${input.districtId ? `?districtId=${input.districtId}` : ''}`, { token: adminToken });
  if (listed.status !== 200) throw new Error(`list staff: ${listed.status} ${JSON.stringify(listed.body)}`);
  let entry = (listed.body.items as any[]).find((s) => s.username === input.username);
  if (!entry) {
    const r = await api('POST', '/api/v1/admin/staff', {
      token: adminToken,
      body: {
        givenName: input.givenName,
        familyName: input.familyName,
        email: `${input.username}@delaktig.example`,
        username: input.username,
        personalNumber: rememberNumber(input.username, input.personalNumber ?? randomPersonalNumber()),
        role: input.role,
        unit: input.unit ?? null,
        ...(input.districtId ? { districtId: input.districtId } : {}),
      },
    });
    if (r.status !== 201) throw new Error(`register ${input.username}: ${r.status} ${JSON.stringify(r.body)}`);
    entry = r.body;
  }
  if (entry.status === 'deactivated') {
    const r = await api('POST', `/api/v1/admin/staff/${entry.id}/reactivate`, { token: adminToken });
    if (r.status !== 200) throw new Error(`reactivate ${input.username}: ${r.status}`);
    entry = r.body;
  }
  return entry;
}
