import type { Frame, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber } from '../support/staff-sign-in';
import { signInWithBankIdQr } from './support/bankid';
import { STAFF_URL, useBrowser } from './support/browser';
import { CHILD_URL, PHONE, phoneNetwork } from './support/child';
import { type CspProblem, nonceInPage, nonceOf, parseCsp, watchCsp } from './support/csp';

/**
 * Issue 13: a strict Content-Security-Policy on both Angular apps (infra/csp.mjs, served by
 * infra/static-server.mjs; nginx.conf in the image). No 'unsafe-inline', 'unsafe-hashes' or
 * 'unsafe-eval'; scripts and styles are the app's own or carry a nonce that is new on every
 * load. In a real Chromium nothing is blocked: the staff sign-in pages, signed-in pages (the
 * statistics page, a questionnaire with the child app in its phone preview) and the child app
 * (a link, a code and the answer to it) render and work without one CSP violation.
 */
const STAFF_ORIGIN = new URL(STAFF_URL).origin;
const CHILD_ORIGIN = new URL(CHILD_URL).origin;
const TEST_TIMEOUT_MS = 120_000;

/** Origins of every http(s) URL anywhere in a config JSON. */
function configOrigins(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => configOrigins(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => configOrigins(v, found));
  else if (typeof value === 'string' && /^https?:\/\//i.test(value)) found.add(new URL(value).origin);
  return found;
}

async function load(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  const html = await res.text();
  const policy = parseCsp(res.headers.get('content-security-policy'));
  return { res, html, policy, header: res.headers.get('content-security-policy') ?? '' };
}

function expectStrict(header: string, policy: Map<string, string[]>): string {
  expect(header).not.toMatch(/'unsafe-(?:inline|eval|hashes)'|'wasm-unsafe-eval'|'strict-dynamic'/);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'self'"]);
  const nonce = nonceOf(policy.get('script-src'));
  expect(nonce).toMatch(/^[A-Za-z0-9+/_=-]{22,}$/);
  expect(policy.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
  expect(policy.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
  for (const d of policy.keys()) expect(policy.get(d)).not.toContain('*');
  return nonce ?? '';
}

const problemsText = (problems: CspProblem[]) => problems.map((p) => `${p.kind} ${p.url}: ${p.text}`).join('\n');

/**
 * The nonce reached every inline style (the critical CSS; in the staff UI also the component
 * styles Angular adds: `minStyles` 2; the child app has none), and the full stylesheet was
 * switched on by the nonce'd script.
 */
async function expectNonceAtWork(page: Page | Frame, minStyles = 1): Promise<void> {
  const seen = await nonceInPage(page);
  expect(seen.placeholderLeft).toBe(false);
  expect(seen.rootNonce).toMatch(/^[A-Za-z0-9+/_=-]{22,}$/);
  expect(seen.styleNonces.length).toBeGreaterThanOrEqual(minStyles);
  expect(seen.styleNonces.every((n) => n === seen.rootNonce)).toBe(true);
  expect(seen.stylesheetMedia).toEqual(['all']);
}

describe('Content-Security-Policy', () => {
  describe.each([
    ['staff UI', STAFF_URL, '/larm'],
    ['child app', CHILD_URL, '/anything/else'],
  ])('%s: the policy on the wire', (_name, base, route) => {
    test('index.html and the SPA fallback carry a strict policy with a nonce that is new on every load', async () => {
      const first = await load(`${base}/`);
      const second = await load(`${base}/`);
      const fallback = await load(`${base}${route}`);
      const nonces = [first, second, fallback].map(({ res, html, header, policy }) => {
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(res.headers.get('cache-control')).toMatch(/no-store/);
        const nonce = expectStrict(header, policy);
        // The page's root element, its inline <style>/<script> and its module script carry it.
        expect(html).not.toContain('**CSP_NONCE**');
        expect(html).toContain(`ngcspnonce="${nonce}"`);
        for (const tag of html.match(/<(?:script|style)\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
        // Nothing inline that a nonce cannot cover: no event handler or style attributes.
        expect(html).not.toMatch(/\s(?:on[a-z]+|style)\s*=/i);
        return nonce;
      });
      expect(new Set(nonces).size).toBe(3);
    });

    test('connect-src has the origin of every URL in config.json; framing as configured', async () => {
      const config = await (await fetch(`${base}/config.json`)).json();
      const { policy } = await load(`${base}/`);
      const connect = policy.get('connect-src') ?? [];
      expect(connect[0]).toBe("'self'");
      for (const origin of configOrigins(config)) expect(connect).toContain(origin);
      if (base === STAFF_URL) {
        expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
        // The questionnaire editor frames the child app's preview.
        expect(policy.get('frame-src')).toEqual([new URL(config.childAppUrl).origin]);
        expect(policy.get('form-action')).toEqual(["'self'", new URL(config.keycloak.url).origin]);
      } else {
        // The staff editor's phone preview may frame the child app; nothing else may.
        expect(policy.get('frame-ancestors')).toContain(STAFF_ORIGIN);
        expect(policy.get('frame-src')).toEqual(["'none'"]);
      }
    });

    test('hashed bundles stay cacheable for a year, under the same strict policy', async () => {
      const { html } = await load(`${base}/`);
      const main = /<script src="(main-[A-Z0-9]{8}\.js)"/.exec(html)?.[1];
      expect(main).toBeDefined();
      const res = await fetch(`${base}/${main}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
      const header = res.headers.get('content-security-policy') ?? '';
      expect(header).not.toMatch(/'unsafe-(?:inline|eval|hashes)'/);
      expect(parseCsp(header).get('default-src')).toEqual(["'self'"]);
    });
  });

  const browser = useBrowser();

  browser.test('staff UI: the signed-out page and the way to BankID, then signed in: start page, statistics and a questionnaire with its phone preview', async ({ page, context, pageErrors }) => {
    const problems = await watchCsp(context, page, [STAFF_ORIGIN, CHILD_ORIGIN]);

    // The app's own sign-in page (after "Logga ut"): rendered by the app, nothing else.
    const response = await page.goto(`${STAFF_URL}/?utloggad=1`);
    const nonce = expectStrict(response?.headers()['content-security-policy'] ?? '', parseCsp(response?.headers()['content-security-policy']));
    await page.getByRole('heading', { level: 1, name: 'Du är utloggad' }).waitFor({ timeout: 15_000 });
    await expectNonceAtWork(page, 2);
    expect((await nonceInPage(page)).rootNonce).toBe(nonce);
    // Styles apply: the critical CSS and the root component's own (:host is a flex column).
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(245, 246, 248)');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('dk-root') as Element).display)).toBe('flex');
    expect(problemsText(problems())).toBe('');

    // "Logga in med BankID": Keycloak, then BankID, then back signed in.
    await page.getByRole('button', { name: 'Logga in med BankID' }).click();
    await signInWithBankIdQr(page, demoPersonalNumber('analytiker.central'), STAFF_URL);
    await page.getByTestId('who').waitFor({ timeout: 15_000 });
    await expectNonceAtWork(page, 2);

    // Statistics (lazy-loaded route, Chart.js).
    await page.getByTestId('nav-statistics').click();
    await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid^=stat-question-], [data-testid=stat-empty]').first().waitFor({ timeout: 20_000 });
    if (await page.locator('[data-testid^=stat-question-]').count()) {
      // Chart.js draws (it styles its canvas through CSSOM, which the policy allows).
      const canvas = page.locator('dk-answer-chart canvas').first();
      await canvas.waitFor();
      expect(await canvas.evaluate((c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(0);
    }

    // A published questionnaire, read only, with the child app in the phone preview.
    await page.getByTestId('nav-questionnaires').click();
    await page.getByTestId('template-default-6-11').getByRole('link', { name: 'Visa' }).first().click();
    await page.getByTestId('read-only').waitFor({ timeout: 15_000 });
    const iframe = page.getByTestId('phone-preview');
    await iframe.waitFor();
    const frame = await (await iframe.elementHandle())?.contentFrame();
    if (!frame) throw new Error('the phone preview has no frame');
    // The child app got the content posted by the editor and shows its first screen.
    await frame.locator('h1').first().waitFor({ timeout: 15_000 });
    expect(((await frame.locator('h1').first().textContent()) ?? '').trim()).not.toBe('');
    await expectNonceAtWork(frame);

    expect(problemsText(problems())).toBe('');
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  }, TEST_TIMEOUT_MS);

  browser.test('child app: a link, a code and the answer to it, with no CSP violation', async ({ page, context, pageErrors }) => {
    await page.setViewportSize(PHONE);
    await phoneNetwork(context);
    const problems = await watchCsp(context, page, [CHILD_ORIGIN]);

    const first = await page.goto(`${CHILD_URL}/#/i/csp-${Date.now().toString(36)}-unknown`);
    const nonce = expectStrict(first?.headers()['content-security-policy'] ?? '', parseCsp(first?.headers()['content-security-policy']));
    await page.locator('#code').waitFor({ timeout: 15_000 });
    await expectNonceAtWork(page);
    expect((await nonceInPage(page)).rootNonce).toBe(nonce);
    // The critical CSS applies (body text 1.125rem).
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');

    // A code for a link that does not exist: the gateway answers (connect-src) and the app says so.
    await page.locator('#code').fill('ABCD-EFGH');
    await page.keyboard.press('Enter');
    await page.locator('#code-error').waitFor({ timeout: 15_000 });
    expect(((await page.locator('#code-error').textContent()) ?? '').trim()).not.toBe('');

    // A second load has a nonce of its own.
    const again = await page.reload();
    expect(nonceOf(parseCsp(again?.headers()['content-security-policy']).get('script-src'))).not.toBe(nonce);
    await page.locator('#code').waitFor({ timeout: 15_000 });

    expect(problemsText(problems())).toBe('');
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
