// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber, staffToken } from '../support/staff-sign-in';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { childWithSafetyAlert, phoneNumbers, smsTo } from '../integration/child-access.support';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { caseRef, withDb } from '../integration/support/api';
import { scanQrAndApprove, waitForBankIdPage } from './support/bankid';
import { formatViolations, pollUntil, runAxe, STAFF_URL, useBrowser } from './support/browser';

/**
 * Issue 12: a child's safety answer reaches the caseworker's work phone (the SMS simulator);
 * the caseworker opens the link in the SMS, signs in with BankID, lands on that very alert
 * with the keyboard focus on "Kvittera", acknowledges with Enter, and sees who acknowledged
 * and when; the escalation ladder stops.
 */
const USERNAME = 'handlaggare.skarpnack';
const newPhone = phoneNumbers('7');

describe('a safety alert acknowledged from the link in its SMS', () => {
  const browser = useBrowser();

  browser.test('the caseworker follows the SMS link, signs in with BankID and acknowledges that alert', async ({ page, pageErrors }) => {
    const token = await staffToken(USERNAME, process.env['DELAKTIG_PROFILE'] ?? 'test');
    const child = await childWithSafetyAlert(token, newPhone(), caseRef('LANK'));
    const registered = await withDb('identity', async (db) => (await db.query('SELECT work_mobile FROM staff_member WHERE keycloak_username = $1', [USERNAME])).rows[0].work_mobile as string);
    expect(registered).toMatch(/^\+467/);

    // The SMS on the caseworker's work phone: only a link, no child data.
    const sms = await pollUntil(async () => (await smsTo(registered)).find((m) => m.message.includes(`alert=${child.alertId}`)), (m) => m !== undefined, 20_000, 250);
    expect(sms!.message).not.toContain(child.caseReference);
    const link = /(https?:\/\/\S+\/larm\?alert=[0-9a-f-]{36})/.exec(sms!.message)![1] as string;
    expect(link.startsWith(STAFF_URL)).toBe(true);

    // Not signed in on this phone: the link goes to BankID and comes back to the alert.
    await page.goto(link);
    await waitForBankIdPage(page);
    await scanQrAndApprove(page, demoPersonalNumber(USERNAME));
    await page.waitForURL((url) => url.href.startsWith(`${STAFF_URL}/larm?alert=${child.alertId}`), { timeout: 30_000 });

    const card = page.locator(`[data-testid=alert][data-alert="${child.alertId}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getAttribute('aria-current')).toBe('true');
    await pollUntil(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? ''), (v) => v === 'acknowledge', 10_000, 100);
    expect(await card.getByTestId('alert-steps').textContent()).toContain('SMS och e-post till handläggare och enhetschef');
    expect(formatViolations(await runAxe(page))).toBe('');

    await page.keyboard.press('Enter');
    const acknowledged = card.getByTestId('alert-acknowledged');
    await acknowledged.waitFor({ timeout: 15_000 });
    expect((await acknowledged.textContent())?.replace(/\s+/g, ' ').trim()).toMatch(/^Kvitterat .+ av Sara Lindqvist$/);
    expect(await card.getByTestId('acknowledge').count()).toBe(0);

    // The ladder heard it: no further step will be taken.
    await pollUntil(
      () => withDb('survey-delivery', async (db) => (await db.query('SELECT acknowledged_at, closed_at FROM safety_alert_ladder WHERE alert_id = $1', [child.alertId])).rows[0]),
      (row) => Boolean(row?.acknowledged_at && row?.closed_at),
      20_000,
      250,
    );
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
