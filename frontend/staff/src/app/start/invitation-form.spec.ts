import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import { DistrictSettingsApi } from '../core/district-settings';
import { API, flushMicrotasks, SETTINGS_OFF, testProviders, text } from '../../testing/providers';
import { InvitationForm } from './invitation-form';
import { InvitationStore } from './invitation-store';

describe('InvitationForm', () => {
  let fixture: ComponentFixture<InvitationForm>;
  let backend: HttpTestingController;
  let host: HTMLElement;

  const input = (selector: string) => host.querySelector(selector) as HTMLInputElement;
  const type = (selector: string, value: string) => {
    const element = input(selector);
    element.value = value;
    element.dispatchEvent(new Event('input'));
    element.dispatchEvent(new Event('blur'));
  };
  const submitButton = () => host.querySelector('button[type=submit]') as HTMLButtonElement;
  const fillValid = () => {
    type('#case-reference', 'AB-12/2026');
    type('#birth-year', String(new Date().getFullYear() - 9));
    input('#age-band-6-11').click();
    type('#phone', '070-123 45 67');
  };
  const submit = async () => {
    submitButton().click();
    await fixture.whenStable();
    await flushMicrotasks();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [InvitationForm],
      providers: [...testProviders(), InvitationStore],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(InvitationForm);
    host = fixture.nativeElement;
    await fixture.whenStable();
    backend.expectOne(`${API}/district/settings`).flush(SETTINGS_OFF);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify({ ignoreCancelled: true }));

  it('labels every field in Swedish', () => {
    expect(text(host.querySelector('label[for=case-reference]'))).toBe('Ärendereferens');
    expect(text(host.querySelector('label[for=birth-year]'))).toBe('Födelseår');
    expect(text(host.querySelector('legend'))).toBe('Åldersgrupp');
    expect(text(host.querySelector('label[for=age-band-6-11]'))).toBe('6–11 år');
    expect(text(host.querySelector('label[for=age-band-12-18]'))).toBe('12–18 år');
  });

  it('shows field errors and sends nothing when submitted empty', async () => {
    await submit();
    backend.expectNone(`${API}/invitations`);
    expect(text(host.querySelector('#case-reference-error'))).toBe('Fältet måste fyllas i.');
    expect(text(host.querySelector('#birth-year-error'))).toBe('Fältet måste fyllas i.');
    expect(text(host.querySelector('#age-band-6-11-error'))).toBe('Välj ett av alternativen.');
    expect(input('#case-reference').getAttribute('aria-invalid')).toBe('true');
    expect(input('#case-reference').getAttribute('aria-describedby')).toBe('case-reference-hint case-reference-error');
    expect(document.activeElement).toBe(input('#case-reference'));
  });

  it('checks the case reference pattern and length before sending', async () => {
    type('#case-reference', 'ÅÄÖ 12');
    await fixture.whenStable();
    expect(text(host.querySelector('#case-reference-error'))).toContain('Använd bara bokstäver A–Z');
    type('#case-reference', 'A'.repeat(41));
    await fixture.whenStable();
    expect(text(host.querySelector('#case-reference-error'))).toBe('Högst 40 tecken.');
  });

  it('suggests the age band from the birth year, with sensible defaults (sv, SMS, discreet, 14 days)', async () => {
    type('#birth-year', String(new Date().getFullYear() - 15));
    await fixture.whenStable();
    expect(input('#age-band-12-18').checked).toBe(true);
    expect((host.querySelector('#language') as HTMLSelectElement).value).toBe('sv');
    expect(input('#channel-sms').checked).toBe(true);
    expect(input('#discreet').checked).toBe(true);
    expect(input('#expiry-days').value).toBe('14');
  });

  it('asks for a Swedish mobile number for SMS and an e-mail address for e-mail', async () => {
    fillValid();
    type('#phone', '12345');
    await submit();
    backend.expectNone(`${API}/invitations`);
    expect(text(host.querySelector('#phone-error'))).toBe('Ange ett svenskt mobilnummer, till exempel 070-123 45 67.');
    input('#channel-email').click();
    await fixture.whenStable();
    type('#email', 'inte-en-adress');
    await submit();
    expect(text(host.querySelector('#email-error'))).toBe('Ange en e-postadress, till exempel namn@exempel.se.');
  });

  it('posts the invitation, shows a busy button, then the code once', async () => {
    const year = new Date().getFullYear() - 9;
    fillValid();
    await submit();

    const request = backend.expectOne(`${API}/invitations`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toMatchObject({
      caseReference: 'AB-12/2026',
      birthYear: year,
      ageBand: '6-11',
      gender: 'not-stated',
      language: 'sv',
      channel: 'sms',
      phone: '070-123 45 67',
      discreet: true,
    });
    expect(Date.parse(request.request.body.expiresAt) - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    expect(text(submitButton())).toBe('Skapar inbjudan…');
    expect(submitButton().getAttribute('aria-disabled')).toBe('true');

    request.flush(
      {
        invitation: { id: 'inv-123', caseReference: 'AB-12/2026', birthYear: year, ageBand: '6-11', districtId: 'skarpnack', createdAt: '2026-01-01T10:00:00Z', channel: 'sms', contactHint: '070-••• •• 67' },
        code: 'K7Q2-9XMP',
      },
      { status: 201, statusText: 'Created' },
    );
    await fixture.whenStable();

    expect(text(host.querySelector('[data-testid=invitation-created]'))).toContain('Inbjudan är skapad och skickas med SMS till 070-••• •• 67.');
    expect(text(host.querySelector('[data-testid=invitation-code]'))).toBe('K7Q2-9XMP');
    expect(text(host.querySelector('[data-testid=invitation-created]'))).toContain('Koden visas bara nu.');
    expect(text(submitButton())).toBe('Skapa inbjudan');
    expect(input('#case-reference').value).toBe('');
    // Ready for the next child with the defaults again, not with empty required fields.
    expect(input('#expiry-days').value).toBe('14');
    expect(host.querySelector('.has-error')).toBeNull();
    // the store reloads the list after a create
    backend.expectOne(`${API}/invitations`).flush({ items: [] });
  });

  it('shows the field reasons of a 400 problem response next to the fields', async () => {
    fillValid();
    await submit();
    backend.expectOne(`${API}/invitations`).flush(
      {
        type: 'https://delaktig.se/problems/validation-failed',
        title: 'The request is not valid.',
        status: 400,
        detail: 'caseReference: may be at most 40 characters; …',
        code: 'VALIDATION_FAILED',
        errors: [
          { field: 'caseReference', reason: 'may be at most 40 characters' },
          { field: 'birthYear', reason: 'Födelseåret passar inte' },
          { field: 'ageBand', reason: 'does not match birth year 2017' },
        ],
      },
      { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } },
    );
    await fixture.whenStable();

    expect(text(host.querySelector('#case-reference-error'))).toBe('Högst 40 tecken.');
    expect(text(host.querySelector('#birth-year-error'))).toBe('Födelseåret passar inte');
    expect(text(host.querySelector('#age-band-6-11-error'))).toBe('Åldersgruppen stämmer inte med födelseåret 2017.');
    expect(text(host.querySelector('[role=alert]'))).toBe('Uppgifterna kunde inte sparas. Rätta felen nedan.');
    expect(document.activeElement).toBe(input('#case-reference'));

    // editing the field clears the gateway's message for it
    type('#case-reference', 'AB-13');
    await fixture.whenStable();
    expect(host.querySelector('#case-reference-error')).toBeNull();
    expect(text(host.querySelector('#birth-year-error'))).toBe('Födelseåret passar inte');
  });

  it('shows the detail of a problem without field errors', async () => {
    fillValid();
    await submit();
    backend
      .expectOne(`${API}/invitations`)
      .flush({ status: 400, title: 'Bad Request', detail: 'Ärendet tillhör en annan stadsdel.' }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(text(host.querySelector('[role=alert]'))).toBe('Ärendet tillhör en annan stadsdel.');
  });

  it('explains a network failure', async () => {
    fillValid();
    await submit();
    backend.expectOne(`${API}/invitations`).error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect(text(host.querySelector('[role=alert]'))).toBe('Kunde inte nå servern. Kontrollera anslutningen och försök igen.');
  });

  it('follows a language switch', async () => {
    await submit();
    TestBed.inject(TranslocoService).setActiveLang('en');
    await fixture.whenStable();
    expect(text(host.querySelector('label[for=case-reference]'))).toBe('Case reference');
    expect(text(host.querySelector('#case-reference-error'))).toBe('This field is required.');
  });

  describe("the young person's personal identity number (BankID for 12–18)", () => {
    const turnOn = async () => {
      TestBed.inject(DistrictSettingsApi).current.set({ ...SETTINGS_OFF, childBankId: true });
      await fixture.whenStable();
    };
    const fillYoung = async () => {
      type('#case-reference', 'AB-12/2026');
      type('#birth-year', '2009');
      type('#phone', '070-123 45 67');
      await fixture.whenStable();
    };

    it('is offered only for 12–18 and only where the district has it on', async () => {
      await fillYoung();
      expect(host.querySelector('#child-pin')).toBeNull();
      await turnOn();
      expect(text(host.querySelector('label[for=child-pin]'))).toBe('Barnets personnummer (valfritt, för BankID)');
      input('#age-band-6-11').click();
      await fixture.whenStable();
      expect(host.querySelector('#child-pin')).toBeNull();
    });

    it('catches a wrong check digit or birth year in Swedish, then sends the number and says BankID is possible', async () => {
      await turnOn();
      await fillYoung();
      type('#child-pin', '20090321-9864');
      await submit();
      backend.expectNone(`${API}/invitations`);
      expect(text(host.querySelector('#child-pin-error'))).toBe('Sista siffran (kontrollsiffran) stämmer inte. Kontrollera personnumret.');
      type('#child-pin', '20090321-9863');
      type('#birth-year', '2010');
      await submit();
      expect(text(host.querySelector('#child-pin-error'))).toBe('Personnumret stämmer inte med födelseåret 2010.');
      type('#birth-year', '2009');
      await submit();
      const req = backend.expectOne(`${API}/invitations`);
      expect(req.request.body).toMatchObject({ ageBand: '12-18', birthYear: 2009, childPersonalNumber: '20090321-9863' });
      req.flush({ invitation: { id: 'i1', channel: 'sms', contactHint: '070-••• •• 67' }, code: 'ABCD-2345', childBankId: true });
      await fixture.whenStable();
      backend.expectOne((r) => r.method === 'GET' && r.url.startsWith(`${API}/invitations`)).flush({ items: [] });
      expect(text(host.querySelector('[data-testid=child-bankid-note]'))).toBe('Den unga kan också öppna inbjudan med sitt eget BankID.');
    });

    it("shows the identity service's reason in Swedish when the district turned it off meanwhile", async () => {
      await turnOn();
      await fillYoung();
      type('#child-pin', '200903219863');
      await submit();
      backend
        .expectOne(`${API}/invitations`)
        .flush(
          { status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'childPersonalNumber', reason: 'BankID for young people is not turned on in your district (the district admin can turn it on)' }] },
          { status: 400, statusText: 'Bad Request' },
        );
      await fixture.whenStable();
      expect(text(host.querySelector('#child-pin-error'))).toBe('BankID för unga är inte påslaget i din stadsdel. Administratören kan slå på det.');
    });
  });
});
