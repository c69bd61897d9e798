import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createEvent, InvitationCreatedV2, ResponseSubmittedV1, TOPICS, type EventDefinition, type EventEnvelope } from '@delaktig/contracts';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { waitFor, withDb } from '../integration/support/api';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { TOPIC_PREFIX } from '../integration/support/env';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { kafka } from '../integration/support/kafka';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber } from '../support/staff-sign-in';
import { signInWithBankIdQr } from './support/bankid';
import { STAFF_URL, formatViolations, pollUntil, runAxe, saveScreenshot, useBrowser } from './support/browser';

/**
 * Issue 10 in a real Chromium on the real stack: the central analyst's answer dashboard (a
 * question's distribution by gender, protection explained, CSV export of what is on screen,
 * participation per district), a district admin limited to her district, and the auditor's
 * start page without a statistics error.
 */

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('statistics dashboards', () => {
  const browser = useBrowser();

  beforeAll(async () => {
    // 30 answers in Bromma this month to the published 12–18 questionnaire, so the page has numbers of its own.
    const version = await withDb('statistics', async (db) =>
      (await db.query(`SELECT version_id::text AS id FROM questionnaire_version WHERE age_band = '12-18' AND content IS NOT NULL ORDER BY published_at DESC LIMIT 1`)).rows[0],
    );
    const now = new Date().toISOString();
    const events: EventEnvelope[] = [];
    const ev = (def: EventDefinition, data: unknown, key: string) => events.push(createEvent(def, data as never, { key, source: 'browser-test', correlationId: randomUUID() }));
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const invitationId = randomUUID();
      ids.push(invitationId);
      const gender = i % 2 === 0 ? 'girl' : 'boy';
      ev(InvitationCreatedV2, {
        invitationId, districtId: 'bromma', unitId: 'Barn och unga Bromma', ageBand: '12-18', createdBy: 'browser-test', createdAt: now, questionnaireVersionId: version.id,
        expiresAt: now, language: 'sv', channel: 'sms', discreet: true, gender, birthYear: 2012, occasion: 1, childRef: invitationId.replace(/-/g, '').padEnd(64, 'a'),
      }, invitationId);
      ev(ResponseSubmittedV1, {
        responseId: randomUUID(), invitationId, districtId: 'bromma', unitId: 'Barn och unga Bromma', ageBand: '12-18', gender, occasion: 1, questionnaireVersionId: version.id, submittedAt: now,
        answers: [{ questionId: 'home-safe', value: { kind: 'option', optionId: i % 5 === 0 ? 'dont-know' : 'yes' }, wantsToTalk: false }],
      }, invitationId);
    }
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: `${TOPIC_PREFIX}${TOPICS.invitation}`, messages: events.filter((e) => e.type === 'InvitationCreated').map((e) => ({ key: e.key, value: JSON.stringify(e) })) });
    await producer.send({ topic: `${TOPIC_PREFIX}${TOPICS.response}`, messages: events.filter((e) => e.type === 'ResponseSubmitted').map((e) => ({ key: e.key, value: JSON.stringify(e) })) });
    await producer.disconnect();
    await waitFor(
      async () => withDb('statistics', async (db) => ((await db.query('SELECT count(*)::int AS n FROM response_record WHERE invitation_id = ANY($1::uuid[])', [ids])).rows[0].n === 30 ? true : undefined)),
      30_000,
      'the answers in statistics',
    );
  });

  browser.test('the central analyst reads a question by gender, sees the protection explained, exports it as CSV and sees participation per district', async ({ page, pageErrors }) => {
    await page.goto(`${STAFF_URL}/`);
    await signInWithBankIdQr(page, demoPersonalNumber('analytiker.central'), STAFF_URL);
    await page.getByTestId('nav-statistics').click();
    await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor();
    expect(await page.getByTestId('stat-tab-answers').getAttribute('aria-selected')).toBe('true');

    // Bromma, girls and boys side by side: the default split is gender.
    await page.getByTestId('stat-districts').selectOption('bromma');
    const question = page.getByTestId('stat-question-home-safe');
    await question.waitFor();
    await pollUntil(() => text(page, 'stat-scope'), (t) => t === 'Bromma', 15_000);
    expect(await question.locator('h3').textContent()).toBe('Känner du dig trygg där du bor?');
    const headers = (await question.locator('thead th').allTextContents()).map((t) => t.trim());
    expect(headers).toEqual(['Svar', 'Bromma', 'Flickor', 'Pojkar', 'Annat', 'Ej angivet']);
    // 24+ "yes" of 30 in Bromma: shown as a number within ±2 of the truth, never exactly guessable as a small count.
    const yes = Number(await text(page, 'cell-home-safe-yes-all'));
    expect(yes).toBeGreaterThanOrEqual(22);
    expect(await text(page, 'stat-protected-note')).toContain('Små tal visas som <5');
    expect(await question.locator('canvas').count()).toBe(1);
    expect(formatViolations(await runAxe(page))).toBe('');
    await saveScreenshot(page, 'statistics-answers-central');

    // CSV export: the numbers on screen, Swedish headers, as a download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stat-export-csv').click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain('Område;Fråga;Svar;Bromma: antal');
    expect(csv).toContain(`Hemma;Känner du dig trygg där du bor?;Ja;${yes};`);

    // One district beside the city is a choice away.
    await page.getByTestId('stat-split').selectOption('district');
    await pollUntil(async () => (await question.locator('thead th').allTextContents()).map((t) => t.trim()).join('|'), (t) => t === 'Svar|Bromma|Hela staden', 15_000);

    // Participation per district: all 13.
    await page.getByTestId('stat-tab-participation').click();
    await page.getByTestId('stat-participation-table').waitFor();
    expect(await page.locator('[data-testid=stat-participation-table] tbody tr').count()).toBe(13);
    expect(formatViolations(await runAxe(page))).toBe('');
    expect(pageErrors).toEqual([]);
  });

  browser.test('a district admin sees her own district only, with the city beside it', async ({ page }) => {
    await page.goto(`${STAFF_URL}/`);
    await signInWithBankIdQr(page, demoPersonalNumber('admin.skarpnack'), STAFF_URL);
    await page.getByTestId('nav-statistics').click();
    await page.getByTestId('stat-question-home-safe').or(page.getByTestId('stat-empty')).first().waitFor();
    expect(await page.getByTestId('stat-districts').count()).toBe(0);
    expect(await text(page, 'stat-scope')).toBe('Skarpnäck');
    await page.getByTestId('stat-split').selectOption('district');
    await pollUntil(() => text(page, 'stat-scope'), (t) => t === 'Skarpnäck', 15_000);
    const q = page.getByTestId('stat-question-home-safe');
    if (await q.count()) expect((await q.locator('thead th').allTextContents()).map((t) => t.trim())).toEqual(['Svar', 'Skarpnäck', 'Hela staden']);
  });

  browser.test("the auditor's start page shows the audit log's state, not a statistics error", async ({ page }) => {
    await page.goto(`${STAFF_URL}/`);
    await signInWithBankIdQr(page, demoPersonalNumber('revisor.skarpnack'), STAFF_URL);
    await page.getByTestId('audit-card').waitFor();
    await pollUntil(async () => (await page.getByTestId('audit-card').textContent()) ?? '', (t) => /poster i loggen/.test(t), 15_000);
    expect(await page.locator('body').textContent()).not.toContain('Kunde inte hämta statistiken');
    expect(formatViolations(await runAxe(page))).toBe('');
  });
});
