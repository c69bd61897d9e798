import type { DistrictId, StaffRole } from '@delaktig/contracts';
import { createHash } from 'node:crypto';

export interface DemoStaff {
  keycloakUsername: string;
  /** As in the realm file and the simulator's test person, so the admin list shows real names. */
  givenName: string;
  familyName: string;
  districtId: DistrictId;
  unit: string | null;
  role: StaffRole;
  /** A fictional test person of the BankID simulator (libs/bankid simulator/test-persons.ts). */
  personalNumber: string;
  status: 'active' | 'deactivated';
  /** Work contact for safety alerts: @example.se goes to maildev, 070-… to the SMS simulator. */
  email: string;
  /** Never ending in 0000–0002: the SMS simulator's failure hooks (services/survey-delivery/simulator). */
  workMobile: string;
}

/**
 * The demo staff of the development realm (infra/keycloak/realm-delaktig.json), each with the
 * simulator test person of the same name, and one deactivated former caseworker. Johan
 * Lindqvist is the central admin (admin.central), Fatima Hassan Norrmalm's auditor
 * (revisor.norrmalm); Anna Andersson, Maja Nilsson and Amira Yusuf stay unregistered.
 */
export const DEMO_STAFF: readonly DemoStaff[] = [
  { keycloakUsername: 'handlaggare.skarpnack', givenName: 'Sara', familyName: 'Lindqvist', districtId: 'skarpnack', unit: 'Barn och unga 1', role: 'caseworker', personalNumber: '197803159826', status: 'active', email: 'sara.lindqvist@example.se', workMobile: '+46701001001' },
  { keycloakUsername: 'enhetschef.skarpnack', givenName: 'Johan', familyName: 'Bergström', districtId: 'skarpnack', unit: 'Barn och unga 1', role: 'unit-lead', personalNumber: '197111229915', status: 'active', email: 'johan.bergstrom@example.se', workMobile: '+46701001002' },
  { keycloakUsername: 'admin.skarpnack', givenName: 'Maria', familyName: 'Nyström', districtId: 'skarpnack', unit: null, role: 'district-admin', personalNumber: '196906079840', status: 'active', email: 'maria.nystrom@example.se', workMobile: '+46701001003' },
  { keycloakUsername: 'revisor.skarpnack', givenName: 'Lars', familyName: 'Holmberg', districtId: 'skarpnack', unit: null, role: 'auditor', personalNumber: '196302199937', status: 'active', email: 'lars.holmberg@example.se', workMobile: '+46701001004' },
  { keycloakUsername: 'handlaggare.norrmalm', givenName: 'Emma', familyName: 'Sjöberg', districtId: 'norrmalm', unit: 'Barn och unga Norrmalm', role: 'caseworker', personalNumber: '198909049861', status: 'active', email: 'emma.sjoberg@example.se', workMobile: '+46701001005' },
  { keycloakUsername: 'admin.norrmalm', givenName: 'Anders', familyName: 'Wikström', districtId: 'norrmalm', unit: null, role: 'district-admin', personalNumber: '197501289958', status: 'active', email: 'anders.wikstrom@example.se', workMobile: '+46701001006' },
  { keycloakUsername: 'analytiker.central', givenName: 'Karin', familyName: 'Ekström', districtId: 'central', unit: null, role: 'central-analyst', personalNumber: '198207119887', status: 'active', email: 'karin.ekstrom@example.se', workMobile: '+46701001007' },
  { keycloakUsername: 'revisor.central', givenName: 'Per', familyName: 'Åkesson', districtId: 'central', unit: null, role: 'auditor', personalNumber: '195804309978', status: 'active', email: 'per.akesson@example.se', workMobile: '+46701001008' },
  // The central office's admin (manages district admins) and Norrmalm's auditor.
  { keycloakUsername: 'admin.central', givenName: 'Johan', familyName: 'Lindqvist', districtId: 'central', unit: null, role: 'district-admin', personalNumber: '197909179918', status: 'active', email: 'johan.lindqvist@example.se', workMobile: '+46701001009' },
  { keycloakUsername: 'revisor.norrmalm', givenName: 'Fatima', familyName: 'Hassan', districtId: 'norrmalm', unit: null, role: 'auditor', personalNumber: '199206309842', status: 'active', email: 'fatima.hassan@example.se', workMobile: '+46701001010' },
  // Erik Eriksson left Skarpnäck: still in the registry, deactivated.
  { keycloakUsername: 'tidigare.skarpnack', givenName: 'Erik', familyName: 'Eriksson', districtId: 'skarpnack', unit: 'Barn och unga 1', role: 'caseworker', personalNumber: '198112289874', status: 'deactivated', email: 'erik.eriksson@example.se', workMobile: '+46701001011' },
];

/** Namespace of the demo staff ids (UUID version 5, RFC 9562). */
const DEMO_STAFF_NAMESPACE = 'f3c1a7e2-5b1d-4c39-9a51-3d0e6f2b8c47';

/**
 * A demo staff member's registry id, the same in every fresh database (UUID v5 of the
 * Keycloak username): Keycloak links a BankID login to its user by the ID token's `sub`, so a
 * development or test database that is dropped and seeded again must give the same ids.
 */
export function demoStaffId(keycloakUsername: string): string {
  const ns = Buffer.from(DEMO_STAFF_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(Buffer.concat([ns, Buffer.from(keycloakUsername, 'utf8')])).digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50; // version 5
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
