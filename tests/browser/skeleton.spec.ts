import { Page } from 'playwright-core';
import { PERSONS, signInWithBankIdQr, waitForBankIdPage } from './support/bankid';
import { GATEWAY_URL, STAFF_URL, formatViolations, pollUntil, runAxe, saveScreenshot, useBrowser } from './support/browser';

/**
 * Walking skeleton, end to end in a real Chromium: BankID sign-in (Keycloak → identity,
 * simulated phone) → staff
 * start page → create an invitation through the gateway → the district's
 * count (statistics service, fed over Kafka) goes up by one → sign out.
 */

async function readCount(page: Page): Promise<number> {
  const text = await page.getByTestId('participation-count').textContent();
  return Number((text ?? '').trim());
}

describe('staff walking skeleton', () => {
  const browser = useBrowser();

  beforeAll(async () => {
    // Fail early, with a clear message, when the stack is not running.
    const config = await fetch(`${STAFF_URL}/config.json`).catch((error: unknown) => {
      throw new Error(`Staff UI not reachable at ${STAFF_URL}: ${String(error)}`);
    });
    expect(config.ok).toBe(true);
    const me = await fetch(`${GATEWAY_URL}/api/v1/me`).catch((error: unknown) => {
      throw new Error(`Gateway not reachable at ${GATEWAY_URL}: ${String(error)}`);
    });
    expect(me.status).toBe(401); // up, and refusing callers without a token
  });

  browser.test('caseworker signs in, creates an invitation, sees the count go up, signs out', async ({ page, pageErrors }) => {
    // 1. Anonymous visit → Keycloak → BankID (the test scans the QR code as Sara, handlaggare.skarpnack).
    await page.goto(`${STAFF_URL}/`);
    await signInWithBankIdQr(page, PERSONS.saraCaseworkerSkarpnack, STAFF_URL);

    // 2. Back on the start page of the caseworker's district.
    await expectText(page.getByTestId('who'), 'Skarpnäck');
    await page.getByRole('heading', { level: 2, name: 'Inbjudningar i Skarpnäck' }).waitFor();
    await page.getByTestId('participation-count').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    const before = await readCount(page);
    expect(Number.isInteger(before)).toBe(true);

    // 3. The start page passes axe (WCAG 2.1 A/AA), also with field errors shown.
    await page.getByRole('heading', { level: 2, name: 'Mina inbjudningar' }).waitFor();
    await page.locator('dk-invitation-list table, [data-testid=invitations-empty]').first().waitFor();
    const violations = await runAxe(page);
    if (violations.length) await saveScreenshot(page, 'axe-start-page');
    expect(formatViolations(violations)).toBe('');

    await page.getByRole('button', { name: 'Skapa inbjudan' }).click();
    await page.locator('#case-reference-error').waitFor();
    const errorViolations = await runAxe(page);
    expect(formatViolations(errorViolations)).toBe('');

    // 4. Create an invitation through the form.
    const caseReference = `E2E-${Date.now().toString(36).toUpperCase()}`;
    await page.getByLabel('Ärendereferens', { exact: true }).fill(caseReference);
    await page.getByLabel('Födelseår').fill(String(new Date().getFullYear() - 9));
    await page.getByLabel('6–11 år').check();
    await page.getByLabel('Barnets mobilnummer').fill('070-123 45 67');
    await page.getByRole('button', { name: 'Skapa inbjudan' }).click();

    const created = page.getByTestId('invitation-created');
    await created.waitFor({ timeout: 15_000 });
    expect(await created.textContent()).toMatch(/Inbjudan är skapad och skickas med SMS/);
    await page.locator('dk-invitation-list td', { hasText: caseReference }).waitFor({ timeout: 10_000 });

    // 5. The district's count goes up by one (statistics arrive over Kafka, ≤ ~1 s).
    const after = await pollUntil(() => readCount(page), (count) => count >= before + 1, 10_000);
    expect(after).toBe(before + 1);

    // 6. Sign out → Keycloak and the BankID login end their sessions → signing in again needs BankID.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { level: 1, name: 'Du är utloggad' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Logga in med BankID' }).click();
    await waitForBankIdPage(page);

    expect(pageErrors.map((error) => error.message)).toEqual([]);
  });
});

async function expectText(locator: ReturnType<Page['locator']>, expected: string, timeoutMs = 10_000): Promise<void> {
  const text = await pollUntil(async () => (await locator.textContent()) ?? '', (value) => value.includes(expected), timeoutMs);
  expect(text).toContain(expected);
}
