import { Browser, Frame, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber } from '../support/staff-sign-in';
import { signInWithBankIdQr } from './support/bankid';
import { GATEWAY_URL, STAFF_URL, formatViolations, launchChromium, runAxe, saveScreenshot } from './support/browser';

/**
 * The central office edits a questionnaire in a real Chromium: changes a question's text,
 * adds an answer option (in Swedish and English), sees the change reach the child app's
 * phone preview, saves and publishes a new version. A caseworker can only read.
 */


async function signIn(page: Page, username: string, path = '/'): Promise<void> {
  await page.goto(`${STAFF_URL}${path}`);
  // BankID only (no passwords): the test plays the phone through the simulator.
  await signInWithBankIdQr(page, demoPersonalNumber(username), STAFF_URL);
  await page.getByTestId('who').waitFor();
}

/** Records every preview message the child app's frame receives. */
async function watchPreview(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { __previews: unknown[] };
    w.__previews = [];
    window.addEventListener('message', (e) => {
      if ((e.data as { type?: string })?.type === 'delaktig-preview') w.__previews.push(e.data);
    });
  });
}

async function lastPreview(frame: Frame): Promise<{ content: any; locale: string; questionId?: string } | undefined> {
  return frame.evaluate(() => (window as unknown as { __previews: any[] }).__previews.at(-1));
}

describe('questionnaire editor', () => {
  let browser: Browser;
  beforeAll(async () => {
    const config = await fetch(`${STAFF_URL}/config.json`);
    expect(config.ok).toBe(true);
    expect((await config.json()).childAppUrl).toMatch(/^http/);
    expect((await fetch(`${GATEWAY_URL}/api/v1/me`)).status).toBe(401);
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  test('the central analyst edits a draft, sees it in the phone preview and publishes it', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (e) => pageErrors.push(e));
    try {
      await signIn(page, 'analytiker.central');
      await page.getByTestId('nav-questionnaires').click();
      await page.getByRole('heading', { level: 1, name: 'Frågeformulär' }).waitFor();
      await page.getByTestId('edit-default-6-11').click();
      await page.getByTestId('editor-title').waitFor();

      // The phone preview shows the child app; watch what it is sent.
      const iframe = page.getByTestId('phone-preview');
      await iframe.waitFor();
      expect(await iframe.getAttribute('width')).toBe('375');
      const frame = await (await iframe.elementHandle())!.contentFrame();
      await frame!.waitForLoadState();
      await watchPreview(frame!);

      // 1. Change the text of the first question.
      const marker = `(E2E ${Date.now().toString(36)})`;
      await page.getByTestId('q-home-safe').click();
      const text = page.locator('[data-path="areas.0.questions.0.text"]');
      await text.fill(`Känner du dig trygg där du bor? ${marker}`);
      await page.getByTestId('unsaved').waitFor();
      const seen = await waitForPreview(frame!, (m) => m.content.areas[0].questions[0].text.sv.text.includes(marker) && m.questionId === 'home-safe');
      expect(seen.locale).toBe('sv');

      // 2. Add an answer option to a choice question, in Swedish and English.
      await page.getByTestId('q-home-family').click();
      const options = page.locator('li.option');
      // Ages 6–11 allow at most five options: make room when earlier runs added some.
      while ((await options.count()) >= 4) await options.last().getByRole('button', { name: /^Ta bort / }).click();
      const before = await options.count();
      await page.getByTestId('add-option').click();
      await page.locator(`[data-path="areas.0.questions.4.options.${before}.label"]`).fill('Ibland');
      await page.getByTestId('locale-en').click();
      await page.locator(`[data-path="areas.0.questions.4.options.${before}.label"]`).fill('Sometimes');
      await page.getByTestId('locale-sv').click();
      await waitForPreview(frame!, (m) => m.content.areas[0].questions[4].options.length === before + 1);

      const violations = await runAxe(page);
      if (violations.length) await saveScreenshot(page, 'axe-questionnaire-editor');
      expect(formatViolations(violations)).toBe('');

      // 3. Save, then publish after confirming.
      await page.getByTestId('save').click();
      await page.getByTestId('notice').filter({ hasText: 'Utkastet är sparat' }).waitFor({ timeout: 15_000 });
      await page.getByTestId('publish').click();
      await page.getByTestId('publish-dialog').waitFor();
      await page.getByTestId('publish-confirm').click();
      const published = page.getByTestId('published-notice');
      await published.waitFor({ timeout: 15_000 });
      const version = Number(/Version (\d+)/.exec((await published.textContent()) ?? '')?.[1]);
      expect(version).toBeGreaterThan(1);
      expect(await page.getByTestId('read-only').isVisible()).toBe(true);

      // The published version is what the API now serves as the latest.
      await page.getByTestId('q-home-safe').click();
      expect(await page.locator('[data-path="areas.0.questions.0.text"]').inputValue()).toContain(marker);
      expect(pageErrors).toEqual([]);
    } catch (e) {
      await saveScreenshot(page, 'questionnaire-editor-central');
      throw e;
    } finally {
      await context.close();
    }
  }, 120_000);

  test('a caseworker can read questionnaires but not edit them', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    try {
      await signIn(page, 'handlaggare.skarpnack');
      await page.getByTestId('nav-questionnaires').click();
      await page.getByTestId('template-default-6-11').waitFor();
      expect(await page.getByTestId('edit-default-6-11').count()).toBe(0);
      await page.getByTestId('template-default-6-11').getByRole('link', { name: 'Visa' }).first().click();
      await page.getByTestId('read-only').waitFor();
      expect(await page.getByTestId('save').count()).toBe(0);
      expect(await page.getByTestId('publish').count()).toBe(0);
      expect(await page.locator('[data-path="title"]').evaluate((el) => (el as HTMLInputElement).readOnly)).toBe(true);
      expect(await page.getByTestId('nav-statistics').count()).toBe(0);
    } catch (e) {
      await saveScreenshot(page, 'questionnaire-editor-caseworker');
      throw e;
    } finally {
      await context.close();
    }
  }, 90_000);
});

async function waitForPreview(frame: Frame, ok: (m: { content: any; locale: string; questionId?: string }) => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  for (;;) {
    const m = await lastPreview(frame);
    if (m && ok(m)) return m;
    if (Date.now() - started > timeoutMs) throw new Error(`the phone preview did not get the change; last: ${JSON.stringify(m)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
