import { createHash, randomUUID } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber, staffToken as staffTokenFor } from '../support/staff-sign-in';
import { signInWithBankIdQr } from './support/bankid';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { testQuestionnaire } from '../../services/responses/src/testing/questionnaire.fixture';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { pdfText } from '../../services/responses/src/testing/pdf-text';
import { GATEWAY_URL, STAFF_URL, formatViolations, pollUntil, runAxe, saveScreenshot, useBrowser } from './support/browser';

/**
 * The caseworker's side of a child's answers (issue 5, items 9–11), in a real Chromium
 * against a running stack: a child (two occasions, the second with a safety answer and
 * "want to talk") has submitted through the responses service's child API; the caseworker
 * sees the alert badge, acknowledges, opens the answers with the trend, uses the
 * conversation view, exports the PDF and sends feedback, which the child can then read.
 */

const PROFILE = process.env['DELAKTIG_PROFILE'] ?? 'test';
const env: Record<string, string> = Object.fromEntries(
  readFileSync(join(__dirname, '..', '..', 'infra', 'env', `${PROFILE}.env`), 'utf8')
    .split('\n')
    .map((l) => /^([A-Z_]+)=(.*)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1] as string, m[2] as string]),
);
const RESPONSES = `http://127.0.0.1:${env['RESPONSES_PORT']}`;
const PREFIX = env['KAFKA_TOPIC_PREFIX'] ?? '';
const SECRET = new TextEncoder().encode(env['INTERNAL_TOKEN_SECRET'] ?? '');
const DB = `postgresql://postgres@127.0.0.1:5432/delaktig_responses${env['DB_SUFFIX'] ?? ''}`;
const USERNAME = 'handlaggare.skarpnack';

interface Inv {
  invitationId: string;
  districtId: string;
  questionnaireVersionId: string;
}

const kafka = new Kafka({ clientId: 'browser-casework', brokers: (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });

async function publish(topic: string, type: string, version: number, key: string, data: unknown) {
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  const envelope = { id: randomUUID(), type, version, occurredAt: new Date().toISOString(), key, source: 'browser-test', correlationId: randomUUID(), causationId: null, traceparent: null, data };
  try {
    await producer.send({ topic: `${PREFIX}${topic}`, acks: -1, messages: [{ key, value: JSON.stringify(envelope) }] });
  } finally {
    await producer.disconnect();
  }
}

async function rowExists(table: string, id: string) {
  const db = new Client({ connectionString: DB });
  await db.connect();
  try {
    await pollUntil(async () => (await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).rowCount, (n) => n === 1, 30_000, 500);
  } finally {
    await db.end();
  }
}

/** The child's API of the responses service, with the identity the gateway signs for a child session. */
async function asChild(inv: Inv, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const token = await new SignJWT({ ...inv, ageBand: '6-11', sessionId: `s-${inv.invitationId.slice(0, 8)}` })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(inv.invitationId)
    .setIssuer('delaktig-gateway')
    .setAudience('delaktig-services-child')
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(SECRET);
  const res = await fetch(`${RESPONSES}/child${path}`, {
    method,
    headers: { 'x-delaktig-child': token, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The caseworker's token, from a headless sign-in with the simulated BankID (no passwords). */
function staffToken(): Promise<string> {
  return staffTokenFor(USERNAME, process.env['DELAKTIG_PROFILE'] ?? 'test');
}

const opt = (questionId: string, optionId: string, wantsToTalk = false) => ({ questionId, value: { kind: 'option', optionId }, wantsToTalk });

async function badgeCount(page: Page): Promise<number> {
  return Number(((await page.getByTestId('alert-count').textContent()) ?? '').trim());
}

describe('casework: alerts, answers, conversation view, export and feedback', () => {
  const browser = useBrowser();
  let current: Inv;

  beforeAll(async () => {
    const token = await staffToken();
    const me = (await (await fetch(`${GATEWAY_URL}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { subject: string; unit: string | null };

    const versionId = randomUUID();
    const templateId = randomUUID();
    await publish('delaktig.survey-delivery.questionnaire.v1', 'QuestionnaireVersionPublished', 2, templateId, {
      templateId,
      key: `e2e-${versionId.slice(0, 8)}`,
      ageBand: '6-11',
      versionId,
      version: 1,
      publishedBy: 'system',
      publishedAt: new Date().toISOString(),
      contentSha256: createHash('sha256').update(versionId).digest('hex'),
      content: testQuestionnaire(),
    });
    await rowExists('questionnaire_version', versionId);

    const childRef = createHash('sha256').update(`e2e-child-${randomUUID()}`).digest('hex');
    const invite = async (occasion: number): Promise<Inv> => {
      const invitationId = randomUUID();
      await publish('delaktig.survey-delivery.invitation.v1', 'InvitationCreated', 2, invitationId, {
        invitationId,
        districtId: 'skarpnack',
        unitId: me.unit,
        ageBand: '6-11',
        createdBy: me.subject,
        createdAt: new Date().toISOString(),
        questionnaireVersionId: versionId,
        expiresAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        language: 'sv',
        channel: 'sms',
        discreet: false,
        gender: 'girl',
        birthYear: new Date().getUTCFullYear() - 9,
        occasion,
        childRef,
      });
      await rowExists('invitation', invitationId);
      return { invitationId, districtId: 'skarpnack', questionnaireVersionId: versionId };
    };
    const earlier = await invite(1);
    const submit = (inv: Inv, answers: unknown[]) => asChild(inv, 'POST', '/response/submit', { answers }, { 'idempotency-key': randomUUID() });
    expect((await submit(earlier, [opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'happy')])).status).toBe(201);
    current = await invite(2);
    const sent = await submit(current, [opt('home-safe', 'sad'), opt('home-why', 'family'), opt('home-hurt', 'no'), opt('school-like', 'sad', true)]);
    expect(sent.status).toBe(201);
    expect(sent.body.safetyRaised).toBe(true);
  });

  browser.test('the caseworker acknowledges the alert, reads the answers with the trend, talks, exports and gives feedback', async ({ page, pageErrors }) => {
    await page.goto(`${STAFF_URL}/`);
    await signInWithBankIdQr(page, demoPersonalNumber(USERNAME), STAFF_URL);

    // 1. The header badge counts the open alerts (ours among them).
    await page.getByTestId('alert-count').waitFor();
    const before = await pollUntil(() => badgeCount(page), (n) => n >= 1, 10_000);
    await page.getByTestId('alert-badge').click();
    await page.getByRole('heading', { level: 1, name: 'Larm' }).waitFor();
    const ours = page.locator(`[data-testid=alert][data-invitation="${current.invitationId}"]`);
    await ours.first().waitFor();
    expect(await ours.first().textContent()).toContain('Känner du dig trygg hemma?');
    const alertsAxe = await runAxe(page);
    expect(formatViolations(alertsAxe)).toBe('');

    // 2. Acknowledge: the alert shows who/when and the badge goes down by one.
    await ours.first().getByTestId('acknowledge').click();
    await ours.first().getByTestId('alert-acknowledged').waitFor();
    expect(await pollUntil(() => badgeCount(page), (n) => n === before - 1, 10_000)).toBe(before - 1);

    // 3. The answers: alert and "vill prata" first, the trend against occasion 1.
    await ours.first().getByTestId('alert-open').click();
    await page.getByRole('heading', { level: 1, name: 'Barnets svar' }).waitFor();
    await page.getByTestId('answers-area').first().waitFor();
    const headings = await page.locator('section h2').allTextContents();
    expect(headings.slice(0, 4).map((h) => h.trim())).toEqual(['Larm', 'Barnet vill prata om', 'Hemma', 'Skolan']);
    expect(await page.getByTestId('answers-talk').textContent()).toContain('Trivs du i skolan?');
    const homeSafe = page.getByTestId('answer').filter({ hasText: 'Känner du dig trygg hemma?' });
    expect((await homeSafe.getByTestId('answer-value').textContent())?.trim()).toBe('Nej');
    expect((await homeSafe.getByTestId('trend').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Tidigare: Tillfälle 1: Ja');
    expect(await page.getByTestId('occasion').textContent()).toBe('2');
    await page.getByTestId('feedback').waitFor();
    const answersAxe = await runAxe(page);
    if (answersAxe.length) await saveScreenshot(page, 'axe-answers');
    expect(formatViolations(answersAxe)).toBe('');

    // 4. Conversation view: the whole window, one area at a time, arrows to move, Escape to leave.
    await page.getByTestId('open-conversation').click();
    const area = page.getByTestId('conversation-area');
    await area.waitFor();
    expect(await area.textContent()).toBe('Hemma');
    const box = await page.getByTestId('conversation').boundingBox();
    const viewport = page.viewportSize();
    expect(box).toMatchObject({ x: 0, y: 0, width: viewport?.width, height: viewport?.height });
    expect(await page.getByTestId('conversation').textContent()).not.toContain('Larm');
    await page.keyboard.press('ArrowRight');
    await pollUntil(async () => (await area.textContent()) ?? '', (t) => t === 'Skolan', 5_000);
    expect(await page.getByTestId('conversation').textContent()).toContain('Du vill prata om det här.');
    await page.getByTestId('conversation-previous').click();
    await pollUntil(async () => (await area.textContent()) ?? '', (t) => t === 'Hemma', 5_000);
    await page.keyboard.press('Escape');
    await page.getByTestId('export-pdf').waitFor();

    // 5. Export the PDF: a download whose text is the Swedish case-file document.
    const download = page.waitForEvent('download', { timeout: 20_000 });
    await page.getByTestId('export-pdf').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`delaktig-svar-${current.invitationId.slice(0, 8)}-tillfalle-2.pdf`);
    const pdf = readFileSync((await file.path()) as string);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of ['Barnets svar', 'Säkerhetslarm', 'Barnet vill prata om', 'Trivs du i skolan?', 'Exporterad av', 'Tidigare: tillfälle 1']) expect(text).toContain(expected);

    // 6. Feedback from a template plus own words, previewed, sent.
    await page.getByLabel('Mall').selectOption({ label: 'Det du berättade gjorde att…' });
    const textarea = page.getByLabel('Text till barnet');
    expect(await textarea.inputValue()).toContain('Det du berättade gjorde att ');
    await textarea.press('End');
    await textarea.pressSequentially('du får träffa en vuxen på skolan varje vecka.');
    await page.getByTestId('feedback-preview-toggle').click();
    expect(await page.getByTestId('feedback-preview').textContent()).toContain('du får träffa en vuxen på skolan varje vecka.');
    await page.getByTestId('feedback-send').click();
    await page.getByTestId('feedback-sent').waitFor();
    expect(await page.getByTestId('feedback-given').textContent()).toContain('varje vecka');

    // The child reads it behind the same session and rates how involved they felt.
    const read = await asChild(current, 'GET', '/feedback');
    expect(read.status).toBe(200);
    expect(read.body.items[0].text).toContain('Det du berättade gjorde att du får träffa en vuxen på skolan varje vecka.');
    expect((await asChild(current, 'POST', '/feedback/rating', { rating: '5' })).status).toBe(201);

    expect(pageErrors.map((error) => error.message)).toEqual([]);
  }, 180_000);
});
