import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { Session } from '../core/session';
import { ParticipationView } from './participation-view';
import type { ParticipationPeriods, ParticipationTable } from './statistics-api';

jest.setTimeout(30_000);

const counts = {
  created: 12, sent: 11, deliveryFailed: '<5', opened: 9, submitted: 7, answeredBeforeMeeting: 6, expired: 0, revoked: '<5', feedbackGiven: 5, rated: '<5',
  alertRaised: '<5', alertAcknowledged: '<5', alertAcknowledgedInTime: 0,
} as const;
const ratings = { '1': 0, '2': 0, '3': '<5', '4': '<5', '5': 0, 'dont-know': 0 } as const;
const table = (ids: string[], unitId: string | null = null): ParticipationTable => ({ months: 12, unitId, rows: ids.map((districtId) => ({ districtId, counts, ratings })), total: { counts, ratings } });
const data = (districtId: string | null): ParticipationPeriods => ({ districtId, months: 12, periods: [{ period: '2026-11', counts, ratings }], total: { counts, ratings } });

async function setup(roles: string[], districtId: string) {
  TestBed.configureTestingModule({ imports: [ParticipationView], providers: testProviders() });
  TestBed.inject(Session).me.set({ subject: 's', name: null, districtId, districtName: 'Farsta', unit: null, roles });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ParticipationView);
  await fixture.whenStable();
  await flushMicrotasks();
  return { fixture, backend, host: fixture.nativeElement as HTMLElement };
}

describe('ParticipationView', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it("shows a district admin their district's counts per month, small cells as <5", async () => {
    const { fixture, backend, host } = await setup(['district-admin'], 'farsta');
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar statistik…');
    backend.expectOne(`${API}/statistics/participation/table?months=12`).flush(table(['farsta']));
    backend.expectOne(`${API}/statistics/participation/periods?months=12`).flush(data('farsta'));
    await fixture.whenStable();
    expect(host.querySelector('#stat-district')).toBeNull();
    expect(text(host.querySelector('.filters'))).toContain('Farsta');
    const headers = Array.from(host.querySelectorAll('[data-testid=statistics-table] thead th')).map(text);
    expect(headers).toEqual([
      'Månad', 'Skapade', 'Skickade', 'Gick inte fram', 'Öppnade', 'Besvarade', 'Besvarade före mötet', 'Gick ut', 'Återkallade', 'Återkoppling given', 'Betyg givna',
      'Med oroslarm', 'Larm kvitterade', 'Larm kvitterade inom 60 min',
    ]);
    // The district's row of the table per district.
    expect(text(host.querySelector('[data-testid=stat-participation-table] tbody th'))).toBe('Farsta');
    expect(text(host.querySelector('[data-testid="dcell-farsta-answeredBeforeMeeting"]'))).toBe('6');
    expect(text(host.querySelector('[data-testid="cell-2026-11-created"]'))).toBe('12');
    expect(text(host.querySelector('[data-testid="cell-2026-11-deliveryFailed"]'))).toBe('<5');
    expect(text(host.querySelector('[data-testid=ratings-table]'))).toContain('Vet inte');
  });

  it('lets the central office choose a district', async () => {
    const { fixture, backend, host } = await setup(['central-analyst'], 'central');
    backend.expectOne(`${API}/statistics/participation/table?months=12`).flush(table(['bromma', 'farsta']));
    backend.expectOne(`${API}/statistics/participation/periods?months=12`).flush(data(null));
    await fixture.whenStable();
    const select = host.querySelector<HTMLSelectElement>('#stat-district')!;
    select.value = 'bromma';
    select.dispatchEvent(new Event('change'));
    await flushMicrotasks();
    backend.expectOne(`${API}/statistics/participation/table?months=12`).flush(table(['bromma', 'farsta']));
    backend.expectOne(`${API}/statistics/participation/periods?months=12&districtId=bromma`).flush({ ...data('bromma'), periods: [] });
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=statistics-empty]'))).toBe('Det finns ingen statistik för perioden ännu.');
  });

  it('shows an error with a retry', async () => {
    const { fixture, backend, host } = await setup(['district-admin'], 'farsta');
    backend.expectOne(`${API}/statistics/participation/table?months=12`).flush(table(['farsta']));
    backend.expectOne(`${API}/statistics/participation/periods?months=12`).flush({ status: 503 }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(text(host.querySelector('[role=alert]'))).toBe('Kunde inte hämta statistiken. Något gick fel hos oss. Försök igen om en stund.');
  });
});

describe('ParticipationView for a unit lead', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the unit\'s row and no per-month table (district admins and the central office only)', async () => {
    const { fixture, backend, host } = await setup(['unit-lead'], 'farsta');
    backend.expectOne(`${API}/statistics/participation/table?months=12`).flush(table(['farsta'], 'Barn och unga 1'));
    backend.expectNone(`${API}/statistics/participation/periods?months=12`);
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=stat-participation-table] thead th'))).toBe('Enhet');
    expect(text(host.querySelector('[data-testid=stat-participation-table] tbody th'))).toBe('Barn och unga 1');
  });
});
