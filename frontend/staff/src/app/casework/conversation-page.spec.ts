import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { ConversationPage } from './conversation-page';
import { INVITATION_ID, routeWithId, sampleView } from './testing';

jest.setTimeout(60_000);

describe('ConversationPage', () => {
  let fixture: ComponentFixture<ConversationPage>;
  let backend: HttpTestingController;
  let host: HTMLElement;
  const settle = async () => {
    await fixture.whenStable();
    await flushMicrotasks();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [ConversationPage], providers: [...testProviders(), provideRouter([]), routeWithId()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ConversationPage);
    host = fixture.nativeElement;
    await settle();
    const req = backend.expectOne(`${API}/invitations/${INVITATION_ID}/response?mode=conversation`);
    req.flush(sampleView());
    await settle();
  });

  afterEach(() => {
    fixture.destroy();
    backend.verify({ ignoreCancelled: true });
  });

  it('shows one area at a time in its own words, without alert labels or trends', () => {
    expect(text(host.querySelector('[data-testid=conversation-area]'))).toBe('Hemma');
    expect(text(host.querySelector('[data-testid=conversation-progress]'))).toBe('Område 1 av 2');
    expect(host.querySelectorAll('[data-testid=conversation-question]')).toHaveLength(1);
    expect(text(host)).not.toContain('Skolan');
    expect(text(host)).not.toContain('Larm');
    expect(text(host)).not.toContain('Tidigare');
    expect((host.querySelector('[data-testid=conversation-previous]') as HTMLButtonElement).disabled).toBe(true);
  });

  it('moves with the buttons and the arrow keys, and focuses the area heading', async () => {
    (host.querySelector('[data-testid=conversation-next]') as HTMLButtonElement).click();
    await settle();
    expect(text(host.querySelector('[data-testid=conversation-area]'))).toBe('Skolan');
    expect(text(host)).toContain('Du vill prata om det här.');
    expect(document.activeElement).toBe(host.querySelector('[data-testid=conversation-area]'));
    expect((host.querySelector('[data-testid=conversation-next]') as HTMLButtonElement).disabled).toBe(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    await settle();
    expect(text(host.querySelector('[data-testid=conversation-area]'))).toBe('Hemma');
  });

  it('Escape returns to the answers page', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/invitations', INVITATION_ID]);
  });
});
