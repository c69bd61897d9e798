import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { API, FakeAuth, fakeAuth, flushMicrotasks, testProviders, text } from '../testing/providers';
import { App } from './app';

describe('App shell', () => {
  let fixture: ComponentFixture<App>;
  let backend: HttpTestingController;
  let host: HTMLElement;
  let auth: FakeAuth;

  async function render(status: 'authenticated' | 'signed-out' | 'error' = 'authenticated') {
    auth = fakeAuth(status);
    TestBed.configureTestingModule({ imports: [App], providers: [...testProviders(auth), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(App);
    host = fixture.nativeElement;
    await fixture.whenStable();
    await flushMicrotasks();
  }

  afterEach(() => {
    document.documentElement.lang = 'sv';
    localStorage.clear();
  });

  it('shows the product, who is signed in and their district', async () => {
    await render();
    expect(text(host.querySelector('.brand'))).toBe('Delaktig');
    expect(text(host.querySelector('[data-testid=who]'))).toBe('Hämtar dina uppgifter…');
    backend.expectOne(`${API}/me`).flush({
      subject: 's-1',
      name: 'Hanna Handläggare',
      districtId: 'skarpnack',
      districtName: 'Skarpnäck',
      unit: 'u1',
      roles: ['caseworker'],
    });
    await fixture.whenStable();
    expect(text(host.querySelector('.who-name'))).toBe('Hanna Handläggare');
    expect(text(host.querySelector('.who-district'))).toBe('Stadsdel: Skarpnäck');
    expect(host.querySelector('main#main')).not.toBeNull();
    expect(text(host.querySelector('a.skip-link'))).toBe('Hoppa till huvudinnehållet');
  });

  it('after signing out says so, asks nothing of the gateway, and signs in again with BankID on request', async () => {
    await render('signed-out');
    expect(text(host.querySelector('h1'))).toBe('Du är utloggad');
    expect(text(host.querySelector('[data-testid=signed-out]'))).toContain('För att logga in igen behöver du BankID');
    expect(host.querySelector('[data-testid=who]')).toBeNull();
    backend.expectNone(`${API}/me`);
    const button = Array.from(host.querySelectorAll<HTMLButtonElement>('main button')).find((b) => text(b) === 'Logga in med BankID');
    button?.click();
    expect(auth.login).toHaveBeenCalled();
  });

  it('moves focus to main from the skip link', async () => {
    await render();
    backend.expectOne(`${API}/me`).flush({}, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    (host.querySelector('a.skip-link') as HTMLAnchorElement).click();
    expect(document.activeElement).toBe(host.querySelector('main'));
    expect(text(host.querySelector('[data-testid=who]'))).toContain('Kunde inte hämta dina uppgifter');
  });

  it('switches language and the lang attribute', async () => {
    await render();
    backend.expectOne(`${API}/me`);
    const [svButton, enButton] = Array.from(host.querySelectorAll<HTMLButtonElement>('.lang-button'));
    expect(svButton.getAttribute('aria-pressed')).toBe('true');
    expect(enButton.getAttribute('lang')).toBe('en');

    enButton.click();
    await fixture.whenStable();
    expect(document.documentElement.lang).toBe('en');
    expect(enButton.getAttribute('aria-pressed')).toBe('true');
    expect(text(host.querySelector('a.skip-link'))).toBe('Skip to main content');
    expect(localStorage.getItem('delaktig.staff.lang')).toBe('en');

    svButton.click();
    await fixture.whenStable();
    expect(document.documentElement.lang).toBe('sv');
    expect(text(host.querySelector('a.skip-link'))).toBe('Hoppa till huvudinnehållet');
  });

  it('signs out', async () => {
    await render();
    backend.expectOne(`${API}/me`);
    const signOut = Array.from(host.querySelectorAll('button')).find((b) => text(b) === 'Logga ut') as HTMLButtonElement;
    signOut.click();
    expect(auth.logout).toHaveBeenCalled();
  });

  it('explains when sign-in is unavailable', async () => {
    await render('error');
    backend.expectNone(`${API}/me`);
    expect(text(host.querySelector('[role=alert]'))).toBe('Inloggningen är inte tillgänglig just nu.');
    expect(host.querySelector('[data-testid=who]')).toBeNull();
  });
});
