import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, SETTINGS_OFF, testProviders, text } from '../../testing/providers';
import { StaffMember } from './staff-admin.api';
import { StaffPage } from './staff-page';

// The first TestBed compile of a page can take seconds on a busy machine.
jest.setTimeout(30_000);

const member = (over: Partial<StaffMember> = {}): StaffMember => ({
  id: '11111111-1111-4111-8111-111111111111',
  username: 'sara.lind@stockholm.se',
  givenName: 'Sara',
  familyName: 'Lind',
  email: 'sara.lind@stockholm.se',
  personalNumberMasked: '19800101-****',
  districtId: 'skarpnack',
  districtName: 'Skarpnäck',
  unit: 'Barn och unga 1',
  role: 'caseworker',
  status: 'active',
  createdAt: '2026-11-22T10:00:00Z',
  deactivatedAt: null,
  ...over,
});

describe('StaffPage (Personal)', () => {
  let fixture: ComponentFixture<StaffPage>;
  let backend: HttpTestingController;
  let host: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [StaffPage], providers: testProviders() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StaffPage);
    host = fixture.nativeElement;
    fixture.detectChanges();
    await flushMicrotasks();
    backend.expectOne(`${API}/district/settings`).flush(SETTINGS_OFF);
  });

  afterEach(() => backend.verify());

  const settle = async () => {
    await fixture.whenStable();
    await flushMicrotasks();
    fixture.detectChanges();
  };

  it('shows loading, then the empty state', async () => {
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar personal…');
    backend.expectOne(`${API}/admin/staff`).flush({ items: [] });
    await settle();
    expect(text(host.querySelector('[data-testid=staff-empty]'))).toContain('Ingen personal är registrerad ännu');
  });

  it('lists staff with masked numbers, roles and status', async () => {
    backend.expectOne(`${API}/admin/staff`).flush({
      items: [member(), member({ id: '22222222-2222-4222-8222-222222222222', givenName: 'Erik', familyName: 'Ek', role: 'unit-lead', status: 'deactivated', deactivatedAt: '2026-11-22T11:00:00Z' })],
    });
    await settle();
    const rows = Array.from(host.querySelectorAll('tbody tr')).map((r) => Array.from(r.querySelectorAll('td')).map(text));
    expect(rows[0]?.slice(0, 6)).toEqual(['Sara Lind', 'sara.lind@stockholm.se', '19800101-****', 'Handläggare', 'Barn och unga 1', 'Aktiv']);
    expect(rows[1]?.[3]).toBe('Enhetschef');
    expect(rows[1]?.[5]).toContain('Avslutad');
    expect(text(host.querySelectorAll('tbody tr')[1]?.querySelector('button'))).toBe('Återaktivera Erik Ek');
  });

  it('deactivates only after confirmation, and updates the row', async () => {
    backend.expectOne(`${API}/admin/staff`).flush({ items: [member()] });
    await settle();
    const action = host.querySelector('tbody button') as HTMLButtonElement;
    expect(text(action)).toBe('Avsluta Sara Lind');
    action.click();
    await settle();
    expect(text(host.querySelector('.confirm p'))).toContain('Avsluta Sara Lind? Personen loggas ut direkt');
    backend.expectNone(`${API}/admin/staff/${member().id}/deactivate`);
    // Cancel leaves everything as it was.
    (Array.from(host.querySelectorAll('.confirm button')).find((b) => text(b) === 'Avbryt') as HTMLButtonElement).click();
    await settle();
    expect(host.querySelector('.confirm')).toBeNull();
    (host.querySelector('tbody button') as HTMLButtonElement).click();
    await settle();
    (Array.from(host.querySelectorAll('.confirm button')).find((b) => text(b) === 'Ja, avsluta') as HTMLButtonElement).click();
    await flushMicrotasks();
    backend.expectOne({ method: 'POST', url: `${API}/admin/staff/${member().id}/deactivate` }).flush(member({ status: 'deactivated', deactivatedAt: '2026-11-22T12:00:00Z' }));
    await settle();
    expect(text(host.querySelector('tbody tr td:nth-child(6)'))).toContain('Avslutad');
    expect(text(host.querySelector('tbody button'))).toBe('Återaktivera Sara Lind');
  });

  it('shows why the list could not be loaded, with a retry', async () => {
    backend.expectOne(`${API}/admin/staff`).flush({ status: 403 }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(text(host.querySelector('[role=alert]'))).toBe('Kunde inte hämta personalen. Du har inte behörighet att göra det här.');
    (host.querySelector('button.secondary') as HTMLButtonElement).click();
    await flushMicrotasks();
    backend.expectOne(`${API}/admin/staff`).flush({ items: [] });
  });
});
