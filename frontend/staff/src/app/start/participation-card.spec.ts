import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { InvitationStore } from './invitation-store';
import { ParticipationCard, STATISTICS_POLL_MS } from './participation-card';

@Component({
  imports: [ParticipationCard],
  template: `<dk-participation-card districtName="Skarpnäck" />`,
})
class Host {}

describe('ParticipationCard', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;
  let host: HTMLElement;
  const STATS = `${API}/statistics/participation`;

  async function create(pollMs = 60_000) {
    TestBed.configureTestingModule({
      imports: [Host],
      providers: [...testProviders(), InvitationStore, { provide: STATISTICS_POLL_MS, useValue: pollMs }],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    host = fixture.nativeElement;
    await fixture.whenStable();
    await flushMicrotasks();
  }

  const settle = async () => {
    await fixture.whenStable();
    await flushMicrotasks();
  };

  afterEach(() => {
    fixture.destroy();
    backend.verify({ ignoreCancelled: true });
  });

  it('shows the district in the title, a loading state, then the count', async () => {
    await create();
    expect(text(host.querySelector('h2'))).toBe('Inbjudningar i Skarpnäck');
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar statistik…');

    backend.expectOne(STATS).flush({ districtId: 'skarpnack', invitationsCreated: 7, lastEventAt: '2026-03-01T09:30:00Z' });
    await settle();
    expect(text(host.querySelector('[data-testid=participation-count]'))).toBe('7');
    expect(host.querySelector('[data-testid=participation-empty]')).toBeNull();
    expect(text(host)).toContain('Senaste händelse:');
  });

  it('shows the empty state when no event has arrived yet', async () => {
    await create();
    backend.expectOne(STATS).flush({ districtId: 'skarpnack', invitationsCreated: 0, lastEventAt: null });
    await settle();
    expect(text(host.querySelector('[data-testid=participation-count]'))).toBe('0');
    expect(text(host.querySelector('[data-testid=participation-empty]'))).toBe('Inga inbjudningar har skapats ännu i stadsdelen.');
  });

  it('shows an error with a retry button', async () => {
    await create();
    backend.expectOne(STATS).flush({ status: 503 }, { status: 503, statusText: 'Unavailable' });
    await settle();
    expect(text(host.querySelector('[role=alert]'))).toBe('Kunde inte hämta statistiken.');

    (host.querySelector('button') as HTMLButtonElement).click();
    await settle();
    backend.expectOne(STATS).flush({ districtId: 'skarpnack', invitationsCreated: 2, lastEventAt: '2026-03-01T09:30:00Z' });
    await settle();
    expect(text(host.querySelector('[data-testid=participation-count]'))).toBe('2');
  });

  it('polls while the page is visible and keeps the last count if a poll fails', async () => {
    await create(30);
    backend.expectOne(STATS).flush({ districtId: 'skarpnack', invitationsCreated: 1, lastEventAt: '2026-03-01T09:30:00Z' });
    await new Promise((resolve) => setTimeout(resolve, 45));
    backend.expectOne(STATS).flush({ districtId: 'skarpnack', invitationsCreated: 2, lastEventAt: '2026-03-01T09:31:00Z' });
    await settle();
    expect(text(host.querySelector('[data-testid=participation-count]'))).toBe('2');

    await new Promise((resolve) => setTimeout(resolve, 35));
    backend.expectOne(STATS).flush({ status: 502 }, { status: 502, statusText: 'Bad Gateway' });
    await settle();
    expect(text(host.querySelector('[data-testid=participation-count]'))).toBe('2');
    expect(text(host)).toContain('Kunde inte uppdatera statistiken.');
  });

  it('does not poll while the page is hidden', async () => {
    await create(20);
    backend.expectOne(STATS).flush({ districtId: 'skarpnack', invitationsCreated: 1, lastEventAt: null });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      await new Promise((resolve) => setTimeout(resolve, 70));
      backend.expectNone(STATS);
    } finally {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    }
  });

  it('refreshes after an invitation has been created', async () => {
    await create();
    backend.expectOne(STATS).flush({ districtId: 'skarpnack', invitationsCreated: 1, lastEventAt: null });
    await settle();
    TestBed.inject(InvitationStore).createdCount.update((n) => n + 1);
    await settle();
    backend.expectOne(STATS).flush({ districtId: 'skarpnack', invitationsCreated: 2, lastEventAt: '2026-03-01T09:31:00Z' });
    await settle();
    expect(text(host.querySelector('[data-testid=participation-count]'))).toBe('2');
  });
});
