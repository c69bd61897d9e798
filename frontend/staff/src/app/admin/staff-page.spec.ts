import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, SETTINGS_OFF, testProviders, text } from '../../testing/providers';
import { DistrictSettingsApi } from '../core/district-settings';
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
    expect(text(host.querySelectorAll('tbody tr')[1]?.querySelector('[id^=action-]'))).toBe('Återaktivera Erik Ek');
  });

  it('deactivates only after confirmation, and updates the row', async () => {
    backend.expectOne(`${API}/admin/staff`).flush({ items: [member()] });
    await settle();
    const action = host.querySelector('tbody [id^=action-]') as HTMLButtonElement;
    expect(text(action)).toBe('Avsluta Sara Lind');
    action.click();
    await settle();
    expect(text(host.querySelector('.confirm p'))).toContain('Avsluta Sara Lind? Personen loggas ut direkt');
    backend.expectNone(`${API}/admin/staff/${member().id}/deactivate`);
    // Cancel leaves everything as it was.
    (Array.from(host.querySelectorAll('.confirm button')).find((b) => text(b) === 'Avbryt') as HTMLButtonElement).click();
    await settle();
    expect(host.querySelector('.confirm')).toBeNull();
    (host.querySelector('tbody [id^=action-]') as HTMLButtonElement).click();
    await settle();
    (Array.from(host.querySelectorAll('.confirm button')).find((b) => text(b) === 'Ja, avsluta') as HTMLButtonElement).click();
    await flushMicrotasks();
    backend.expectOne({ method: 'POST', url: `${API}/admin/staff/${member().id}/deactivate` }).flush(member({ status: 'deactivated', deactivatedAt: '2026-11-22T12:00:00Z' }));
    await settle();
    expect(text(host.querySelector('tbody tr td:nth-child(6)'))).toContain('Avslutad');
    expect(text(host.querySelector('tbody [id^=action-]'))).toBe('Återaktivera Sara Lind');
  });

  it('shows why the list could not be loaded, with a retry', async () => {
    backend.expectOne(`${API}/admin/staff`).flush({ status: 403 }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(text(host.querySelector('[role=alert]'))).toBe('Kunde inte hämta personalen. Du har inte behörighet att göra det här.');
    (host.querySelector('button.secondary') as HTMLButtonElement).click();
    await flushMicrotasks();
    backend.expectOne(`${API}/admin/staff`).flush({ items: [] });
  });

  it('shows work contacts, warns when the mobile is missing, and changes a contact with the server\'s reason at the field', async () => {
    backend.expectOne(`${API}/admin/staff`).flush({ items: [member({ workMobile: null })] });
    await settle();
    expect(text(host.querySelector('[data-testid=no-mobile]'))).toBe('Ingen mobil – får inga larm-sms');
    (host.querySelector('[data-testid=contact-edit]') as HTMLButtonElement).click();
    await settle();
    (host.querySelector('[data-testid=contact-mobile]') as HTMLInputElement).value = '12345';
    (host.querySelector('[data-testid=contact-save]') as HTMLButtonElement).click();
    await settle();
    const bad = backend.expectOne(`${API}/admin/staff/${member().id}/contact`);
    expect(bad.request.method).toBe('PUT');
    expect(bad.request.body).toEqual({ email: 'sara.lind@stockholm.se', workMobile: '12345' });
    bad.flush({ status: 400, code: 'VALIDATION', errors: [{ field: 'workMobile', reason: 'must be a Swedish mobile number (+467…)' }] }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(text(host.querySelector('[data-testid=contact-mobile-error]'))).toBe('must be a Swedish mobile number (+467…)');
    (host.querySelector('[data-testid=contact-mobile]') as HTMLInputElement).value = '070-100 10 01';
    (host.querySelector('[data-testid=contact-save]') as HTMLButtonElement).click();
    await settle();
    backend.expectOne(`${API}/admin/staff/${member().id}/contact`).flush(member({ workMobile: '+46701001001' }));
    await settle();
    expect(host.querySelector('[data-testid=contact-mobile]')).toBeNull();
    expect(text(host.querySelector('[data-testid=staff-contact]'))).toContain('+46701001001');
  });

  it('edits the escalation ladder of safety alerts and shows a refused value at its field', async () => {
    backend.expectOne(`${API}/admin/staff`).flush({ items: [] });
    const ladder = { unitLeadMinutes: 15, dutyMinutes: 60, officeStart: '08:00', officeEnd: '17:00', closedDates: [], dutyPhone: null, dutyEmail: null };
    TestBed.inject(DistrictSettingsApi).current.set({ ...SETTINGS_OFF, alertLadder: ladder });
    await settle();
    const card = host.querySelector('[data-testid=alert-ladder]') as HTMLElement;
    expect(text(card.querySelector('h2'))).toBe('Trygghetslarm – eskalering');
    expect((card.querySelector('[data-testid=ladder-n]') as HTMLInputElement).value).toBe('15');
    const m = card.querySelector('[data-testid=ladder-m]') as HTMLInputElement;
    m.value = '10';
    m.dispatchEvent(new Event('input'));
    const phone = card.querySelector('[data-testid=ladder-phone]') as HTMLInputElement;
    phone.value = '+46708000111';
    phone.dispatchEvent(new Event('input'));
    (card.querySelector('[data-testid=ladder-save]') as HTMLButtonElement).click();
    await settle();
    const put = backend.expectOne(`${API}/district/settings`);
    expect(put.request.body).toEqual({ alertLadder: { ...ladder, dutyMinutes: 10, dutyPhone: '+46708000111' } });
    put.flush({ status: 400, errors: [{ field: 'alertLadder.dutyMinutes', reason: 'dutyMinutes must be greater than unitLeadMinutes' }] }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(text(card.querySelector('#ladder-m-error'))).toBe('dutyMinutes must be greater than unitLeadMinutes');
    expect(m.getAttribute('aria-invalid')).toBe('true');
    expect(text(card.querySelector('[data-testid=ladder-status]'))).toContain('Det gick inte att spara.');
  });
});
