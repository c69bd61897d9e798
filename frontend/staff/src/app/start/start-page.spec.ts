import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Me } from '../core/api';
import { Session } from '../core/session';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { STATISTICS_POLL_MS } from './participation-card';
import { StartPage } from './start-page';

function me(roles: string[]): Me {
  return { subject: 's-1', name: 'Hanna Handläggare', districtId: 'skarpnack', districtName: 'Skarpnäck', unit: 'u1', roles };
}

describe('StartPage', () => {
  async function render(roles: string[]) {
    TestBed.configureTestingModule({
      imports: [StartPage],
      providers: [...testProviders(), provideRouter([]), { provide: STATISTICS_POLL_MS, useValue: 60_000 }],
    });
    const session = TestBed.inject(Session);
    session.me.set(me(roles));
    session.status.set('ready');
    const fixture = TestBed.createComponent(StartPage);
    await fixture.whenStable();
    await flushMicrotasks();
    return { fixture, host: fixture.nativeElement as HTMLElement, backend: TestBed.inject(HttpTestingController) };
  }

  it.each([['caseworker'], ['unit-lead']])('shows the form and the list to a %s', async (role) => {
    const { fixture, host, backend } = await render([role]);
    backend.expectOne(`${API}/statistics/participation`);
    backend.expectOne(`${API}/invitations`);
    expect(text(host.querySelector('h1'))).toBe('Översikt');
    expect(text(host.querySelector('#stats-title'))).toBe('Inbjudningar i Skarpnäck');
    expect(text(host.querySelector('#invitation-form-title'))).toBe('Ny inbjudan');
    expect(host.querySelector('dk-invitation-list')).not.toBeNull();
    fixture.destroy();
  });

  it("shows an auditor the audit log's state, never a statistics call the gateway would refuse", async () => {
    const { fixture, host, backend } = await render(['auditor']);
    backend.expectNone(`${API}/statistics/participation`);
    backend.expectNone(`${API}/invitations`);
    backend.expectOne(`${API}/audit/verify`).flush({ districtId: 'skarpnack', entries: 42, intact: true, brokenAtSeq: null });
    await fixture.whenStable();
    expect(text(host.querySelector('#audit-card-title'))).toBe('Granskningsloggen i Skarpnäck');
    expect(text(host.querySelector('[data-testid=audit-entries]'))).toBe('42 poster i loggen');
    expect(text(host.querySelector('[data-testid=audit-intact]'))).toContain('obruten');
    expect(host.textContent).not.toContain('Kunde inte hämta statistiken');
    expect(host.querySelector('[data-testid=read-only-note]')).toBeNull();
    fixture.destroy();
  });

  it('tells an auditor plainly when the log is broken', async () => {
    const { fixture, host, backend } = await render(['auditor']);
    backend.expectOne(`${API}/audit/verify`).flush({ districtId: 'skarpnack', entries: 42, intact: false, brokenAtSeq: '17' });
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=audit-broken]'))).toContain('bruten vid post 17');
    fixture.destroy();
  });

  it.each([['district-admin'], ['central-analyst']])('shows only the count to a %s', async (role) => {
    const { fixture, host, backend } = await render([role]);
    backend.expectOne(`${API}/statistics/participation`);
    backend.expectNone(`${API}/invitations`);
    expect(host.querySelector('form')).toBeNull();
    expect(host.querySelector('dk-invitation-list')).toBeNull();
    expect(text(host.querySelector('[data-testid=read-only-note]'))).toBe('Din roll kan se statistik men inte skapa inbjudningar.');
    fixture.destroy();
  });
});
