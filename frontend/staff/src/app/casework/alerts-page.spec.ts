import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { of } from 'rxjs';
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
    backend.expectOne(`${API}/alerts/${alert.id}/acknowledge`).flush({ ...alert, acknowledgedAt: '2026-11-21T08:00:00Z', acknowledgedBy: 'cw', acknowledgedByName: 'Sara Lindqvist' });
    await settle();
    expect(host.querySelector('[data-testid=acknowledge]')).toBeNull();
    expect(text(host.querySelector('[data-testid=alert-acknowledged]'))).toMatch(/^Kvitterat .* av Sara Lindqvist$/);
    expect(TestBed.inject(AlertStore).unacknowledged()).toBe(0);
  });

  it('shows the empty state', async () => {
    backend.expectOne(`${API}/alerts`).flush({ items: [], unacknowledged: 0 });
    await settle();
    expect(text(host.querySelector('[data-testid=alerts-empty]'))).toBe('Det finns inga larm.');
  });

  it("shows the ladder's steps, and names a colleague when the name is unknown", async () => {
    const alert = {
      ...sampleView().alerts[0],
      escalated: true,
      acknowledgedAt: '2026-11-20T10:40:00Z',
      acknowledgedBy: 'someone',
      acknowledgedByName: null,
      steps: [
        { step: 'raised', reachedAt: '2026-11-20T10:00:01Z', recipients: 2, withoutContact: 0 },
        { step: 'unit-lead', reachedAt: '2026-11-20T10:15:00Z', recipients: 1, withoutContact: 1 },
      ],
    };
    backend.expectOne(`${API}/alerts`).flush({ items: [alert], unacknowledged: 0 });
    await settle();
    const steps = [...host.querySelectorAll('[data-testid=alert-steps] li')].map((li) => text(li));
    expect(steps[0]).toMatch(/^SMS och e-post till handläggare och enhetschef /);
    expect(steps[1]).toMatch(/^Påminnelse till enhetschef .* · 1 saknar kontaktuppgifter$/);
    expect(text(host.querySelector('[data-testid=alert-acknowledged]'))).toMatch(/av en kollega$/);
    expect(text(host.querySelector('[data-testid=alert]'))).toContain('Har gått vidare i eskaleringen');
  });
});

describe('AlertsPage opened from the link in an SMS (/larm?alert=<id>)', () => {
  it('selects that alert and puts the keyboard focus on its acknowledge button', async () => {
    const [a, b] = [
      { ...sampleView().alerts[0], id: 'aaaaaaaa-0000-4000-8000-000000000001' },
      { ...sampleView().alerts[0], id: 'aaaaaaaa-0000-4000-8000-000000000002' },
    ];
    TestBed.configureTestingModule({
      imports: [AlertsPage],
      providers: [...testProviders(), provideRouter([]), { provide: ActivatedRoute, useValue: { queryParamMap: of(convertToParamMap({ alert: b.id })) } }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AlertsPage);
    document.body.appendChild(fixture.nativeElement);
    fixture.detectChanges();
    await fixture.whenStable();
    backend.expectOne(`${API}/alerts`).flush({ items: [a, b], unacknowledged: 2 });
    for (let i = 0; i < 3; i++) {
      await fixture.whenStable();
      await flushMicrotasks();
      fixture.detectChanges();
    }
    const host = fixture.nativeElement as HTMLElement;
    const selected = host.querySelector('[data-testid=alert].selected') as HTMLElement;
    expect(selected.getAttribute('data-alert')).toBe(b.id);
    expect(selected.getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(selected.querySelector('[data-testid=acknowledge]'));
    fixture.destroy();
  });
});
