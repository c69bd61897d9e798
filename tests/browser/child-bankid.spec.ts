import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber } from '../support/staff-sign-in';
import { BANKID_SIM_URL, PERSONS, signInWithBankIdQr } from './support/bankid';
import { STAFF_URL, formatViolations, pollUntil, runAxe, useBrowser } from './support/browser';
import { expectNoViolations, openPhone } from './support/child';

/**
 * Issue 5 item 1, BankID for young people: the Skarpnäck admin turns it on; a caseworker gives
 * a 17-year-old's personal identity number with the invitation; on the code screen the young
 * person chooses "Logga in med BankID". A parent's BankID (QR) is refused in plain words; their
 * own BankID on the same phone (autostart, back to the app) opens the questionnaire.
 */
const SMS_URL = (process.env['SMS_SIM_URL'] ?? 'http://localhost:4250').replace(/\/+$/, '');
/** Maja Nilsson, born 2009: a BankID test person young enough for 12–18. */
const MAJA = '200903219863';
const YEAR = new Date().getFullYear();

async function signedIn(page: Page, username: string): Promise<void> {
  await page.goto(`${STAFF_URL}/`);
  await signInWithBankIdQr(page, demoPersonalNumber(username), STAFF_URL);
}

/** The newest order still waiting in the BankID simulator (what a phone scanning the QR code would get). */
async function newestPendingOrder(since: number): Promise<string> {
  return pollUntil(
    async () => {
      const orders = (await (await fetch(`${BANKID_SIM_URL}/sim/orders`)).json()) as { orderRef: string; status: string; createdAt: string }[];
      return orders.find((o) => o.status === 'pending' && Date.parse(o.createdAt) >= since)?.orderRef ?? '';
    },
    (ref) => ref !== '',
    15_000,
  );
}

describe('BankID for young people in the browser', () => {
  const browser = useBrowser();

  browser.test("the admin turns it on, a caseworker gives the young person's number, the young person opens with their own BankID", async ({ page, context, pageErrors }) => {
    // The district admin turns it on (and the change is kept).
    await signedIn(page, 'admin.skarpnack');
    await page.getByTestId('nav-staff').click();
    await page.getByRole('heading', { level: 2, name: 'Inställningar för stadsdelen' }).waitFor();
    const box = page.getByLabel('Unga (12–18 år) kan öppna sin inbjudan med eget BankID');
    if (await box.isChecked()) {
      await box.uncheck();
      await page.getByTestId('district-settings-status').getByText('Sparat.').waitFor();
    }
    await box.check();
    await page.getByTestId('district-settings-status').getByText('Sparat.').waitFor();
    expect(formatViolations(await runAxe(page))).toBe('');
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Inställningar för stadsdelen' }).waitFor();
    await pollUntil(() => box.isChecked(), (on) => on, 10_000);

    // The caseworker: the field appears for 12–18 only; a typo is caught in Swedish.
    const cw = await context.browser()!.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    const staff = await cw.newPage();
    const phone = `070${String(Date.now()).slice(-7)}`.replace(/000[0-2]$/, '1234');
    try {
      await signedIn(staff, 'handlaggare.skarpnack');
      await staff.getByRole('heading', { level: 2, name: 'Ny inbjudan' }).waitFor();
      const caseRef = `E2E-BID-${Date.now().toString(36).toUpperCase()}`;
      await staff.getByLabel('Ärendereferens', { exact: true }).fill(caseRef);
      await staff.getByLabel('Födelseår').fill(String(YEAR - 10));
      expect(await staff.getByTestId('child-pin-field').count()).toBe(0);
      await staff.getByLabel('Födelseår').fill('2009');
      expect(await staff.getByLabel('12–18 år').isChecked()).toBe(true);
      const pin = staff.getByLabel('Barnets personnummer (valfritt, för BankID)');
      await pin.fill(`${MAJA.slice(2, 8)}-${MAJA.slice(8, 11)}${(Number(MAJA.at(-1)) + 1) % 10}`);
      await staff.getByLabel('Barnets mobilnummer').fill(phone);
      await staff.getByRole('button', { name: 'Skapa inbjudan' }).click();
      await staff.locator('#child-pin-error', { hasText: 'Sista siffran (kontrollsiffran) stämmer inte' }).waitFor();
      await pin.fill(`${MAJA.slice(2, 8)}-${MAJA.slice(8)}`);
      await staff.getByRole('button', { name: 'Skapa inbjudan' }).click();
      await staff.getByTestId('child-bankid-note').getByText('Den unga kan också öppna inbjudan med sitt eget BankID.').waitFor({ timeout: 20_000 });
      // The list marks it, so the caseworker knows when the young person calls.
      await staff.locator('dk-invitation-list tr', { hasText: caseRef }).getByTestId('invitation-bankid').waitFor({ timeout: 20_000 });
      expect(formatViolations(await runAxe(staff))).toBe('');
    } finally {
      await cw.close();
    }

    // The link arrives by SMS.
    const e164 = `+46${phone.slice(1)}`;
    const link = await pollUntil(
      async () => {
        const items = ((await (await fetch(`${SMS_URL}/sim/messages?to=${encodeURIComponent(e164)}`)).json()) as { items: { message: string }[] }).items;
        return /(https?:\/\/\S+\/#\/i\/[A-Za-z0-9_-]+)/.exec(items[0]?.message ?? '')?.[1] ?? '';
      },
      (l) => l !== '',
      30_000,
      500,
    );

    // The young person's phone: the code screen offers BankID.
    const young = await openPhone(context.browser()!);
    try {
      const p = young.page;
      await p.goto(link);
      const start = p.getByRole('button', { name: 'Logga in med BankID' });
      await start.waitFor({ timeout: 15_000 });
      await expectNoViolations(p, 'code-with-bankid');

      // A parent scans the QR code with their BankID: refused, in plain words.
      let since = Date.now() - 1000;
      await start.click();
      await p.getByTestId('bankid-qr').waitFor({ timeout: 15_000 });
      await expectNoViolations(p, 'bankid-qr');
      const orderRef = await newestPendingOrder(since);
      const approved = await fetch(`${BANKID_SIM_URL}/sim/orders/${orderRef}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ personalNumber: PERSONS.annaUnregistered }),
      });
      expect(approved.status).toBeLessThan(400);
      await p.getByTestId('bankid-message').getByText('Det här BankID hör inte till den som inbjudan är till.', { exact: false }).waitFor({ timeout: 15_000 });

      // Their own BankID on the same phone: the BankID app opens, and back in the app they are in.
      since = Date.now() - 1000;
      await p.getByRole('button', { name: 'Försök igen' }).click();
      await p.getByTestId('bankid-same-device').click();
      await p.waitForURL((url) => url.href.includes('/sim/autostart'), { timeout: 15_000 });
      await p.getByLabel('Testperson').selectOption(MAJA);
      await p.getByRole('button', { name: 'Legitimera' }).click();
      await p.waitForURL((url) => url.href.startsWith(link.split('#')[0] as string), { timeout: 15_000 });
      await p.getByTestId('start').waitFor({ timeout: 30_000 });
      await expectNoViolations(p, 'intro-after-bankid');
      // Nothing of the sign-in is left in the browser once in.
      expect(await p.evaluate(() => sessionStorage.getItem('dk.bankid'))).toBeNull();
      expect(young.errors.map((e) => e.message)).toEqual([]);
    } finally {
      await young.close();
    }
    expect(pageErrors.map((e) => e.message)).toEqual([]);
  }, 180_000);
});
