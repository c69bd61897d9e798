// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber, staffToken } from '../support/staff-sign-in';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { childWithSafetyAlert, phoneNumbers } from '../integration/child-access.support';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { api, caseRef, withDb } from '../integration/support/api';
import { scanQrAndApprove, waitForBankIdPage } from './support/bankid';
import { formatViolations, pollUntil, runAxe, STAFF_URL, useBrowser } from './support/browser';

/**
 * Issue 11, as the district auditor checks it: a child answers, the caseworker reads the answers
 * twice (view and conversation); the auditor signs in with BankID, opens *Logguppföljning*,
 * searches the child's case reference and sees every read with person, time and action; "who has
 * read this child's answers" in one click; the review exported as CSV, the export itself audited.
 */
const newPhone = phoneNumbers('5');

describe("the auditor's log review", () => {
  const browser = useBrowser();

  browser.test("an auditor finds every read of a child's answers by case reference, sees who read them and exports the review", async ({ page, pageErrors }) => {
    const profile = process.env['DELAKTIG_PROFILE'] ?? 'test';
    const caseworker = await staffToken('handlaggare.skarpnack', profile);
    const child = await childWithSafetyAlert(caseworker, newPhone(), caseRef('LOGG'));
    for (const mode of ['view', 'conversation']) {
      const r = await api('GET', `/api/v1/invitations/${child.invitationId}/response?mode=${mode}`, { token: caseworker });
      expect(r.status).toBe(200);
    }
    // The reads are in the audit log (via Kafka) before the auditor looks.
    await pollUntil(
      () => withDb('audit', async (db) => (await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE object_id = $1 AND action LIKE 'response.%'`, [child.invitationId])).rows[0].n as number),
      (n) => n >= 2,
      20_000,
      250,
    );

    await page.goto(`${STAFF_URL}/logg`);
    await waitForBankIdPage(page);
    await scanQrAndApprove(page, demoPersonalNumber('revisor.skarpnack'));
    await page.waitForURL((url) => url.href.startsWith(`${STAFF_URL}/logg`), { timeout: 30_000 });
    await page.getByRole('heading', { level: 1 }).waitFor();

    await page.getByTestId('review-case').fill(child.caseReference);
    await page.getByTestId('review-search').click();
    const rows = page.getByTestId('review-entry');
    await pollUntil(async () => rows.count(), (n) => n >= 3, 15_000, 200);
    const texts = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    // The invitation created, the two reads: each with the person and the action in Swedish.
    expect(texts.filter((t) => t.includes('Sara Lindqvist') && t.includes('Läste barnets svar')).length).toBe(1);
    expect(texts.filter((t) => t.includes('Sara Lindqvist') && t.includes('Samtalsvy med barnet')).length).toBe(1);
    expect(texts.some((t) => t.includes('Skapade inbjudan'))).toBe(true);
    expect(texts.every((t) => /\d{1,2}:\d{2}/.test(t))).toBe(true);

    // "Who has read this child's answers": only the reads, counted.
    await page.getByTestId('review-who-read').first().click();
    const count = page.getByTestId('review-who-read-count');
    await count.waitFor({ timeout: 15_000 });
    expect(await count.textContent()).toContain('2 läsningar av barnets svar');
    expect(formatViolations(await runAxe(page))).toBe('');

    // Export of the review as CSV: a file with the reads, and the export itself in the log.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('review-export-csv').click()]);
    const csv = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((s) => {
        let out = '';
        s.on('data', (c) => (out += c));
        s.on('end', () => resolve(out));
        s.on('error', reject);
      }, reject);
    });
    expect(csv).toContain(child.invitationId);
    expect(csv).toContain('response.view');
    await pollUntil(
      () => withDb('audit', async (db) => (await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'audit.exported' AND occurred_at > now() - interval '2 minutes'`)).rows[0].n as number),
      (n) => n >= 1,
      20_000,
      250,
    );
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
