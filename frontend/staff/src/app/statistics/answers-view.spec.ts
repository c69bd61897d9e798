import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { Session } from '../core/session';
import { AnswersView } from './answers-view';
import { periodOf, type AnswerStatistics } from './statistics-api';

jest.setTimeout(30_000);

const { from, to } = periodOf(12);
const view = (over: Partial<AnswerStatistics> = {}): AnswerStatistics => ({
  scope: { level: 'district', districtIds: ['farsta'], unitId: null },
  from,
  to,
  ageBand: '12-18',
  area: 'home',
  gender: null,
  occasion: null,
  paired: false,
  split: 'gender',
  groups: [
    { key: 'all', label: { sv: 'Farsta', en: 'Farsta' } },
    { key: 'girl', label: { sv: 'Flickor', en: 'Girls' } },
    { key: 'boy', label: { sv: 'Pojkar', en: 'Boys' } },
  ],
  responses: { all: 40, girl: 22, boy: 18 },
  questions: [
    {
      questionId: 'home-safe',
      area: 'home',
      type: 'yes-no-dont-know',
      text: { sv: 'Känner du dig trygg där du bor?', en: 'Do you feel safe where you live?' },
      options: [
        { optionId: 'yes', label: { sv: 'Ja', en: 'Yes' } },
        { optionId: 'no', label: { sv: 'Nej', en: 'No' } },
      ],
      cells: {
        all: { respondents: 40, options: { yes: 30, no: 8 }, declined: '<5', wantsToTalk: 6 },
        girl: { respondents: 22, options: { yes: 17, no: '<5' }, declined: 0, wantsToTalk: '<5' },
        boy: { respondents: 18, options: { yes: 13, no: '<5' }, declined: '<5', wantsToTalk: '<5' },
      },
    },
  ],
  protection: { method: 'cell-key', threshold: 5, maxDeviation: 2 },
  ...over,
});
const base = `${API}/statistics/answers?from=${from}&to=${to}&ageBand=12-18&area=home`;

async function setup(roles: string[]) {
  TestBed.configureTestingModule({ imports: [AnswersView], providers: testProviders() });
  TestBed.inject(Session).me.set({ subject: 's', name: null, districtId: 'farsta', districtName: 'Farsta', unit: null, roles });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(AnswersView);
  await fixture.whenStable();
  await flushMicrotasks();
  return { fixture, backend, host: fixture.nativeElement as HTMLElement };
}

describe('AnswersView', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows each question with its groups side by side, shares only of exact numbers, "<5" as the server sent it, and explains the protection', async () => {
    const { fixture, backend, host } = await setup(['district-admin']);
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar statistik…');
    backend.expectOne(`${base}&split=gender`).flush(view());
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=stat-protected-note]'))).toContain('Små tal visas som <5');
    expect(text(host.querySelector('[data-testid=stat-scope]'))).toBe('Farsta');
    const q = host.querySelector('[data-testid=stat-question-home-safe]')!;
    expect(text(q.querySelector('h3'))).toBe('Känner du dig trygg där du bor?');
    expect(Array.from(q.querySelectorAll('thead th')).map(text)).toEqual(['Svar', 'Farsta', 'Flickor', 'Pojkar']);
    expect(text(q.querySelector('[data-testid=cell-home-safe-yes-all]'))).toBe('30');
    expect(text(q.querySelector('[data-testid=cell-home-safe-no-girl]'))).toBe('<5');
    const yesRow = Array.from(q.querySelectorAll('tbody tr'))[0];
    expect(Array.from(yesRow.querySelectorAll('td')).map(text)).toEqual(['30', '75 %', '17', '77,3 %', '13', '72,2 %']);
    const noRow = Array.from(q.querySelectorAll('tbody tr'))[1];
    expect(Array.from(noRow.querySelectorAll('td')).map(text)).toEqual(['8', '20 %', '<5', '–', '<5', '–']);
    // District staff choose no district.
    expect(host.querySelector('[data-testid=stat-districts]')).toBeNull();
  });

  it('sends the chosen filters, and offers the central office a district', async () => {
    const { fixture, backend, host } = await setup(['central-analyst']);
    backend.expectOne(`${base}&split=gender`).flush(view());
    await fixture.whenStable();
    const choose = async (testid: string, value: string) => {
      const select = host.querySelector<HTMLSelectElement>(`[data-testid=${testid}]`)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await flushMicrotasks();
    };
    await choose('stat-districts', 'farsta');
    backend.expectOne(`${base}&districtIds=farsta&split=gender`).flush(view());
    await choose('stat-split', 'paired');
    backend.expectOne(`${base}&districtIds=farsta&paired=true&split=occasion`).flush(view({ paired: true, split: 'occasion' }));
    await choose('stat-area', 'school');
    backend.expectOne((r) => r.urlWithParams.includes('area=school')).flush(view());
  });

  it('says plainly when nothing was answered, and shows the server’s reason on errors', async () => {
    const { fixture, backend, host } = await setup(['district-admin']);
    backend.expectOne(`${base}&split=gender`).flush(view({ responses: { all: 0, girl: 0, boy: 0 } }));
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=stat-empty]'))).toBe('Det finns inga svar för det här urvalet. Välj en längre period eller ta bort ett filter.');
    const select = host.querySelector<HTMLSelectElement>('[data-testid=stat-gender]')!;
    select.value = 'girl';
    select.dispatchEvent(new Event('change'));
    await flushMicrotasks();
    backend.expectOne(`${base}&gender=girl&split=gender`).flush({ status: 503 }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(text(host.querySelector('[role=alert]'))).toContain('Kunde inte hämta statistiken.');
  });

  it('exports exactly the view on screen as CSV through the gateway', async () => {
    const { fixture, backend, host } = await setup(['district-admin']);
    backend.expectOne(`${base}&split=gender`).flush(view());
    await fixture.whenStable();
    (URL as unknown as { createObjectURL: () => string }).createObjectURL = () => 'blob:x';
    (URL as unknown as { revokeObjectURL: () => void }).revokeObjectURL = () => undefined;
    host.querySelector<HTMLButtonElement>('[data-testid=stat-export-csv]')!.click();
    await flushMicrotasks();
    const req = backend.expectOne(`${API}/statistics/answers/export?from=${from}&to=${to}&ageBand=12-18&area=home&split=gender&format=csv`);
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['x']));
    await fixture.whenStable();
    expect(host.querySelector('[data-testid=stat-export-csv]')!.hasAttribute('disabled')).toBe(false);
  });
});
