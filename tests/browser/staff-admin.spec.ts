import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { randomPersonalNumber } from '../integration/staff-admin.support';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber } from '../support/staff-sign-in';
import { scanQrAndApprove, signInWithBankIdQr, waitForBankIdPage } from './support/bankid';
import { STAFF_URL, formatViolations, pollUntil, runAxe, useBrowser } from './support/browser';

/**
 * Issue 3, district admin screens: the Skarpnäck admin registers a caseworker (name, e-mail,
 * personal identity number, unit, role) on "Personal"; the new caseworker signs in with BankID
 * at once; the admin deactivates them, their session ends and the next BankID sign-in is
 * refused in Swedish. The list shows only the masked number.
 */

async function textOf(page: Page, selector: string, expected: RegExp, timeoutMs = 15_000): Promise<string> {
  const locator = page.locator(selector).first();
  return pollUntil(async () => ((await locator.textContent().catch(() => '')) ?? '').replace(/\s+/g, ' ').trim(), (t) => expected.test(t), timeoutMs);
}

describe('district admin: register, sign-in, deactivate', () => {
  const browser = useBrowser();

  browser.test('the Skarpnäck admin registers a caseworker who signs in, then deactivates them and their sign-in is refused', async ({ page, context, pageErrors }) => {
    await page.goto(`${STAFF_URL}/`);
    await signInWithBankIdQr(page, demoPersonalNumber('admin.skarpnack'), STAFF_URL);
    await page.getByTestId('nav-staff').click();
    await page.getByRole('heading', { level: 1, name: 'Personal' }).waitFor();
    // The district's staff by name (the demo staff are registered with their names).
    await page.locator('[data-testid=staff] tr', { hasText: 'Sara Lindqvist' }).waitFor();

    // Register: every field, then the confirmation with the username.
    const personalNumber = randomPersonalNumber();
    // Letters only (names may not contain digits): a unique suffix from the time.
    const familyName = `Testsson${[...Date.now().toString(36).slice(-5)].map((c) => String.fromCharCode(97 + (parseInt(c, 36) % 26))).join('')}`;
    await page.getByLabel('Förnamn').fill('Vera');
    await page.getByLabel('Efternamn').fill(familyName);
    await page.getByLabel('E-postadress').fill(`vera.${familyName.toLowerCase()}@delaktig.example`);
    await page.getByLabel('Personnummer').fill(`${personalNumber.slice(0, 8)}-${personalNumber.slice(8)}`);
    await page.getByLabel('Enhet', { exact: true }).fill('Barn och unga 3');
    await page.getByLabel('Roll').selectOption('caseworker');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    const registered = await textOf(page, '[data-testid=registered]', /användarnamnet/);
    expect(registered).toMatch(new RegExp(`^Vera ${familyName} är registrerad med användarnamnet \\S+ och kan logga in med BankID\\.$`));

    // The list: masked number only, role, active.
    const row = page.locator('[data-testid=staff] tr', { hasText: familyName });
    await row.waitFor();
    const rowText = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(rowText).toContain(`${personalNumber.slice(0, 8)}-****`);
    expect(rowText).not.toContain(personalNumber.slice(8));
    expect(rowText).toContain('Handläggare');
    expect(rowText).toContain('Aktiv');
    expect(formatViolations(await runAxe(page))).toBe('');

    // The new caseworker signs in with BankID right away and lands in Skarpnäck.
    const vera = await context.browser()!.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    const veraPage = await vera.newPage();
    try {
      await veraPage.goto(`${STAFF_URL}/`);
      await signInWithBankIdQr(veraPage, personalNumber, STAFF_URL);
      await textOf(veraPage, '[data-testid=who]', new RegExp(`Vera ${familyName}.*Skarpnäck`));

      // Deactivate, with a confirmation that says what happens.
      await row.getByRole('button', { name: 'Avsluta' }).click();
      await page.getByText(`Avsluta Vera ${familyName}? Personen loggas ut direkt`).waitFor();
      await page.getByRole('button', { name: 'Ja, avsluta' }).click();
      await textOf(page, `[data-testid=staff] tr:has-text("${familyName}")`, /Avslutad/);

      // Her session has ended: a reload sends her to sign in again …
      await veraPage.reload();
      await waitForBankIdPage(veraPage);
      // … and BankID no longer lets her in.
      await scanQrAndApprove(veraPage, personalNumber);
      await textOf(veraPage, '#status', /^Ditt konto i Delaktig är avslutat/);
      expect(await veraPage.getByTestId('who').count()).toBe(0);
    } finally {
      await vera.close();
    }
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  }, 180_000);
});
