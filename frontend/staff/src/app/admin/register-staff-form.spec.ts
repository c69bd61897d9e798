import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { RegisterStaffForm } from './register-staff-form';
import { personalNumberProblem } from './staff-admin.api';

// The first TestBed compile of a page can take seconds on a busy machine.
jest.setTimeout(30_000);

describe('personalNumberProblem', () => {
  it('accepts valid numbers in every form, including coordination numbers', () => {
    for (const n of ['197803159826', '19780315-9826', '780315-9826', '198408719881']) expect(personalNumberProblem(n)).toBeNull();
  });
  it('names what is wrong', () => {
    expect(personalNumberProblem('19780315982')).toBe('format');
    expect(personalNumberProblem('197813159826')).toBe('date');
    expect(personalNumberProblem('197803159827')).toBe('checksum');
  });
});

describe('RegisterStaffForm', () => {
  let fixture: ComponentFixture<RegisterStaffForm>;
  let backend: HttpTestingController;
  let host: HTMLElement;

  const settle = async () => {
    await fixture.whenStable();
    await flushMicrotasks();
    fixture.detectChanges();
  };
  const type = (id: string, value: string) => {
    const input = host.querySelector(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const fill = () => {
    type('staff-givenName', 'Saga');
    type('staff-familyName', 'Berg');
    type('staff-email', 'saga.berg@stockholm.se');
    type('staff-personalNumber', '19780315-9826');
    type('staff-unit', 'Barn och unga 2');
  };
  const submit = async () => {
    (host.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await settle();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [RegisterStaffForm], providers: testProviders() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RegisterStaffForm);
    host = fixture.nativeElement;
    fixture.detectChanges();
    await settle();
  });

  afterEach(() => backend.verify());

  it('labels every field and checks them in the browser before sending', async () => {
    const labels = Array.from(host.querySelectorAll('label')).map(text);
    expect(labels).toEqual(['Förnamn', 'Efternamn', 'E-postadress', 'Personnummer', 'Enhet', 'Roll']);
    type('staff-email', 'nope');
    type('staff-personalNumber', '197803159827');
    type('staff-familyName', 'Testsson2');
    await submit();
    expect(text(host.querySelector('#staff-givenName-error'))).toBe('Fältet måste fyllas i.');
    expect(text(host.querySelector('#staff-familyName-error'))).toBe('Namnet får inte innehålla siffror eller tecknen < > " \\ / @ { }.');
    expect(text(host.querySelector('#staff-email-error'))).toContain('Skriv en e-postadress');
    expect(text(host.querySelector('#staff-personalNumber-error'))).toContain('kontrollsiffran');
    expect(host.querySelector('#staff-personalNumber')?.getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector('#staff-personalNumber')?.getAttribute('aria-describedby')).toBe('staff-personalNumber-hint staff-personalNumber-error');
    backend.expectNone(`${API}/admin/staff`);
  });

  it('registers and confirms, then clears the form', async () => {
    const emitted: unknown[] = [];
    fixture.componentInstance.registered.subscribe((m) => emitted.push(m));
    fill();
    (host.querySelector('#staff-role') as HTMLSelectElement).value = 'unit-lead';
    host.querySelector('#staff-role')?.dispatchEvent(new Event('change'));
    await submit();
    await flushMicrotasks();
    const req = backend.expectOne({ method: 'POST', url: `${API}/admin/staff` });
    expect(req.request.body).toEqual({ givenName: 'Saga', familyName: 'Berg', email: 'saga.berg@stockholm.se', personalNumber: '19780315-9826', role: 'unit-lead', unit: 'Barn och unga 2' });
    req.flush({ id: 'x', username: 'saga.berg@stockholm.se', givenName: 'Saga', familyName: 'Berg', status: 'active' }, { status: 201, statusText: 'Created' });
    await settle();
    expect(text(host.querySelector('[data-testid=registered]'))).toBe('Saga Berg är registrerad med användarnamnet saga.berg@stockholm.se och kan logga in med BankID.');
    expect((host.querySelector('#staff-givenName') as HTMLInputElement).value).toBe('');
    expect(emitted).toHaveLength(1);
  });

  it('shows the server’s conflict at the personal number field', async () => {
    fill();
    await submit();
    await flushMicrotasks();
    backend
      .expectOne(`${API}/admin/staff`)
      .flush({ status: 409, code: 'CONFLICT', errors: [{ field: 'personalNumber', reason: 'is already registered' }] }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(text(host.querySelector('#staff-personalNumber-error'))).toBe('Det här personnumret är redan registrerat.');
    expect(text(host.querySelector('[role=alert]'))).toBe('Uppgifterna kunde inte sparas. Rätta felen nedan.');
  });

  it('in central mode asks for the district instead of unit and role', async () => {
    fixture.componentRef.setInput('mode', 'central');
    await settle();
    expect(text(host.querySelector('h2'))).toBe('Registrera administratör');
    expect(host.querySelector('#staff-unit')).toBeNull();
    expect(host.querySelector('#staff-role')).toBeNull();
    type('staff-givenName', 'Nora');
    type('staff-familyName', 'Holm');
    type('staff-email', 'nora.holm@stockholm.se');
    type('staff-personalNumber', '197803159826');
    await submit();
    expect(text(host.querySelector('#staff-districtId-error'))).toBe('Välj en stadsdel.');
    const select = host.querySelector('#staff-districtId') as HTMLSelectElement;
    select.value = 'norrmalm';
    select.dispatchEvent(new Event('change'));
    await submit();
    await flushMicrotasks();
    const req = backend.expectOne(`${API}/admin/staff`);
    expect(req.request.body).toMatchObject({ role: 'district-admin', districtId: 'norrmalm' });
    req.flush({ id: 'y', username: 'nora.holm@stockholm.se', givenName: 'Nora', familyName: 'Holm', districtId: 'norrmalm', status: 'active' });
    await settle();
  });
});
