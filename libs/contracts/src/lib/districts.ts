/** Stockholm's districts (stadsdelsförvaltningar) and the central office, by id. */
export const DISTRICTS = [
  { id: 'bromma', name: 'Bromma' },
  { id: 'enskede-arsta-vantor', name: 'Enskede-Årsta-Vantör' },
  { id: 'farsta', name: 'Farsta' },
  { id: 'hagersten-alvsjo', name: 'Hägersten-Älvsjö' },
  { id: 'hasselby-vallingby', name: 'Hässelby-Vällingby' },
  { id: 'kungsholmen', name: 'Kungsholmen' },
  { id: 'norrmalm', name: 'Norrmalm' },
  { id: 'rinkeby-kista', name: 'Rinkeby-Kista' },
  { id: 'skarpnack', name: 'Skarpnäck' },
  { id: 'skarholmen', name: 'Skärholmen' },
  { id: 'spanga-tensta', name: 'Spånga-Tensta' },
  { id: 'sodermalm', name: 'Södermalm' },
  { id: 'ostermalm', name: 'Östermalm' },
  { id: 'central', name: 'Socialförvaltningen' },
] as const;

export type DistrictId = (typeof DISTRICTS)[number]['id'];
export const CENTRAL_OFFICE: DistrictId = 'central';

export const DISTRICT_IDS = DISTRICTS.map((d) => d.id) as unknown as readonly [DistrictId, ...DistrictId[]];

export function districtName(id: string): string | undefined {
  return DISTRICTS.find((d) => d.id === id)?.name;
}

export const STAFF_ROLES = ['caseworker', 'unit-lead', 'district-admin', 'central-analyst', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
