import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, LaunchOptions, Page, chromium } from 'playwright-core';
import axe from 'axe-core';

/** Where the stack under test lives (the whole stack is started outside these tests). */
export const STAFF_URL = (process.env['STAFF_URL'] ?? 'http://localhost:4200').replace(/\/+$/, '');
export const GATEWAY_URL = (process.env['GATEWAY_URL'] ?? 'http://localhost:3000').replace(/\/+$/, '');

/** Debian's Chromium; playwright-core downloads no browser of its own. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const RESULTS_DIR = resolve(process.cwd(), 'test-results');

export function launchOptions(): LaunchOptions {
  return { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(launchOptions());
}

export interface BrowserTestContext {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors thrown in the page so far. */
  pageErrors: Error[];
}

/**
 * Registers beforeAll/afterAll that start and stop one Chromium, and returns a
 * `test` that gives each test a fresh context and page, and on failure saves
 * a full-page screenshot to test-results/<name>.png before rethrowing.
 */
export function useBrowser() {
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  function browserTest(name: string, body: (t: BrowserTestContext) => Promise<void>, timeout?: number): void {
    test(
      name,
      async () => {
        if (!browser) throw new Error('Chromium did not start');
        const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const pageErrors: Error[] = [];
        page.on('pageerror', (error) => pageErrors.push(error));
        try {
          await body({ page, context, pageErrors });
        } catch (error) {
          await saveScreenshot(page, name);
          throw error;
        } finally {
          await context.close();
        }
      },
      timeout,
    );
  }

  return {
    test: browserTest,
    /** The Chromium the tests share (for a second, phone-sized context of its own). */
    browser: (): Browser => {
      if (!browser) throw new Error('Chromium did not start');
      return browser;
    },
  };
}

export async function saveScreenshot(page: Page, name: string): Promise<string | undefined> {
  try {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.error(`Screenshot saved: ${file} (url ${page.url()})`);
    return file;
  } catch (error) {
    console.error('Could not save a screenshot', error);
    return undefined;
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * Runs axe-core in the page against WCAG 2.0/2.1 A and AA. The source is
 * evaluated through the DevTools protocol, so a Content-Security-Policy on the
 * app does not block it.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
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

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n  ${v.targets.join('\n  ')}`)
    .join('\n');
}

/** Polls `read` until `done` holds or the time is up; returns the last value read. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await read();
  }
  return value;
}
