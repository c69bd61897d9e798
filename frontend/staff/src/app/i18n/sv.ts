/**
 * Swedish (default) UI texts. Every other language must have the same keys:
 * see `Dictionary` below, which `en.ts` is typed against.
 */
export const sv = {
  app: {
    name: 'Delaktig',
    skipToMain: 'Hoppa till huvudinnehållet',
    signOut: 'Logga ut',
    signedInAs: 'Inloggad som',
    district: 'Stadsdel',
    language: 'Språk',
    loadingUser: 'Hämtar dina uppgifter…',
    userError: 'Kunde inte hämta dina uppgifter. Ladda om sidan för att försöka igen.',
    authPending: 'Loggar in…',
    authError: 'Inloggningen är inte tillgänglig just nu.',
    retry: 'Försök igen',
  },
  start: {
    title: 'Översikt',
    readOnlyNote: 'Din roll kan se statistik men inte skapa inbjudningar.',
  },
  stats: {
    title: 'Inbjudningar i {{district}}',
    titleNoDistrict: 'Inbjudningar',
    loading: 'Hämtar statistik…',
    error: 'Kunde inte hämta statistiken.',
    staleError: 'Kunde inte uppdatera statistiken. Siffran kan vara inaktuell.',
    countLabel: 'Skapade inbjudningar totalt',
    empty: 'Inga inbjudningar har skapats ännu i stadsdelen.',
    lastEvent: 'Senaste händelse: {{time}}',
    autoRefresh: 'Uppdateras automatiskt.',
  },
  form: {
    title: 'Ny inbjudan',
    allRequired: 'Alla fält måste fyllas i.',
    caseReference: 'Ärendereferens',
    caseReferenceHint: 'Från ärendesystemet. Bokstäver A–Z, siffror, bindestreck och snedstreck, högst 40 tecken.',
    birthYear: 'Födelseår',
    birthYearHint: 'Fyra siffror, till exempel 2015.',
    ageBand: 'Åldersgrupp',
    ageBand611: '6–11 år',
    ageBand1218: '12–18 år',
    submit: 'Skapa inbjudan',
    busy: 'Skapar inbjudan…',
    success: 'Inbjudan är skapad. Id: {{id}}',
    fixErrors: 'Inbjudan skapades inte. Rätta felen nedan.',
  },
  errors: {
    required: 'Fältet måste fyllas i.',
    maxLength: 'Högst {{max}} tecken.',
    pattern: 'Använd bara bokstäver A–Z, siffror, bindestreck (-) och snedstreck (/).',
    birthYearRange: 'Ange ett år mellan {{min}} och {{max}}.',
    integer: 'Ange ett helt år med fyra siffror.',
    invalid: 'Värdet är inte giltigt.',
    tooSmall: 'Värdet är för litet.',
    tooBig: 'Värdet är för stort.',
    yearFrom: 'Året måste vara {{year}} eller senare.',
    yearTo: 'Året måste vara {{year}} eller tidigare.',
    ageBandMismatch: 'Åldersgruppen stämmer inte med födelseåret {{year}}.',
    notFound: 'Det du letar efter finns inte.',
    notAllowed: 'Välj ett av alternativen.',
    duplicate: 'Det finns redan en inbjudan med det värdet.',
    network: 'Kunde inte nå servern. Kontrollera anslutningen och försök igen.',
    unauthorized: 'Din inloggning har gått ut. Logga in igen.',
    forbidden: 'Du har inte behörighet att göra det här.',
    validation: 'Uppgifterna kunde inte sparas. Rätta felen nedan.',
    conflict: 'Det finns redan en inbjudan som krockar med den här.',
    rateLimited: 'För många försök. Vänta en stund och försök igen.',
    server: 'Något gick fel hos oss. Försök igen om en stund.',
    unknown: 'Något gick fel. Försök igen.',
  },
  list: {
    title: 'Stadsdelens inbjudningar',
    loading: 'Hämtar inbjudningar…',
    error: 'Kunde inte hämta inbjudningarna.',
    empty: 'Det finns inga inbjudningar ännu.',
    caseReference: 'Ärendereferens',
    birthYear: 'Födelseår',
    ageBand: 'Åldersgrupp',
    createdAt: 'Skapad',
    id: 'Id',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language file must have. */
export type Dictionary = Widen<typeof sv>;
