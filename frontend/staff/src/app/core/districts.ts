/**
 * Stockholm's districts and the central office, for choosers in the staff UI. A copy of
 * `DISTRICTS` in libs/contracts (the UI does not bundle the contracts library and its zod
 * schemas); districts.spec.ts fails when the two differ.
 */
export const DISTRICTS: readonly { id: string; name: string }[] = [
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
];

/** The city districts without the central office (statistics per district). */
export const CITY_DISTRICTS = DISTRICTS.filter((d) => d.id !== 'central');
