import type { Page } from 'playwright-core';
// (relative: this jest config maps no @delaktig paths)
// eslint-disable-next-line @nx/enforce-module-boundaries
import { questionnaireContent, type QuestionnaireContent } from '../../libs/contracts/src/index';
// The real default questionnaire for 6–11, as survey-delivery publishes it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { DEFAULT_6_11 } from '../../services/survey-delivery/src/app/questionnaires/defaults/default-6-11';
import { STAFF_URL, formatViolations, saveScreenshot, useBrowser } from './support/browser';
import { CHILD_URL, PHONE, axeIn, h1, nextScreen, spoken, stubSpeech, tabTo } from './support/child';

/**
 * The child app in a real Chromium on a phone-sized screen, driven by keyboard only, in the
 * editor's preview mode (ADR 0009: content posted from the staff origin; no API call, nothing
 * saved). Covers every screen with axe-core, read-aloud, switching to Arabic mid-way (RTL),
 * "I want to talk about this", a safety option and its message, review, submit, thank-you.
 * Needs only the child app served (infra/services.sh or static-server.mjs with config
 * previewOrigins = the staff origin); the staff page is a stand-in served by the test.
 */

const ARABIC_SCHOOL_HELP = 'هل تحصل على مساعدة في الواجبات المدرسية عندما تحتاجها؟';

function content(): QuestionnaireContent {
  const c = questionnaireContent.parse(DEFAULT_6_11);
  for (const a of c.areas) for (const q of a.questions) if (q.id === 'school-help') q.text.ar = { text: ARABIC_SCHOOL_HELP };
  return c;
}

/** Opens the child app's preview from a stand-in staff page (window.open) and posts the content. */
async function openPreview(page: Page): Promise<Page> {
  const childOrigin = new URL(CHILD_URL).origin;
  await page.route(`${STAFF_URL}/__editor-stand-in`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="sv"><title>Editor</title><main><h1>Editor</h1></main></html>' }),
  );
  await page.goto(`${STAFF_URL}/__editor-stand-in`);
  const [child] = await Promise.all([
    page.context().waitForEvent('page'),
    page.evaluate((url) => {
      const w = window as unknown as { __ready: boolean; __child: Window | null };
      w.__ready = false;
      window.addEventListener('message', (e) => {
        if (e.data?.type === 'delaktig-preview-ready') w.__ready = true;
      });
      w.__child = window.open(url, 'child-preview');
    }, `${CHILD_URL}/#/preview`),
  ]);
  await page.waitForFunction(() => (window as unknown as { __ready: boolean }).__ready, undefined, { timeout: 20_000 });
  await page.evaluate(
    ([msg, origin]) => (window as unknown as { __child: Window }).__child.postMessage(msg, origin as string),
    [{ type: 'delaktig-preview', content: content(), locale: 'sv' }, childOrigin] as const,
  );
  return child;
}

describe('child app: answering (preview mode, keyboard only, phone)', () => {
  const browser = useBrowser();

  browser.test(
    'answers the 6–11 questionnaire by keyboard, reads aloud, switches to Arabic, marks talk, sees the safety message, submits',
    async ({ page, context, pageErrors }) => {
      await stubSpeech(context);
      await page.setViewportSize(PHONE);
      const child = await openPreview(page);
      await child.setViewportSize(PHONE);
      const childErrors: Error[] = [];
      child.on('pageerror', (e) => childErrors.push(e));
      const apiCalls: string[] = [];
      child.on('request', (r) => {
        if (r.url().includes('/api/')) apiCalls.push(r.url());
      });
      const screens: string[] = [];
      const checkAxe = async (name: string) => {
        screens.push(name);
        const violations = await axeIn(child);
        if (violations.length) await saveScreenshot(child, `child-axe-${name}`);
        expect(`${name}: ${formatViolations(violations)}`).toBe(`${name}: `);
      };

      // First screen: what it is, who reads, what happens next; neutral title and icon.
      await child.locator('h1', { hasText: 'Hur har du det?' }).waitFor({ timeout: 20_000 });
      expect(await child.title()).toBe('Enkät');
      expect(await child.locator('link[rel=icon]').getAttribute('href')).toBe('icon.svg');
      expect(await child.locator('main').innerText()).toContain('Vem läser dina svar?');
      expect(await child.locator('main').innerText()).toContain('Esc');
      await checkAxe('intro');
      await tabTo(child, '[data-testid=start]');
      await child.keyboard.press('Enter');

      let talkMarked = false;
      let safetySeen = false;
      let arabic = false;
      let qid: string | null = null;
      for (let step = 0; step < 40; step++) {
        qid = await nextScreen(child, qid);
        if (!qid) break;
        await checkAxe(`question-${qid}`);
        // Focus is on the question heading after each move (screen readers announce it).
        expect(await child.evaluate(() => document.activeElement?.id)).toBe('main-h');

        if (qid === 'home-safe') {
          await tabTo(child, '[data-testid=listen-question]');
          await child.keyboard.press('Enter');
          expect(await spoken(child)).toContainEqual({ text: 'Känner du dig trygg där du bor?', lang: 'sv-SE' });
          await tabTo(child, '.options input');
          await child.keyboard.press('ArrowDown'); // Ja → Nej: "no" on "do you feel safe" raises a safety alert
          expect(await child.locator('#o-no').isChecked()).toBe(true);
          const safety = child.getByTestId('safety-message');
          await safety.waitFor();
          expect(await safety.innerText()).toContain('En vuxen kommer att höra av sig till dig snart');
          expect(await safety.locator('a[href="tel:112"]').count()).toBe(1);
          expect(await safety.locator('a[href="tel:116111"]').count()).toBe(1);
          safetySeen = true;
          await checkAxe('question-home-safe-safety-message');
          await tabTo(child, '[data-testid=want-to-talk]');
          await child.keyboard.press('Enter');
          await child.locator('[data-testid=want-to-talk][aria-pressed=true]').waitFor({ timeout: 5_000 });
          talkMarked = true;
        } else if (qid === 'school-help' && !arabic) {
          // Switch language mid-way, by keyboard: Svenska → English → العربية.
          await tabTo(child, '[data-testid=language]');
          await child.keyboard.press('ArrowDown');
          await child.waitForFunction(() => document.documentElement.lang === 'en');
          await child.keyboard.press('ArrowDown');
          await child.waitForFunction(() => document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl');
          arabic = true;
          // (The texts follow the lang attribute on the next render: wait for them.)
          await child.locator('h1', { hasText: ARABIC_SCHOOL_HELP }).waitFor();
          expect(await h1(child)).toBe(ARABIC_SCHOOL_HELP);
          expect(await child.getByTestId('next').innerText()).toContain('التالي');
          // The defaults have every text in all seven languages (Arabic as a marked machine draft),
          // so the option is shown in Arabic, not as a Swedish fallback.
          const option = child.locator('label[for=o-yes] span');
          expect(await option.getAttribute('lang')).not.toBe('sv');
          expect(await option.getAttribute('dir')).not.toBe('ltr');
          // Mirrored: the "next" button sits on the left in RTL.
          const next = await child.getByTestId('next').boundingBox();
          const back = await child.getByTestId('back').boundingBox();
          expect(next!.x).toBeLessThan(back!.x);
          await checkAxe('question-school-help-arabic');
          await tabTo(child, '[data-testid=listen-question]');
          await child.keyboard.press('Enter');
          expect(await spoken(child)).toContainEqual({ text: ARABIC_SCHOOL_HELP, lang: 'ar' });
          await tabTo(child, '.options input');
          await child.keyboard.press('Space');
        } else if (qid === 'home-family') {
          await tabTo(child, '.options input');
          await child.keyboard.press('Space'); // "yes" → the follow-up is asked next
        } else if (qid === 'school-bullied') {
          await tabTo(child, '[data-testid=decline]');
          await child.keyboard.press('Enter');
          continue; // "I don't want to answer" moves on by itself
        } else {
          await tabTo(child, '.options input');
          await child.keyboard.press('Space');
        }
        if (qid === 'home-family-more') expect(screens).toContain('question-home-family');
        await tabTo(child, '[data-testid=next]');
        await child.keyboard.press('Enter');
      }
      expect(screens).toContain('question-home-family-more');
      expect(talkMarked && safetySeen && arabic).toBe(true);

      // Review (in Arabic now), then submit and thank-you.
      expect(await h1(child)).toBe('انظر إلى إجاباتك');
      expect(await child.locator('.review li').first().innerText()).toContain('يريد التحدث عن ذلك');
      await checkAxe('review');
      await tabTo(child, '[data-testid=submit]');
      await child.keyboard.press('Enter');
      await child.locator('h1', { hasText: 'شكرًا!' }).waitFor();
      await checkAxe('thanks');

      expect(apiCalls).toEqual([]); // preview: no API call, nothing saved
      expect(await child.evaluate(() => Object.keys(sessionStorage).concat(Object.keys(localStorage)).filter((k) => k.startsWith('dk.')))).toEqual([]);
      expect(childErrors.map((e) => e.message)).toEqual([]);
      expect(pageErrors.map((e) => e.message)).toEqual([]);
    },
    180_000,
  );

  browser.test('ignores preview content from an origin that is not the staff app', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${CHILD_URL}/#/preview`);
    await page.locator('h1').waitFor();
    await page.evaluate((c) => window.postMessage({ type: 'delaktig-preview', content: c, locale: 'sv' }, '*'), content());
    await page.waitForTimeout(500);
    expect(await page.locator('h1').innerText()).not.toContain('Hur har du det?');
    expect(formatViolations(await axeIn(page))).toBe('');
  });
});
