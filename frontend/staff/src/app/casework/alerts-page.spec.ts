import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { AlertStore } from './alert-store';
import { AlertsPage } from './alerts-page';
import { sampleView } from './testing';

jest.setTimeout(60_000);

describe('AlertsPage', () => {
  let fixture: ComponentFixture<AlertsPage>;
  let backend: HttpTestingController;
  let host: HTMLElement;
  const settle = async () => {
    await fixture.whenStable();
    await flushMicrotasks();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [AlertsPage], providers: [...testProviders(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AlertsPage);
    host = fixture.nativeElement;
    await settle();
  });

  afterEach(() => {
    fixture.destroy();
    backend.verify({ ignoreCancelled: true });
  });

  it('lists alerts and acknowledges one, which lowers the open count', async () => {
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar larm…');
    const alert = sampleView().alerts[0];
    backend.expectOne(`${API}/alerts`).flush({ items: [alert], unacknowledged: 1 });
    await settle();
    expect(text(host.querySelector('[data-testid=alert]'))).toContain('Känner du dig trygg hemma?');
    expect(TestBed.inject(AlertStore).unacknowledged()).toBe(1);
    (host.querySelector('[data-testid=acknowledge]') as HTMLButtonElement).click();
    await settle();
    backend.expectOne(`${API}/alerts/${alert.id}/acknowledge`).flush({ ...alert, acknowledgedAt: '2026-11-21T08:00:00Z', acknowledgedBy: 'cw' });
    await settle();
    expect(host.querySelector('[data-testid=acknowledge]')).toBeNull();
    expect(text(host.querySelector('[data-testid=alert-acknowledged]'))).toContain('Kvitterat');
    expect(TestBed.inject(AlertStore).unacknowledged()).toBe(0);
  });

  it('shows the empty state', async () => {
    backend.expectOne(`${API}/alerts`).flush({ items: [], unacknowledged: 0 });
    await settle();
    expect(text(host.querySelector('[data-testid=alerts-empty]'))).toBe('Det finns inga larm.');
  });
});
