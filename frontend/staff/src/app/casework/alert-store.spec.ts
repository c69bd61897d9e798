import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API, testProviders } from '../../testing/providers';
import { ALERT_POLL_MS, AlertStore } from './alert-store';
import { sampleView } from './testing';

describe('AlertStore (the badge and the list)', () => {
  let backend: HttpTestingController;
  let store: AlertStore;

  // The auth interceptor awaits the token: let promises settle (real microtasks, fake clock).
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const tick = async (ms: number) => {
    jest.advanceTimersByTime(ms);
    await settle();
  };

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    TestBed.configureTestingModule({ providers: [...testProviders(), { provide: ALERT_POLL_MS, useValue: 1000 }] });
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(AlertStore);
  });

  afterEach(() => {
    store.stop();
    backend.verify();
    jest.useRealTimers();
  });

  it('the badge polls only the counts: no alert list, so no audited read, while the list is not on screen', async () => {
    store.start();
    await settle();
    backend.expectOne(`${API}/alerts/summary`).flush({ unacknowledged: 2, escalated: 0 });
    expect(store.unacknowledged()).toBe(2);
    await tick(1000);
    backend.expectOne(`${API}/alerts/summary`).flush({ unacknowledged: 3, escalated: 1 });
    expect(store.unacknowledged()).toBe(3);
    backend.expectNone(`${API}/alerts`);
  });

  it('while the alerts page shows the list, a new alert (the count changed) reloads it; an unchanged count does not', async () => {
    const alert = sampleView().alerts[0];
    store.start();
    await settle();
    backend.expectOne(`${API}/alerts/summary`).flush({ unacknowledged: 1, escalated: 0 });
    store.showList();
    await settle();
    backend.expectOne(`${API}/alerts`).flush({ items: [alert], unacknowledged: 1 });
    await tick(1000);
    backend.expectOne(`${API}/alerts/summary`).flush({ unacknowledged: 1, escalated: 0 });
    backend.expectNone(`${API}/alerts`);
    await tick(1000);
    backend.expectOne(`${API}/alerts/summary`).flush({ unacknowledged: 2, escalated: 0 });
    await settle();
    backend.expectOne(`${API}/alerts`).flush({ items: [alert, { ...alert, id: 'second' }], unacknowledged: 2 });
    expect(store.items()).toHaveLength(2);
    store.hideList();
    await tick(1000);
    backend.expectOne(`${API}/alerts/summary`).flush({ unacknowledged: 3, escalated: 0 });
    backend.expectNone(`${API}/alerts`);
  });
});
