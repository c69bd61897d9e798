import { Page } from 'playwright-core';

/**
 * Staff sign-in with the simulated BankID in a real browser: the app sends the browser to
 * Keycloak, which goes straight to the identity service's BankID page (no password form).
 * The test plays the phone: it scans the QR frame currently on the page through the BankID
 * simulator's API, or opens the "same device" link and approves in the simulator's app page.
 */
export const BANKID_SIM_URL = (process.env['BANKID_SIM_URL'] ?? 'http://127.0.0.1:3201').replace(/\/+$/, '');
export const BANKID_PAGE = /\/oidc\/interaction\/[^/?#]+$/;

/** Demo persons of the BankID simulator (libs/bankid test-persons.ts; services/identity demo-staff.ts). */
export const PERSONS = {
  /** Sara Lindqvist = handlaggare.skarpnack, caseworker in Skarpnäck. */
  saraCaseworkerSkarpnack: '197803159826',
  /** Anna Andersson: not registered in Delaktig. */
  annaUnregistered: '198504129829',
  /** Erik Eriksson = tidigare.skarpnack, deactivated. */
  erikDeactivated: '198112289874',
} as const;

/** Waits for the BankID page with its QR code (the order starts by itself). */
export async function waitForBankIdPage(page: Page): Promise<void> {
  await page.waitForURL(BANKID_PAGE, { timeout: 30_000 });
  await page.getByRole('heading', { level: 1, name: 'Logga in med BankID' }).waitFor();
  await page.locator('#qr svg').waitFor({ timeout: 15_000 });
}

async function simulator(path: string, body: object): Promise<any> {
  const res = await fetch(`${BANKID_SIM_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`BankID simulator ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * The phone scans the QR code shown on the page and the person identifies. The QR content is
 * read the way the page's own script gets its frames (its status endpoint, same origin).
 */
export async function scanQrAndApprove(page: Page, personalNumber: string): Promise<void> {
  const qr = await page.evaluate(async () => {
    const base = document.getElementById('login')?.getAttribute('data-base');
    const res = await fetch(`${base}/status`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    return ((await res.json()) as { qr?: string }).qr;
  });
  if (!qr) throw new Error('no QR code on the BankID page');
  const scanned = await simulator('/sim/scan', { qr, personalNumber });
  await simulator(`/sim/orders/${encodeURIComponent(scanned.orderRef)}/approve`, { personalNumber });
}

/** Signs in through the QR path and waits until the browser is back at `appUrl`. */
export async function signInWithBankIdQr(page: Page, personalNumber: string, appUrl: string): Promise<void> {
  await waitForBankIdPage(page);
  await scanQrAndApprove(page, personalNumber);
  await page.waitForURL((url) => url.href.startsWith(appUrl), { timeout: 30_000 });
}
