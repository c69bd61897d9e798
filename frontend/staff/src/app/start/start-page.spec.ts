import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
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
      providers: [...testProviders(), { provide: STATISTICS_POLL_MS, useValue: 60_000 }],
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

  it.each([['auditor'], ['district-admin'], ['central-analyst']])('shows only the count to a %s', async (role) => {
    const { fixture, host, backend } = await render([role]);
    backend.expectOne(`${API}/statistics/participation`);
    backend.expectNone(`${API}/invitations`);
    expect(host.querySelector('form')).toBeNull();
    expect(host.querySelector('dk-invitation-list')).toBeNull();
    expect(text(host.querySelector('[data-testid=read-only-note]'))).toBe('Din roll kan se statistik men inte skapa inbjudningar.');
    fixture.destroy();
  });
});
