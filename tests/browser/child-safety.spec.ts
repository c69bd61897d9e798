import { STAFF_URL, formatViolations, useBrowser } from './support/browser';
import { CHILD_URL, PHONE, axeIn, h1, tabTo } from './support/child';

/**
 * The child app's first screen and quick exit in a real Chromium on a phone-sized screen:
 * the code screen passes axe (also with an error shown); Esc replaces the page with a neutral
 * site, Back does not return to the app, and nothing of the app is left in storage.
 */
const NEUTRAL = /^https:\/\/www\.google\.com\//;

describe('child app: code screen and quick exit', () => {
  const browser = useBrowser();

  browser.test('quick exit (Esc) leaves no history entry and nothing in storage', async ({ page, pageErrors }) => {
    await page.setViewportSize(PHONE);
    await page.route(NEUTRAL, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Väder</title><p>neutral</p>' }));
    await page.route(`${STAFF_URL}/__before`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Before</title><p>before</p>' }));
    await page.route(`${CHILD_URL}/__probe`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>probe</title>' }));

    await page.goto(`${STAFF_URL}/__before`);
    await page.goto(`${CHILD_URL}/#/i/abcdefgh12345678`);
    expect(await h1(page)).toBe('Skriv in din kod');
    expect(await page.title()).toBe('Enkät');
    expect(await page.locator('main').innerText()).toContain('Esc');
    expect(formatViolations(await axeIn(page))).toBe('');

    // Keyboard only: the code field, an empty code → a plain message linked to the field.
    await tabTo(page, '#code');
    await page.keyboard.press('Enter');
    await page.locator('#code-error').waitFor();
    expect(await page.locator('#code-error').innerText()).toBe('Skriv in koden först.');
    expect(await page.locator('#code').getAttribute('aria-describedby')).toContain('code-error');
    expect(formatViolations(await axeIn(page))).toBe('');

    // Something the app would keep (a session) and something that is not the app's.
    await page.evaluate(() => {
      sessionStorage.setItem('dk.session', '{"token":"secret"}');
      localStorage.setItem('dk.lang', 'ar');
      localStorage.setItem('other-app', 'keep');
    });
    const historyBefore = await page.evaluate(() => history.length);
    await page.keyboard.press('Escape');
    await page.waitForURL(NEUTRAL);
    expect(await page.evaluate(() => history.length)).toBe(historyBefore); // replaced, not added

    await page.goBack();
    expect(page.url()).toBe(`${STAFF_URL}/__before`); // Back skips the app entirely
    await page.goForward();
    expect(page.url()).toMatch(NEUTRAL);

    await page.goto(`${CHILD_URL}/__probe`);
    const left = await page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) }));
    expect(left.session.filter((k) => k.startsWith('dk.'))).toEqual([]);
    expect(left.local).toEqual(['other-app']);
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  });

  browser.test('the quick-exit button is on the screen and works by keyboard', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.route(NEUTRAL, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Väder</title>' }));
    await page.goto(`${CHILD_URL}/#/i/abcdefgh12345678`);
    await page.locator('#code').waitFor();
    const box = await page.getByTestId('quick-exit').boundingBox();
    expect(box!.y).toBeLessThan(80); // at the top of a phone screen
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await tabTo(page, '[data-testid=quick-exit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(NEUTRAL);
  });
});
