import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { FeedbackForm } from './feedback-form';
import { INVITATION_ID } from './testing';

@Component({ imports: [FeedbackForm], template: `<dk-feedback-form invitationId="${INVITATION_ID}" />` })
class Host {}

const TEMPLATES = [
  {
    key: 'what-it-led-to',
    label: { sv: 'Det du berättade gjorde att…', en: 'What you told us led to…' },
    text: { sv: 'Tack för att du svarade. Det du berättade gjorde att ', en: 'Thank you. What you told us led to ' },
  },
];

jest.setTimeout(60_000);

describe('FeedbackForm', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;
  let host: HTMLElement;
  const settle = async () => {
    await fixture.whenStable();
    await flushMicrotasks();
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const textarea = () => host.querySelector('[data-testid=feedback-text]') as HTMLTextAreaElement;
  const type = async (value: string) => {
    textarea().value = value;
    textarea().dispatchEvent(new Event('input'));
    await settle();
  };

  async function create(given: unknown[] = [], rating: string | null = null) {
    TestBed.configureTestingModule({ imports: [Host], providers: testProviders() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    host = fixture.nativeElement;
    await settle();
    backend.expectOne(`${API}/feedback-templates`).flush({ items: TEMPLATES });
    backend.expectOne(`${API}/invitations/${INVITATION_ID}/feedback`).flush({ items: given, rating });
    await settle();
  }

  afterEach(() => {
    fixture.destroy();
    backend.verify({ ignoreCancelled: true });
  });

  it('starts the text from a template, previews it and sends it with the template key', async () => {
    await create();
    const select = host.querySelector('[data-testid=feedback-template]') as HTMLSelectElement;
    expect([...select.options].map((o) => text(o))).toEqual(['Ingen mall – skriv själv', 'Det du berättade gjorde att…']);
    select.value = 'what-it-led-to';
    select.dispatchEvent(new Event('change'));
    await settle();
    expect(textarea().value).toBe('Tack för att du svarade. Det du berättade gjorde att ');
    await type(textarea().value + 'du får bo kvar.');

    (host.querySelector('[data-testid=feedback-preview-toggle]') as HTMLButtonElement).click();
    await settle();
    expect(text(host.querySelector('[data-testid=feedback-preview]'))).toContain('Det du berättade gjorde att du får bo kvar.');

    (host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    const req = backend.expectOne(`${API}/invitations/${INVITATION_ID}/feedback`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ text: 'Tack för att du svarade. Det du berättade gjorde att du får bo kvar.', templateKey: 'what-it-led-to' });
    req.flush({ id: 'f1', invitationId: INVITATION_ID, text: req.request.body.text, templateKey: 'what-it-led-to', givenBy: 'cw', givenAt: '2026-11-22T10:00:00Z' }, { status: 201, statusText: 'Created' });
    await settle();
    expect(text(host.querySelector('[data-testid=feedback-sent]'))).toBe('Återkopplingen är skickad. Barnet får ett meddelande.');
    expect(text(host.querySelector('[data-testid=feedback-given]'))).toContain('du får bo kvar.');
    expect(text(host.querySelector('[data-testid=feedback-rating]'))).toBe('Hur delaktig barnet kände sig: Inte svarat än');
  });

  it('refuses an empty text without calling the server', async () => {
    await create();
    (host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    expect(text(host.querySelector('.field-error'))).toBe('Skriv något till barnet.');
    backend.expectNone(`${API}/invitations/${INVITATION_ID}/feedback`);
  });

  it("shows the server's field error in Swedish", async () => {
    await create();
    await type('Hej');
    (host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    backend
      .expectOne(`${API}/invitations/${INVITATION_ID}/feedback`)
      .flush({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'text', reason: 'may be at most 2000 characters' }] }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(text(host.querySelector('.field-error'))).toContain('2000');
    expect(host.querySelector('[data-testid=feedback-sent]')).toBeNull();
  });

  it("lists earlier feedback and the child's rating", async () => {
    await create([{ id: 'f0', invitationId: INVITATION_ID, text: 'Vi har bestämt att…', templateKey: null, givenBy: 'cw', givenAt: '2026-11-21T10:00:00Z' }], '4');
    expect(text(host.querySelector('[data-testid=feedback-given]'))).toContain('Vi har bestämt att…');
    expect(text(host.querySelector('[data-testid=feedback-rating]'))).toBe('Hur delaktig barnet kände sig: 4 / 5');
  });
});
