import type { DistrictId, StaffRole } from '@delaktig/contracts';

export interface DemoStaff {
  keycloakUsername: string;
  districtId: DistrictId;
  unit: string | null;
  role: StaffRole;
  /** A fictional test person of the BankID simulator (libs/bankid simulator/test-persons.ts). */
  personalNumber: string;
  status: 'active' | 'deactivated';
}

/**
 * The demo staff of the development realm (infra/keycloak/realm-delaktig.json), each with the
 * simulator test person of the same name, and one deactivated former caseworker. Anna
 * Andersson, Fatima Hassan, Johan Lindqvist, Maja Nilsson and Amira Yusuf stay unregistered.
 */
export const DEMO_STAFF: readonly DemoStaff[] = [
  { keycloakUsername: 'handlaggare.skarpnack', districtId: 'skarpnack', unit: 'Barn och unga 1', role: 'caseworker', personalNumber: '197803159826', status: 'active' },
  { keycloakUsername: 'enhetschef.skarpnack', districtId: 'skarpnack', unit: 'Barn och unga 1', role: 'unit-lead', personalNumber: '197111229915', status: 'active' },
  { keycloakUsername: 'admin.skarpnack', districtId: 'skarpnack', unit: null, role: 'district-admin', personalNumber: '196906079840', status: 'active' },
  { keycloakUsername: 'revisor.skarpnack', districtId: 'skarpnack', unit: null, role: 'auditor', personalNumber: '196302199937', status: 'active' },
  { keycloakUsername: 'handlaggare.norrmalm', districtId: 'norrmalm', unit: 'Barn och unga Norrmalm', role: 'caseworker', personalNumber: '198909049861', status: 'active' },
  { keycloakUsername: 'admin.norrmalm', districtId: 'norrmalm', unit: null, role: 'district-admin', personalNumber: '197501289958', status: 'active' },
  { keycloakUsername: 'analytiker.central', districtId: 'central', unit: null, role: 'central-analyst', personalNumber: '198207119887', status: 'active' },
  { keycloakUsername: 'revisor.central', districtId: 'central', unit: null, role: 'auditor', personalNumber: '195804309978', status: 'active' },
  // Erik Eriksson left Skarpnäck: still in the registry, deactivated.
  { keycloakUsername: 'tidigare.skarpnack', districtId: 'skarpnack', unit: 'Barn och unga 1', role: 'caseworker', personalNumber: '198112289874', status: 'deactivated' },
];
