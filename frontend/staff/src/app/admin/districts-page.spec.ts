import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { DistrictsPage } from './districts-page';

// The first TestBed compile of a page can take seconds on a busy machine.
jest.setTimeout(30_000);

describe('DistrictsPage (Stadsdelar)', () => {
  let fixture: ComponentFixture<DistrictsPage>;
  let backend: HttpTestingController;
  let host: HTMLElement;

  const settle = async () => {
    await fixture.whenStable();
    await flushMicrotasks();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [DistrictsPage], providers: testProviders() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DistrictsPage);
    host = fixture.nativeElement;
    fixture.detectChanges();
    await flushMicrotasks();
  });

  afterEach(() => backend.verify());

  it('lists every district with its admins and flags districts without an active admin', async () => {
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar stadsdelar…');
    backend.expectOne(`${API}/admin/districts`).flush({
      items: [
        {
          districtId: 'norrmalm',
          name: 'Norrmalm',
          activeAdmins: 1,
          admins: [
            { id: 'a1', username: 'admin.norrmalm', givenName: null, familyName: null, email: null, personalNumberMasked: '19750128-****', districtId: 'norrmalm', districtName: 'Norrmalm', unit: null, role: 'district-admin', status: 'active', createdAt: '2026-11-22T10:00:00Z', deactivatedAt: null },
          ],
        },
        { districtId: 'farsta', name: 'Farsta', activeAdmins: 0, admins: [] },
      ],
    });
    await settle();
    const sections = Array.from(host.querySelectorAll('section[data-district]'));
    expect(sections.map((s) => text(s.querySelector('h2')))).toEqual(['Norrmalm', 'Farsta']);
    expect(text(sections[0]?.querySelector('td'))).toBe('admin.norrmalm');
    expect(text(sections[0]?.querySelector('p'))).toBe('Aktiva administratörer: 1');
    expect(text(sections[1]?.querySelector('p'))).toBe('Ingen aktiv administratör.');
    // No unit column for admins.
    expect(Array.from(sections[0]?.querySelectorAll('th') ?? []).map(text)).not.toContain('Enhet');
  });

  it('shows an error with a retry when the overview is refused', async () => {
    backend.expectOne(`${API}/admin/districts`).flush({ status: 403 }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(text(host.querySelector('[role=alert]'))).toBe('Kunde inte hämta stadsdelarna. Du har inte behörighet att göra det här.');
  });
});
