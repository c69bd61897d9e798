import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { Session } from '../core/session';
import { ParticipationPeriods, StatisticsPage } from './statistics-page';

jest.setTimeout(30_000);

const counts = { created: 12, sent: 11, deliveryFailed: '<5', opened: 9, submitted: 7, expired: 0, revoked: '<5', feedbackGiven: 5, rated: '<5' } as const;
const ratings = { '1': 0, '2': 0, '3': '<5', '4': '<5', '5': 0, 'dont-know': 0 } as const;
const data = (districtId: string | null): ParticipationPeriods => ({ districtId, months: 12, periods: [{ period: '2026-11', counts, ratings }], total: { counts, ratings } });

async function setup(roles: string[], districtId: string) {
  TestBed.configureTestingModule({ imports: [StatisticsPage], providers: testProviders() });
  TestBed.inject(Session).me.set({ subject: 's', name: null, districtId, districtName: 'Farsta', unit: null, roles });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(StatisticsPage);
  await fixture.whenStable();
  await flushMicrotasks();
  return { fixture, backend, host: fixture.nativeElement as HTMLElement };
}

describe('StatisticsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it("shows a district admin their district's counts per month, small cells as <5", async () => {
    const { fixture, backend, host } = await setup(['district-admin'], 'farsta');
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar statistik…');
    backend.expectOne(`${API}/statistics/participation/periods?months=12`).flush(data('farsta'));
    await fixture.whenStable();
    expect(host.querySelector('#stat-district')).toBeNull();
    expect(text(host.querySelector('.filters'))).toContain('Farsta');
    const headers = Array.from(host.querySelectorAll('[data-testid=statistics-table] thead th')).map(text);
    expect(headers).toEqual(['Månad', 'Skapade', 'Skickade', 'Gick inte fram', 'Öppnade', 'Besvarade', 'Gick ut', 'Återkallade', 'Återkoppling given', 'Betyg givna']);
    expect(text(host.querySelector('[data-testid="cell-2026-11-created"]'))).toBe('12');
    expect(text(host.querySelector('[data-testid="cell-2026-11-deliveryFailed"]'))).toBe('<5');
    expect(text(host.querySelector('[data-testid=ratings-table]'))).toContain('Vet inte');
  });

  it('lets the central office choose a district', async () => {
    const { fixture, backend, host } = await setup(['central-analyst'], 'central');
    backend.expectOne(`${API}/statistics/participation/periods?months=12`).flush(data(null));
    await fixture.whenStable();
    const select = host.querySelector<HTMLSelectElement>('#stat-district')!;
    select.value = 'bromma';
    select.dispatchEvent(new Event('change'));
    await flushMicrotasks();
    backend.expectOne(`${API}/statistics/participation/periods?months=12&districtId=bromma`).flush({ ...data('bromma'), periods: [] });
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=statistics-empty]'))).toBe('Det finns ingen statistik för perioden ännu.');
  });

  it('shows an error with a retry', async () => {
    const { fixture, backend, host } = await setup(['district-admin'], 'farsta');
    backend.expectOne(`${API}/statistics/participation/periods?months=12`).flush({ status: 503 }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(text(host.querySelector('[role=alert]'))).toBe('Kunde inte hämta statistiken. Något gick fel hos oss. Försök igen om en stund.');
  });
});
