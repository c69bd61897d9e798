import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { App } from '../app';

// The first TestBed compile of the shell can take seconds on a busy machine.
jest.setTimeout(30_000);

describe('administration links in the shell', () => {
  let fixture: ComponentFixture<App>;
  let backend: HttpTestingController;
  let host: HTMLElement;

  async function signedInAs(districtId: string, roles: string[]) {
    TestBed.configureTestingModule({ imports: [App], providers: [...testProviders(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(App);
    host = fixture.nativeElement;
    await fixture.whenStable();
    await flushMicrotasks();
    backend.expectOne(`${API}/me`).flush({ subject: 's', name: 'A', districtId, districtName: districtId, unit: null, roles });
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('shows "Personal" to a district admin', async () => {
    await signedInAs('skarpnack', ['district-admin']);
    expect(text(host.querySelector('nav[aria-label=Administration] [data-testid=nav-staff]'))).toBe('Personal');
    expect(host.querySelector('[data-testid=nav-districts]')).toBeNull();
  });

  it('shows "Stadsdelar" to the central office admin', async () => {
    await signedInAs('central', ['district-admin']);
    expect(text(host.querySelector('[data-testid=nav-districts]'))).toBe('Stadsdelar');
    expect(host.querySelector('[data-testid=nav-staff]')).toBeNull();
  });

  it('shows no administration to a caseworker', async () => {
    await signedInAs('skarpnack', ['caseworker']);
    expect(host.querySelector('nav.site-nav')).toBeNull();
  });
});
