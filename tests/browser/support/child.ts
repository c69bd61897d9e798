import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import axe from 'axe-core';
import { formatViolations, saveScreenshot, type AxeViolation } from './browser';

/** Helpers for the child app's browser tests (tests/browser/child*.spec.ts). */

export const CHILD_URL = (process.env['CHILD_URL'] ?? 'http://localhost:4300').replace(/\/+$/, '');
/** A phone: the child app is mobile first. */
export const PHONE = { width: 360, height: 740 };

/** What the app asked the speech API to say (the only thing stubbed in the page). */
export interface Spoken {
  text: string;
  lang: string;
}

/**
 * Replaces only `window.speechSynthesis` with a recorder before any script of the app runs;
 * everything else in the page is the real app.
 */
export async function stubSpeech(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
    const stub = {
      speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
      cancel: () => undefined,
      pause: () => undefined,
      resume: () => undefined,
      getVoices: () => [],
      speaking: false,
      pending: false,
      paused: false,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: stub, configurable: true });
  });
}

export function spoken(page: Page): Promise<Spoken[]> {
  return page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken ?? []);
}

/** axe-core (WCAG 2.0/2.1 A and AA) in a page or frame. */
export async function axeIn(target: Page | Frame): Promise<AxeViolation[]> {
  await target.evaluate(axe.source);
  return target.evaluate(async () => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

/** Presses Tab (keyboard only) until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Tab never reached ${selector}; focus is on ${at}`);
}

export function h1(page: Page): Promise<string> {
  return page.locator('h1').innerText().then((t) => t.trim());
}

/**
 * Waits for the screen after question `previous` (or the first question): another question or
 * the review. Returns the new question's id, or null on the review. Without waiting for the
 * change, a test would read the old heading while the app is still moving on.
 */
export async function nextScreen(page: Page, previous: string | null): Promise<string | null> {
  const question = previous ? `h1[data-qid]:not([data-qid="${previous}"])` : 'h1[data-qid]';
  await page.locator(`${question}, [data-testid=submit]`).first().waitFor();
  if (await page.locator('[data-testid=submit]').count()) return null;
  return page.locator('h1').getAttribute('data-qid');
}

/** Types the code into the code gate by keyboard (replacing what is there) and sends it. */
export async function typeCode(page: Page, code: string): Promise<void> {
  await tabTo(page, '#code');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** From question `after` (or the first), answers every question with its first option by keyboard, up to the review. */
export async function answerRestByKeyboard(page: Page, after: string | null = null): Promise<void> {
  let qid = after;
  for (let i = 0; i < 40; i++) {
    qid = await nextScreen(page, qid);
    if (!qid) return;
    await tabTo(page, '.options input');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid=next]');
    await page.keyboard.press('Enter');
  }
  throw new Error('no review after 40 questions');
}

/** A client address of its own (the gateway trusts X-Forwarded-For from loopback). */
export function clientAddress(): { 'x-forwarded-for': string } {
  return { 'x-forwarded-for': `10.${66 + Math.floor(Math.random() * 20)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}` };
}

/**
 * A phone of its own on the network: the gateway limits child sign-ins per client address, so
 * each test phone's API calls carry their own address (added below the page, as a proxy would;
 * the page's CORS requests stay as they are) and the tests don't share one allowance.
 */
export async function phoneNetwork(context: BrowserContext): Promise<void> {
  const address = clientAddress();
  await context.route(/\/api\/v1\/child\//, (route) => route.continue({ headers: { ...route.request().headers(), ...address } }));
}

/** A phone on the real stack: its own context and client address, speech recorded, page errors collected. */
export async function openPhone(browser: Browser): Promise<{ page: Page; errors: Error[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: 'sv-SE', viewport: PHONE });
  await phoneNetwork(context);
  await stubSpeech(context);
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  return { page, errors, close: () => context.close() };
}

/** axe-core finds nothing on the child's screen `name` (a screenshot is saved when it does). */
export async function expectNoViolations(page: Page, name: string): Promise<void> {
  const v = await axeIn(page);
  if (v.length) await saveScreenshot(page, `child-axe-${name}`);
  expect(`${name}: ${formatViolations(v)}`).toBe(`${name}: `);
}
