import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { api, caseRef, tokenFor, validInvitation, waitFor, withDb } from '../integration/support/api';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { testEnv } from '../integration/support/env';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber } from '../support/staff-sign-in';
import { signInWithBankIdQr } from './support/bankid';
import { STAFF_URL, formatViolations, launchChromium, pollUntil, runAxe, saveScreenshot } from './support/browser';
import { CHILD_URL, expectNoViolations, h1, nextScreen, openPhone, spoken, tabTo } from './support/child';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { pdfText } from '../../services/responses/src/testing/pdf-text';

/**
 * The whole journey of issue 5 on the real stack, nothing injected: a caseworker's two
 * invitations for the same child go out by SMS (simulator); the child answered the first
 * occasion earlier; now, on a phone and by keyboard only, the child answers the second —
 * reads aloud, switches to Arabic for part of it and back, marks a topic to talk about and
 * picks a safety answer. The caseworker signs in with BankID, sees the alert, acknowledges it,
 * reads the answers with the trend against the first occasion, exports the PDF and gives
 * feedback; the child gets a notice by SMS, reads the feedback behind the same code and rates
 * how involved they felt, which reaches statistics.
 */

const USERNAME = 'handlaggare.skarpnack';
const SMS = `http://127.0.0.1:${testEnv['SMS_SIM_PORT'] ?? 4250}`;
/** Arabic script: the question is shown in Arabic, not as a Swedish fallback. */
const ARABIC = /[\u0600-\u06FF]/;

interface Sent {
  id: string;
  code: string;
  linkToken: string;
  occasion: number;
}

let browser: Browser;
let staffToken: string;
let phone: string;
let first: Sent;
let current: Sent;
const words = `du får träffa en vuxen på skolan varje vecka (${randomUUID().slice(0, 6)}).`;

/** The messages the SMS simulator got for a number as the caseworker typed it (070-…); the provider sees E.164. */
async function smsTo(typed: string): Promise<{ message: string }[]> {
  const e164 = `+46${typed.slice(1)}`;
  return ((await (await fetch(`${SMS}/sim/messages?to=${encodeURIComponent(e164)}`)).json()) as { items: { message: string }[] }).items;
}

/** Creates an invitation through the gateway, as the staff UI does, and reads its link from the SMS the child got. */
async function invite(reference: string): Promise<Sent> {
  const before = (await smsTo(phone)).length;
  const r = await api('POST', '/api/v1/invitations', {
    token: staffToken,
    body: validInvitation({ caseReference: reference, channel: 'sms', phone, discreet: false, gender: 'girl', ageBand: '6-11' }),
  });
  if (r.status !== 201) throw new Error(`create invitation: ${r.status} ${JSON.stringify(r.body)}`);
  const sms = await pollUntil(() => smsTo(phone), (items) => items.length > before, 30_000, 250);
  const link = /\/#\/i\/([A-Za-z0-9_-]+)/.exec(sms[sms.length - 1]?.message ?? '');
  if (!link?.[1]) throw new Error('no link in the SMS');
  return { id: r.body.invitation.id, code: r.body.code, linkToken: link[1], occasion: r.body.invitation.occasion };
}

/** The child's API through the gateway (a session from link + code), for the earlier occasion. */
async function answerEarlierOccasion(inv: Sent): Promise<void> {
  const ip = { 'x-forwarded-for': `10.88.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` };
  const session = await api('POST', '/api/v1/child/session', { body: { token: inv.linkToken, code: inv.code }, headers: ip });
  expect(session.status).toBe(201);
  const opt = (questionId: string, optionId: string) => ({ questionId, value: { kind: 'option', optionId }, wantsToTalk: false });
  const submitted = await api('POST', '/api/v1/child/response/submit', {
    token: session.body.sessionToken,
    body: { answers: [opt('home-safe', 'yes'), opt('home-hurt', 'no'), opt('school-help', 'yes')] },
    headers: { ...ip, 'idempotency-key': randomUUID() },
  });
  expect(submitted.status).toBe(201);
}

/** Link + code, typed by keyboard. */
async function enter(page: Page, inv: Sent): Promise<void> {
  await page.goto(`${CHILD_URL}/#/i/${inv.linkToken}`);
  await page.locator('#code').waitFor();
  await tabTo(page, '#code');
  await page.keyboard.type(inv.code);
  await page.keyboard.press('Enter');
}

describe('the journey: invitation, the child answers, the caseworker follows up, the child rates', () => {
  beforeAll(async () => {
    staffToken = await tokenFor(USERNAME);
    phone = `070${String(Date.now()).slice(-7)}`.replace(/000[0-2]$/, '1234');
    const reference = caseRef('RESA');
    first = await invite(reference);
    await answerEarlierOccasion(first);
    current = await invite(reference);
    expect([first.occasion, current.occasion]).toEqual([1, 2]); // the same child in the district: occasion 2
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('the child answers on a phone by keyboard: read-aloud, Arabic for part of it, talk, a safety answer', async () => {
    const { page, errors, close } = await openPhone(browser);
    await enter(page, current);
    await page.locator('[data-testid=start]').waitFor({ timeout: 20_000 });
    expect(await page.locator('main').innerText()).toContain('Vem läser dina svar?');
    await expectNoViolations(page, 'intro');
    await tabTo(page, '[data-testid=start]');
    await page.keyboard.press('Enter');

    let language: 'sv' | 'ar' = 'sv';
    const seen: string[] = [];
    let qid: string | null = null;
    for (let step = 0; step < 40; step++) {
      qid = await nextScreen(page, qid);
      if (!qid) break;
      seen.push(qid);
      await expectNoViolations(page, `${language}-${qid}`);

      if (qid === 'home-safe') {
        await tabTo(page, '[data-testid=listen-question]');
        await page.keyboard.press('Enter');
        expect(await spoken(page)).toContainEqual({ text: expect.stringMatching(/^Känner du dig trygg där du bor\?/), lang: 'sv-SE' });
        await tabTo(page, '.options input');
        await page.keyboard.press('ArrowDown'); // "No" on "do you feel safe": a safety answer
        await page.getByTestId('safety-message').waitFor();
        expect(await page.getByTestId('safety-message').innerText()).toContain('En vuxen kommer att höra av sig till dig snart');
        await tabTo(page, '[data-testid=want-to-talk]');
        await page.keyboard.press('Enter');
        await page.locator('[data-testid=want-to-talk][aria-pressed=true]').waitFor();
      } else if (qid === 'school-help') {
        // Svenska → English → العربية, by keyboard, in the middle of the questionnaire.
        await tabTo(page, '[data-testid=language]');
        await page.keyboard.press('ArrowDown');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
        await page.keyboard.press('ArrowDown');
        await page.waitForFunction(() => document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl');
        language = 'ar';
        // (The texts follow the lang attribute on the next render: wait for them.)
        await page.waitForFunction(() => /[\u0600-\u06FF]/.test(document.querySelector('h1')?.textContent ?? ''));
        expect(await h1(page)).toMatch(ARABIC);
        await expectNoViolations(page, 'ar-school-help');
        await tabTo(page, '[data-testid=listen-question]');
        await page.keyboard.press('Enter');
        expect((await spoken(page)).filter((s) => s.lang === 'ar' && ARABIC.test(s.text))).toHaveLength(1);
        await tabTo(page, '.options input');
        await page.keyboard.press('Space');
      } else if (qid === 'leisure-friend' && language === 'ar') {
        // …and back to Swedish.
        await tabTo(page, '[data-testid=language]');
        await page.keyboard.press('ArrowUp');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
        await page.keyboard.press('ArrowUp');
        await page.waitForFunction(() => document.documentElement.lang === 'sv' && document.documentElement.dir !== 'rtl');
        language = 'sv';
        await page.locator('h1', { hasText: 'Har du en kompis?' }).waitFor();
        expect(await h1(page)).toBe('Har du en kompis?');
        await tabTo(page, '.options input');
        await page.keyboard.press('Space');
      } else if (qid === 'home-hurt') {
        await tabTo(page, '.options input');
        await page.keyboard.press('ArrowDown'); // "No"
      } else if (qid === 'school-bullied') {
        await tabTo(page, '[data-testid=decline]');
        await page.keyboard.press('Enter');
        continue; // "I don't want to answer" moves on by itself
      } else {
        await tabTo(page, '.options input');
        await page.keyboard.press('Space');
      }
      await tabTo(page, '[data-testid=next]');
      await page.keyboard.press('Enter');
    }
    expect(seen).toEqual(expect.arrayContaining(['home-safe', 'school-help', 'leisure-friend', 'about-easy']));
    expect(language).toBe('sv');

    await expectNoViolations(page, 'review');
    expect(await page.locator('.review li').first().innerText()).toContain('Vill prata om det');
    await tabTo(page, '[data-testid=submit]');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Tack!' }).waitFor({ timeout: 20_000 });
    await expectNoViolations(page, 'thanks');
    expect(errors.map((e) => e.message)).toEqual([]);
    await close();
  }, 180_000);

  test('the caseworker sees the alert, the answers with the trend, exports the PDF and gives feedback', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    try {
      await page.goto(`${STAFF_URL}/`);
      await signInWithBankIdQr(page, demoPersonalNumber(USERNAME), STAFF_URL);

      // The alert, from the header badge.
      await page.getByTestId('alert-badge').click();
      await page.getByRole('heading', { level: 1, name: 'Larm' }).waitFor();
      const alert = page.locator(`[data-testid=alert][data-invitation="${current.id}"]`).first();
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toContain('Känner du dig trygg där du bor?');
      await alert.getByTestId('acknowledge').click();
      await alert.getByTestId('alert-acknowledged').waitFor();
      expect(formatViolations(await runAxe(page))).toBe('');

      // The answers: the alert and "wants to talk" first, the trend against occasion 1.
      await alert.getByTestId('alert-open').click();
      await page.getByRole('heading', { level: 1, name: 'Barnets svar' }).waitFor();
      await page.getByTestId('answers-area').first().waitFor();
      const headings = (await page.locator('section h2').allTextContents()).map((h) => h.trim());
      expect(headings.slice(0, 3)).toEqual(['Larm', 'Barnet vill prata om', 'Hemma']);
      expect(await page.getByTestId('occasion').textContent()).toBe('2');
      const homeSafe = page.getByTestId('answer').filter({ hasText: 'Känner du dig trygg där du bor?' }).first();
      expect((await homeSafe.getByTestId('answer-value').textContent())?.trim()).toBe('Nej');
      expect((await homeSafe.getByTestId('trend').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Tidigare: Tillfälle 1: Ja');
      expect(formatViolations(await runAxe(page))).toBe('');

      // The PDF for the case file.
      const download = page.waitForEvent('download', { timeout: 20_000 });
      await page.getByTestId('export-pdf').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`delaktig-svar-${current.id.slice(0, 8)}-tillfalle-2.pdf`);
      const text = pdfText(readFileSync((await file.path()) as string));
      for (const expected of ['Barnets svar', 'Säkerhetslarm', 'Barnet vill prata om', 'Känner du dig trygg där du bor?', 'Exporterad av', 'Tidigare: tillfälle 1']) {
        expect(text).toContain(expected);
      }

      // Feedback: a template plus own words.
      const notices = (await smsTo(phone)).length;
      await page.getByLabel('Mall').selectOption({ label: 'Det du berättade gjorde att…' });
      const textarea = page.getByLabel('Text till barnet');
      await textarea.press('End');
      await textarea.pressSequentially(words);
      await page.getByTestId('feedback-send').click();
      await page.getByTestId('feedback-sent').waitFor();

      // The child gets a notice by the same channel, with the link.
      const sms = await pollUntil(() => smsTo(phone), (items) => items.length > notices, 30_000, 500);
      expect(sms[sms.length - 1]?.message).toContain(`/#/i/${current.linkToken}`);
      expect(sms[sms.length - 1]?.message).toContain('Din socialsekreterare har skrivit till dig');
      expect(errors.map((e) => e.message)).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, 'journey-caseworker');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);

  test('the child reads the feedback behind the same code and rates how involved they felt', async () => {
    const { page, errors, close } = await openPhone(browser);
    await enter(page, current);
    await page.locator('h1', { hasText: 'Till dig från din socialsekreterare' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('blockquote.feedback').innerText()).toContain(`Det du berättade gjorde att ${words}`);
    await expectNoViolations(page, 'feedback');

    // A radio group: Tab reaches it once, the arrows choose (1 → 4).
    await tabTo(page, 'input[name=rating]');
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#r-4').isChecked()).toBe(true);
    await tabTo(page, 'button.primary');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Tack för ditt svar!' }).waitFor();
    await expectNoViolations(page, 'rated');
    expect(errors.map((e) => e.message)).toEqual([]);
    await close();

    // The rating reaches statistics (pseudonymous: the invitation, the district and the rating).
    const row = await waitFor(
      () => withDb('statistics', async (db) => (await db.query('SELECT district_id, rating FROM invitation_progress WHERE invitation_id = $1 AND rated_at IS NOT NULL', [current.id])).rows[0]),
      30_000,
      'the rating in statistics',
    );
    expect(row).toEqual({ district_id: 'skarpnack', rating: '4' });
  }, 120_000);
});
