import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { InvitationList } from './invitation-list';
import { InvitationStore } from './invitation-store';

describe('InvitationList', () => {
  let fixture: ComponentFixture<InvitationList>;
  let backend: HttpTestingController;
  let host: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [InvitationList], providers: [...testProviders(), InvitationStore] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(InvitationList);
    host = fixture.nativeElement;
    TestBed.inject(InvitationStore).load();
    await fixture.whenStable();
    await flushMicrotasks();
  });

  afterEach(() => backend.verify());

  it('shows the empty state', async () => {
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar inbjudningar…');
    backend.expectOne(`${API}/invitations`).flush({ items: [] });
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=invitations-empty]'))).toBe('Det finns inga inbjudningar ännu.');
    expect(host.querySelector('table')).toBeNull();
  });

  it('lists the invitations with column headers', async () => {
    backend.expectOne(`${API}/invitations`).flush({
      items: [
        { id: 'inv-1', caseReference: 'AB-1', birthYear: 2014, ageBand: '6-11', districtId: 'skarpnack', createdAt: '2026-03-01T09:30:00Z', status: 'sent', channel: 'sms', questionnaireVersionId: 'v-611-2' },
        { id: 'inv-2', caseReference: 'AB-2', birthYear: 2010, ageBand: '12-18', districtId: 'skarpnack', createdAt: '2026-03-02T09:30:00Z', status: 'revoked', channel: 'email', questionnaireVersionId: null },
      ],
    });
    await fixture.whenStable();
    await flushMicrotasks();
    // Which questionnaire version each invitation used comes from the questionnaire list.
    backend.expectOne(`${API}/questionnaires`).flush({
      items: [{ id: 't', key: 'default-6-11', ageBand: '6-11', name: { sv: '', en: '' }, latestPublished: null, versions: [{ id: 'v-611-2', version: 2 }] }],
    });
    await fixture.whenStable();
    const headers = Array.from(host.querySelectorAll('th')).map(text);
    expect(headers).toEqual(['Ärendereferens', 'Status', 'Åldersgrupp', 'Kanal', 'Frågeversion', 'Skapad', 'Gäller till', 'Åtgärder']);
    const rows = Array.from(host.querySelectorAll('tbody tr')).map((row) => Array.from(row.querySelectorAll('td')).map(text));
    expect(rows.map((cells) => [cells[0], cells[1], cells[2], cells[3], cells[4]])).toEqual([
      ['AB-1', 'Skickad', '6–11 år', 'SMS', '2'],
      ['AB-2', 'Återkallad', '12–18 år', 'E-post', '–'],
    ]);
    // actions only on invitations that have not ended; "unlock" only on locked ones
    expect(Array.from(host.querySelectorAll('tbody tr')[0].querySelectorAll('button')).map(text)).toEqual(['Skicka igen', 'Förläng 14 dagar', 'Återkalla']);
    expect(host.querySelectorAll('tbody tr')[1].querySelectorAll('button').length).toBe(0);
  });

  it('marks a locked invitation and unlocks it in place', async () => {
    backend.expectOne(`${API}/invitations`).flush({
      items: [{ id: 'inv-3', caseReference: 'AB-3', birthYear: 2016, ageBand: '6-11', districtId: 'skarpnack', createdAt: '2026-03-01T09:30:00Z', status: 'opened', channel: 'sms', lockedAt: '2026-03-02T10:00:00Z' }],
    });
    await fixture.whenStable();
    await flushMicrotasks();
    backend.match(`${API}/questionnaires`).forEach((r) => r.flush({ items: [] }));
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=invitation-locked]'))).toBe('Låst');
    const unlock = Array.from(host.querySelectorAll('tbody tr button')).find((b) => text(b) === 'Lås upp') as HTMLButtonElement;
    expect(unlock).toBeDefined();
    unlock.click();
    await flushMicrotasks();
    const request = backend.expectOne(`${API}/invitations/inv-3/unlock`);
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(host.querySelector('[data-testid=invitation-locked]')).toBeNull();
    expect(Array.from(host.querySelectorAll('tbody tr button')).map(text)).not.toContain('Lås upp');
    expect(text(host.querySelector('[data-testid=invitation-action-notice]'))).toBe('Klart: AB-3 – Lås upp.');
  });

  it('marks the invitations a young person can also open with their own BankID', async () => {
    backend.expectOne(`${API}/invitations`).flush({
      items: [
        { id: 'inv-4', caseReference: 'AB-4', birthYear: 2011, ageBand: '12-18', districtId: 'skarpnack', createdAt: '2026-03-01T09:30:00Z', status: 'sent', channel: 'sms', childBankId: true },
        { id: 'inv-5', caseReference: 'AB-5', birthYear: 2011, ageBand: '12-18', districtId: 'skarpnack', createdAt: '2026-03-01T09:30:00Z', status: 'sent', channel: 'sms', childBankId: false },
      ],
    });
    await fixture.whenStable();
    await flushMicrotasks();
    backend.match(`${API}/questionnaires`).forEach((r) => r.flush({ items: [] }));
    await fixture.whenStable();
    const chips = host.querySelectorAll('[data-testid=invitation-bankid]');
    expect(chips).toHaveLength(1);
    expect(text(chips[0])).toBe('BankID');
    expect(chips[0].getAttribute('title')).toBe('Den unga kan också öppna inbjudan med sitt eget BankID.');
    expect(chips[0].closest('tr')?.getAttribute('data-invitation-id')).toBe('inv-4');
  });

  it('shows why the list could not be loaded', async () => {
    backend.expectOne(`${API}/invitations`).flush({ status: 403 }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(text(host.querySelector('[role=alert]'))).toBe(
      'Kunde inte hämta inbjudningarna. Du har inte behörighet att göra det här.',
    );
  });
});
