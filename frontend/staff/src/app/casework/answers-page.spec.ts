import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { AnswersPage } from './answers-page';
import { INVITATION_ID, routeWithId, sampleView } from './testing';

jest.setTimeout(60_000);

describe('AnswersPage', () => {
  let fixture: ComponentFixture<AnswersPage>;
  let backend: HttpTestingController;
  let host: HTMLElement;
  const RESPONSE = `${API}/invitations/${INVITATION_ID}/response?mode=view`;

  const settle = async () => {
    await fixture.whenStable();
    await flushMicrotasks();
    fixture.detectChanges();
  };

  async function create() {
    TestBed.configureTestingModule({ imports: [AnswersPage], providers: [...testProviders(), provideRouter([]), routeWithId()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AnswersPage);
    host = fixture.nativeElement;
    await settle();
  }

  /** The feedback form's own requests. */
  function flushFeedback() {
    backend.expectOne(`${API}/feedback-templates`).flush({ items: [] });
    backend.expectOne(`${API}/invitations/${INVITATION_ID}/feedback`).flush({ items: [], rating: null });
  }

  afterEach(() => {
    fixture.destroy();
    backend.verify({ ignoreCancelled: true });
  });

  it('shows a loading state, then alerts and "vill prata" before the areas, with the trend', async () => {
    await create();
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar svaren…');
    backend.expectOne(RESPONSE).flush(sampleView());
    await settle();
    flushFeedback();
    await settle();

    const sections = [...host.querySelectorAll('section h2')].map((h) => text(h));
    expect(sections.slice(0, 4)).toEqual(['Larm', 'Barnet vill prata om', 'Hemma', 'Skolan']);
    expect(text(host.querySelector('[data-testid=answers-alerts]'))).toContain('Känner du dig trygg hemma?');
    expect(text(host.querySelector('[data-testid=answers-talk]'))).toContain('Har du kompisar i skolan?');
    const answers = host.querySelectorAll('[data-testid=answer]');
    expect(text(answers[0])).toContain('Nej');
    expect(text(answers[0])).toContain('Larm');
    expect(text(answers[0].querySelector('[data-testid=trend]'))).toBe('Tidigare: Tillfälle 1: Ja');
    expect(text(answers[1])).toContain('Vill inte svara');
    expect(text(answers[1])).toContain('Vill prata');
  });

  it('acknowledges an alert from the answers page', async () => {
    await create();
    backend.expectOne(RESPONSE).flush(sampleView());
    await settle();
    flushFeedback();
    (host.querySelector('[data-testid=answers-acknowledge]') as HTMLButtonElement).click();
    await settle();
    const ack = backend.expectOne(`${API}/alerts/aaaaaaaa-2222-4333-8444-555555555555/acknowledge`);
    expect(ack.request.method).toBe('POST');
    ack.flush({ ...sampleView().alerts[0], acknowledgedAt: '2026-11-21T08:00:00Z', acknowledgedBy: 'cw' });
    await settle();
    expect(host.querySelector('[data-testid=answers-acknowledge]')).toBeNull();
    expect(text(host.querySelector('[data-testid=answers-alerts]'))).toContain('Kvitterat');
  });

  it('downloads the PDF export with the server file name', async () => {
    await create();
    backend.expectOne(RESPONSE).flush(sampleView());
    await settle();
    flushFeedback();
    const createObjectURL = jest.fn(() => 'blob:x');
    Object.assign(window.URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    (host.querySelector('[data-testid=export-pdf]') as HTMLButtonElement).click();
    await settle();
    expect(text(host.querySelector('[data-testid=export-pdf]'))).toBe('Exporterar…');
    const req = backend.expectOne(`${API}/invitations/${INVITATION_ID}/response/export?format=pdf`);
    req.flush(new Blob(['%PDF-1.3']), { headers: { 'content-disposition': 'attachment; filename="delaktig-svar-11111111-tillfalle-2.pdf"' } });
    await settle();
    expect(createObjectURL).toHaveBeenCalled();
    expect(clicked).toEqual(['delaktig-svar-11111111-tillfalle-2.pdf']);
    expect(text(host.querySelector('[data-testid=export-pdf]'))).toBe('Exportera PDF');
  });

  it('says so when the child has not sent the answers yet, and offers no export', async () => {
    await create();
    backend.expectOne(RESPONSE).flush({ ...sampleView(), status: 'draft', submittedAt: null, alerts: [], areas: [], wantsToTalk: [] });
    await settle();
    expect(text(host.querySelector('[data-testid=answers-not-submitted]'))).toBe('Barnet har inte skickat sina svar än.');
    expect(host.querySelector('[data-testid=export-pdf]')).toBeNull();
  });

  it('shows an error with retry when the invitation is not among yours', async () => {
    await create();
    backend.expectOne(RESPONSE).flush({ status: 404, code: 'NOT_FOUND', title: 'Not found.' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(text(host.querySelector('[data-testid=answers-error]'))).toBe('Kunde inte hämta svaren. Det du letar efter finns inte.');
  });
});
