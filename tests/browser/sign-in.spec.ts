import { Page } from 'playwright-core';
import { BANKID_SIM_URL, PERSONS, scanQrAndApprove, waitForBankIdPage } from './support/bankid';
import { STAFF_URL, pollUntil, useBrowser } from './support/browser';

/**
 * Staff sign in with BankID only (Keycloak brokers the identity service's BankID login):
 * a registered caseworker of Skarpnäck by QR code and on the same device, lands on the start
 * page of their district and signs out everywhere; an unregistered and a deactivated person
 * are refused with a clear Swedish message. Needs the stack and its BankID simulator
 * (BANKID_SIM_URL, default http://127.0.0.1:3201).
 */
const KEYCLOAK_PAGE = /\/realms\/[^/]+\//;
/** Each sign-in waits for BankID's 2-second collect rounds; the machine is shared. */
const TEST_TIMEOUT_MS = 120_000;

async function expectText(page: Page, selector: string, expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const locator = page.locator(selector).first();
  const matches = (value: string) => (typeof expected === 'string' ? value.includes(expected) : expected.test(value));
  const value = await pollUntil(async () => ((await locator.textContent().catch(() => '')) ?? '').replace(/\s+/g, ' ').trim(), matches, timeoutMs);
  expect(value).toEqual(typeof expected === 'string' ? expect.stringContaining(expected) : expect.stringMatching(expected));
  return value;
}

async function landsOnSkarpnackStartPage(page: Page): Promise<void> {
  await expectText(page, '[data-testid=who]', 'Sara Lindqvist');
  await expectText(page, '[data-testid=who]', 'Skarpnäck');
  await page.getByRole('heading', { level: 2, name: 'Inbjudningar i Skarpnäck' }).waitFor({ timeout: 15_000 });
}

describe('staff sign-in with BankID', () => {
  const browser = useBrowser();

  beforeAll(async () => {
    const sim = await fetch(`${BANKID_SIM_URL}/sim/orders`).catch((error: unknown) => {
      throw new Error(`BankID simulator not reachable at ${BANKID_SIM_URL}: ${String(error)}`);
    });
    expect(sim.ok).toBe(true);
  });

  browser.test('a caseworker scans the QR code, lands on the Skarpnäck start page, and signs out everywhere', async ({ page, pageErrors }) => {
    await page.goto(`${STAFF_URL}/`);
    // Straight to BankID: no username or password anywhere on the way.
    await waitForBankIdPage(page);
    expect(await page.locator('input[type=password]').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await expectText(page, '#status', 'Starta BankID-appen');

    await scanQrAndApprove(page, PERSONS.saraCaseworkerSkarpnack);
    await page.waitForURL((url) => url.href.startsWith(STAFF_URL), { timeout: 30_000 });
    await landsOnSkarpnackStartPage(page);

    // Logga ut: Keycloak's end-session, then back to the app's signed-out page.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL((url) => url.href.startsWith(STAFF_URL) && !KEYCLOAK_PAGE.test(url.pathname), { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'Du är utloggad' }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('who').count()).toBe(0);

    // Signed out everywhere: signing in again needs a new BankID identification.
    await page.getByRole('button', { name: 'Logga in med BankID' }).click();
    await waitForBankIdPage(page);

    expect(pageErrors.map((error) => error.message)).toEqual([]);
  }, TEST_TIMEOUT_MS);

  browser.test('a caseworker opens BankID on the same device (autostart) and lands on the Skarpnäck start page', async ({ page, context }) => {
    await page.goto(`${STAFF_URL}/`);
    await waitForBankIdPage(page);
    // "Öppna BankID på den här enheten" starts the (simulated) BankID app with the order.
    const [app] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Öppna BankID på den här enheten' }).click()]);
    await app.waitForLoadState();
    expect(app.url()).toContain('/sim/autostart?autostarttoken=');
    await app.getByLabel('Testperson').selectOption(PERSONS.saraCaseworkerSkarpnack);
    await app.getByRole('button', { name: 'Legitimera' }).click();

    await page.waitForURL((url) => url.href.startsWith(STAFF_URL), { timeout: 30_000 });
    await landsOnSkarpnackStartPage(page);
  }, TEST_TIMEOUT_MS);

  browser.test('a person who is not registered is refused with a clear message, and nothing is created', async ({ page }) => {
    await page.goto(`${STAFF_URL}/`);
    await waitForBankIdPage(page);
    await scanQrAndApprove(page, PERSONS.annaUnregistered);
    const message = await expectText(page, '#status', /^Du är inte registrerad i Delaktig/);
    expect(message.length).toBeGreaterThan(40);
    expect(await page.locator('[role=alert]').count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/\/oidc\/interaction\//);

    // "Tillbaka" ends the attempt: the app is not entered.
    await page.getByRole('button', { name: 'Tillbaka' }).click();
    await page.waitForLoadState();
    expect(await page.getByTestId('who').count()).toBe(0);
  }, TEST_TIMEOUT_MS);

  browser.test('a deactivated staff member is refused with their own message', async ({ page }) => {
    await signInAttempt(page, PERSONS.erikDeactivated);
    await expectText(page, '#status', /^Ditt konto i Delaktig är avslutat/);
    expect(await page.getByTestId('who').count()).toBe(0);
  }, TEST_TIMEOUT_MS);
});

async function signInAttempt(page: Page, personalNumber: string): Promise<void> {
  await page.goto(`${STAFF_URL}/`);
  await waitForBankIdPage(page);
  await scanQrAndApprove(page, personalNumber);
}
