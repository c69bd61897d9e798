import { TestBed } from '@angular/core/testing';
import { App } from './app';

/**
 * The component in jsdom with a scripted gateway (fetch replaced): code entry and its
 * messages, the first screen, answering with autosave, submit with one Idempotency-Key
 * kept across a retry, and quick exit clearing storage. Real-browser tests: tests/browser/child*.spec.ts.
 */
type Call = { method: string; url: string; body: unknown; headers: Record<string, string> };
const content = {
  schemaVersion: 1,
  ageBand: '6-11',
  title: { sv: { text: 'Hur har du det?' }, en: { text: 'How are things?' } },
  intro: { sv: { text: 'Din socialsekreterare läser svaren.' }, en: { text: 'Your social worker reads the answers.' } },
  areas: [
    {
      id: 'home',
      title: { sv: { text: 'Hemma' } },
      questions: [
        {
          id: 'home-safe',
          type: 'yes-no-dont-know',
          text: { sv: { text: 'Känner du dig trygg där du bor?' } },
          safetyMessage: { sv: { text: 'En vuxen hör av sig. Ring 112 eller BRIS 116 111.' } },
          options: [
            { id: 'yes', icon: 'thumb-up', label: { sv: { text: 'Ja' } } },
            { id: 'no', icon: 'thumb-down', label: { sv: { text: 'Nej' } }, safety: true },
            { id: 'dont-know', icon: 'question-mark', label: { sv: { text: 'Vet inte' } } },
          ],
        },
        { id: 'home-talk', type: 'talk-flag', text: { sv: { text: 'Vill du prata om något?' } } },
      ],
    },
  ],
};

function gateway(script: (c: Call) => { status: number; body?: unknown } | undefined, config: Record<string, unknown> = {}) {
  const calls: Call[] = [];
  (globalThis as { fetch: unknown }).fetch = jest.fn(async (url: string, init: RequestInit = {}) => {
    const call: Call = { method: init.method ?? 'GET', url, body: init.body ? JSON.parse(init.body as string) : undefined, headers: (init.headers ?? {}) as Record<string, string> };
    calls.push(call);
    const r = url.endsWith('/config.json') ? { status: 200, body: { gatewayUrl: 'http://gw', ...config } } : (script(call) ?? { status: 404, body: {} });
    return { ok: r.status < 400, status: r.status, text: async () => JSON.stringify(r.body ?? {}), json: async () => r.body } as Response;
  });
  return calls;
}

async function render(hash: string) {
  location.hash = hash;
  await TestBed.configureTestingModule({ imports: [App] }).compileComponents();
  const fixture = TestBed.createComponent(App);
  const host = fixture.nativeElement as HTMLElement;
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 0));
      await fixture.whenStable();
    }
  };
  await settle();
  const click = async (text: string) => {
    const b = [...host.querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
    if (!b) throw new Error(`no button "${text}" in: ${host.textContent}`);
    b.click();
    await settle();
  };
  const typeCode = async (code: string) => {
    const input = host.querySelector('#code') as HTMLInputElement;
    input.value = code;
    input.dispatchEvent(new Event('input'));
    await settle();
    (host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
  };
  return { fixture, host, settle, click, typeCode };
}

/** Lets the app run (real timers) until `ok` holds, or fails after `ms`. */
async function until(settle: () => Promise<void>, ok: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await settle();
  expect(ok()).toBe(true);
}

jest.setTimeout(30_000); // the first render compiles the component; slow on a busy machine

describe('child app', () => {
  beforeEach(() => sessionStorage.clear());

  it('asks for the code, neutrally, and says when the link is missing', async () => {
    gateway(() => undefined);
    const { host } = await render('');
    expect(host.querySelector('h1')?.textContent?.trim()).toBe('Skriv in din kod');
    expect(host.textContent).toContain('Öppna länken som du har fått');
    expect(document.title).toBe('Enkät');
    expect(host.textContent).toContain('Esc');
    expect(host.textContent?.toLowerCase()).not.toMatch(/socialtjänst|social services|handläggare/);
  });

  it('keeps the language chosen last when the child switches quickly (an earlier choice loading later does not win)', async () => {
    gateway(() => undefined);
    const { fixture, host, settle } = await render('');
    const app = fixture.componentInstance as unknown as { setLocale(l: string): Promise<void> };
    // Arabic's texts load on demand; Swedish ones are there already: Swedish settles first.
    await Promise.all([app.setLocale('ar'), app.setLocale('sv')]);
    await settle();
    expect(document.documentElement.lang).toBe('sv');
    expect(document.documentElement.dir).toBe('ltr');
    expect(host.querySelector('h1')?.textContent?.trim()).toBe('Skriv in din kod');
  });

  it('tells a wrong code with attempts left, then a locked one, in plain words', async () => {
    let attempt = 0;
    const calls = gateway((c) =>
      c.url.endsWith('/session')
        ? ++attempt === 1
          ? { status: 401, body: { code: 'child-access-wrong-code', attemptsLeft: 3 } }
          : { status: 423, body: { code: 'child-access-locked' } }
        : undefined,
    );
    const { host, typeCode } = await render('#/i/tok_abcdefgh12');
    await typeCode(' abcd 2345 ');
    expect(calls.find((c) => c.url === 'http://gw/api/v1/child/session')?.body).toEqual({ token: 'tok_abcdefgh12', code: 'ABCD-2345' });
    expect(host.querySelector('[role=alert]')?.textContent).toContain('Du kan försöka 3 gånger till.');
    expect(host.querySelector('#code')?.getAttribute('aria-invalid')).toBe('true');
    await typeCode('ABCD-2346');
    expect(host.querySelector('[role=alert]')?.textContent).toContain('för många gånger');
    expect(host.querySelector('#code')).toBeNull();
  });

  it("offers the young person's own BankID where the link allows it: QR code, then in as with the code", async () => {
    let collects = 0;
    const session = { sessionToken: 'jwt', expiresAt: new Date(Date.now() + 20 * 60_000).toISOString(), invitation: { ageBand: '12-18', language: 'sv', questionnaireVersionId: 'v', answering: true } };
    const pending = { orderId: 'o1', state: 'pending', hintCode: 'outstandingTransaction', message: 'Starta BankID-appen.', messageEn: 'Start your BankID app.', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', autostartUrl: 'bankid:///?autostarttoken=t&redirect=null', session: null };
    const calls = gateway((c) => {
      if (c.url.endsWith('/session/methods')) return { status: 200, body: { code: true, bankId: true } };
      if (c.url.endsWith('/session/bankid')) return { status: 201, body: pending };
      if (c.url.endsWith('/session/bankid/collect'))
        return ++collects === 1
          ? { status: 200, body: { ...pending, qrSvg: null, hintCode: 'userSign', message: 'Skriv in din säkerhetskod i BankID-appen.' } }
          : { status: 200, body: { ...pending, state: 'complete', qrSvg: null, autostartUrl: null, session } };
      if (c.url.endsWith('/response') && c.method === 'GET') return { status: 200, body: { status: 'not-started', answers: [], position: null, submittedAt: null } };
      if (c.url.endsWith('/questionnaire')) return { status: 200, body: { versionId: 'v', ageBand: '12-18', content } };
      return undefined;
    });
    const { host, settle } = await render('#/i/tok_abcdefgh12');
    const waitFor = (ok: () => boolean) => until(settle, ok);
    const message = () => host.querySelector('[data-testid=bankid-message]')?.textContent?.trim();
    expect(calls.find((c) => c.url.endsWith('/session/methods'))?.body).toEqual({ token: 'tok_abcdefgh12' });
    const start = host.querySelector('[data-testid=bankid-start]') as HTMLButtonElement;
    expect(start.textContent?.trim()).toBe('Logga in med BankID');
    start.click();
    await waitFor(() => message() === 'Starta BankID-appen.');
    expect((host.querySelector('[data-testid=bankid-qr]') as HTMLImageElement).src).toMatch(/^data:image\/svg\+xml/);
    expect(host.querySelector('[data-testid=bankid-same-device]')?.getAttribute('href')).toBe('bankid:///?autostarttoken=t&redirect=null');
    expect(host.querySelector('#code')).toBeNull();
    expect(JSON.parse(sessionStorage.getItem('dk.bankid') ?? '{}')).toMatchObject({ link: 'tok_abcdefgh12', orderId: 'o1' });
    await waitFor(() => message() === 'Skriv in din säkerhetskod i BankID-appen.');
    expect(host.querySelector('[data-testid=bankid-qr]')).toBeNull();
    await waitFor(() => !!host.querySelector('[data-testid=start]'));
    expect(calls.filter((c) => c.url.endsWith('/session/bankid/collect')).map((c) => c.body)).toEqual([{ orderId: 'o1' }, { orderId: 'o1' }]);
    expect(JSON.parse(sessionStorage.getItem('dk.session') ?? '{}').token).toBe('jwt');
    expect(sessionStorage.getItem('dk.bankid')).toBeNull();
  });

  it("tells plainly when BankID identified somebody else, and lets the young person use the code instead", async () => {
    gateway((c) => {
      if (c.url.endsWith('/session/methods')) return { status: 200, body: { code: true, bankId: true } };
      if (c.url.endsWith('/session/bankid'))
        return { status: 201, body: { orderId: 'o2', state: 'failed', hintCode: 'wrongPerson', message: 'Det här BankID hör inte till den som inbjudan är till.', messageEn: 'Not yours.', qrSvg: null, autostartUrl: null, session: null } };
      return undefined;
    });
    const { host, click } = await render('#/i/tok_abcdefgh12');
    await click('Logga in med BankID');
    expect(host.querySelector('[data-testid=bankid-message]')?.textContent?.trim()).toBe('Det här BankID hör inte till den som inbjudan är till.');
    await click('Använd koden i stället');
    expect(host.querySelector('#code')).not.toBeNull();
  });

  it('opens, explains, saves as the child goes, shows the safety message, submits with one key across a retry', async () => {
    let submits = 0;
    const calls = gateway((c) => {
      if (c.url.endsWith('/session')) return { status: 201, body: { sessionToken: 'jwt', expiresAt: new Date(Date.now() + 20 * 60_000).toISOString(), invitation: { ageBand: '6-11', language: 'sv', questionnaireVersionId: 'v', answering: true } } };
      if (c.url.endsWith('/response') && c.method === 'GET') return { status: 200, body: { status: 'not-started', answers: [], position: null, submittedAt: null } };
      if (c.url.endsWith('/questionnaire')) return { status: 200, body: { versionId: 'v', ageBand: '6-11', content } };
      if (c.url.endsWith('/response/draft')) return { status: 200, body: { savedAt: new Date().toISOString(), safety: [] } };
      if (c.url.endsWith('/response/submit')) return ++submits === 1 ? { status: 503, body: {} } : { status: 201, body: { responseId: 'r', submittedAt: 'now', safetyRaised: true } };
      return undefined;
    });
    const { host, typeCode, click, settle } = await render('#/i/tok_abcdefgh12');
    await typeCode('ABCD2345');
    expect(host.textContent).toContain('Vem läser dina svar?');
    expect(host.textContent).toContain('Din socialsekreterare läser svaren.');
    expect(JSON.parse(sessionStorage.getItem('dk.session') ?? '{}').token).toBe('jwt');
    await click('Börja');
    expect(host.querySelector('h1')?.textContent?.trim()).toBe('Känner du dig trygg där du bor?');
    expect(host.textContent).toContain('Fråga 1 av 2');
    (host.querySelector('#o-no') as HTMLInputElement).click();
    await settle();
    expect(host.querySelector('[data-testid=safety-message]')?.textContent).toContain('En vuxen hör av sig.');
    (host.querySelector('[data-testid=want-to-talk]') as HTMLButtonElement).click();
    await settle();
    expect(host.querySelector('[data-testid=want-to-talk]')?.getAttribute('aria-pressed')).toBe('true');
    await click('Nästa');
    const drafts = calls.filter((c) => c.url.endsWith('/response/draft'));
    expect(drafts.at(-1)?.body).toEqual({ answers: [{ questionId: 'home-safe', value: { kind: 'option', optionId: 'no' }, wantsToTalk: true }], position: 'home-talk' });
    expect(drafts.at(-1)?.headers['authorization']).toBe('Bearer jwt');
    await click('Jag vill inte svara');
    expect(host.querySelector('h1')?.textContent?.trim()).toBe('Titta på dina svar');
    await click('Skicka svaren');
    expect(host.querySelector('[role=alert]')?.textContent).toContain('Svaren kom inte fram');
    await click('Skicka svaren');
    expect(host.querySelector('h1')?.textContent?.trim()).toBe('Tack!');
    const sent = calls.filter((c) => c.url.endsWith('/response/submit'));
    expect(sent).toHaveLength(2);
    expect(sent[0].headers['idempotency-key']).toMatch(/\S{16,}/);
    expect(sent[1].headers['idempotency-key']).toBe(sent[0].headers['idempotency-key']);
    expect(sent[1].body).toEqual({
      answers: [
        { questionId: 'home-safe', value: { kind: 'option', optionId: 'no' }, wantsToTalk: true },
        { questionId: 'home-talk', value: { kind: 'declined' }, wantsToTalk: false },
      ],
    });
  });

  it('shows the caseworker feedback after submission and sends the involvement rating', async () => {
    const calls = gateway((c) => {
      if (c.url.endsWith('/session')) return { status: 201, body: { sessionToken: 'jwt', expiresAt: new Date(Date.now() + 20 * 60_000).toISOString(), invitation: { ageBand: '6-11', language: 'sv', questionnaireVersionId: 'v', answering: false } } };
      if (c.url.endsWith('/response')) return { status: 200, body: { status: 'submitted', answers: [], position: null, submittedAt: 'then' } };
      if (c.url.endsWith('/feedback')) return { status: 200, body: { items: [{ id: 'f1', text: 'Tack för att du svarade. Vi ska prata om skolan.', givenAt: 'now' }], rating: null } };
      if (c.url.endsWith('/feedback/rating')) return { status: 201, body: {} };
      return undefined;
    });
    const { host, typeCode, click, settle } = await render('#/i/tok_abcdefgh12');
    await typeCode('ABCD2345');
    expect(host.querySelector('h1')?.textContent?.trim()).toBe('Till dig från din socialsekreterare');
    expect(host.textContent).toContain('Vi ska prata om skolan.');
    (host.querySelector('#r-dont-know') as HTMLInputElement).click();
    await settle();
    await click('Skicka');
    expect(calls.find((c) => c.url.endsWith('/feedback/rating'))?.body).toEqual({ rating: 'dont-know' });
    expect(host.textContent).toContain('Tack för ditt svar!');
  });

  it('warns after inactivity, lets the child stay (refreshing the session), and ends the session when nobody answers', async () => {
    const calls = gateway(
      (c) => {
        const session = { status: 201, body: { sessionToken: 'jwt', expiresAt: new Date(Date.now() + 20 * 60_000).toISOString(), invitation: { ageBand: '6-11', language: 'sv', questionnaireVersionId: 'v', answering: true } } };
        if (c.url.endsWith('/session') || c.url.endsWith('/session/refresh')) return session;
        if (c.url.endsWith('/response')) return { status: 200, body: { status: 'not-started', answers: [], position: null, submittedAt: null } };
        if (c.url.endsWith('/questionnaire')) return { status: 200, body: { versionId: 'v', ageBand: '6-11', content } };
        return undefined;
      },
      { idleMinutes: 0.01, idleWarningSeconds: 2 },
    );
    const { host, typeCode, click, settle } = await render('#/i/tok_abcdefgh12');
    await typeCode('ABCD2345');
    expect(host.textContent).toContain('Vem läser dina svar?');
    const waitFor = (ok: () => boolean) => until(settle, ok);
    const dialog = () => document.getElementById('idle') as HTMLDialogElement;
    await waitFor(() => dialog().hasAttribute('open'));
    expect(dialog().textContent).toContain('Är du kvar?');
    expect(dialog().textContent).toMatch(/Om [12] sekunder stängs sidan/);
    await click('Jag är kvar');
    expect(dialog().hasAttribute('open')).toBe(false);
    expect(calls.some((c) => c.url.endsWith('/session/refresh'))).toBe(true);
    await waitFor(() => dialog().hasAttribute('open'));
    await waitFor(() => host.querySelector('h1')?.textContent?.trim() === 'Skriv in din kod');
    expect(host.textContent).toContain('Dina svar är sparade. Skriv in koden igen');
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('dk.'))).toEqual([]);
  }, 20_000);
});
