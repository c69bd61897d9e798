import type { Request } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { testEnv } from '../integration/support/env';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { OtlpSink } from '../integration/support/otlp-sink';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { demoPersonalNumber } from '../support/staff-sign-in';
import { signInWithBankIdQr } from './support/bankid';
import { pollUntil, STAFF_URL, useBrowser } from './support/browser';
import { CHILD_URL, answerRestByKeyboard, openPhone, phoneNetwork, tabTo, typeCode } from './support/child';

/**
 * Issue 13 "done when": one trace from the browser to both consumers. The staff UI and the
 * child app export their spans to the collector named in their config.json (`telemetryUrl`,
 * here this test's OTLP receiver, as the services' OTEL_EXPORTER_OTLP_ENDPOINT is) and send a
 * W3C traceparent to the gateway. A caseworker creates an invitation in the staff UI; the
 * child answers it in the child app: each click's trace holds the browser's span, the gateway,
 * the service that wrote the outbox, and both Kafka consumers (statistics, audit).
 */
const SMS = `http://127.0.0.1:${testEnv['SMS_SIM_PORT'] ?? 4250}`;
const TRACE_ID = /^00-([0-9a-f]{32})-[0-9a-f]{16}-0[01]$/;

function traceIdOf(request: Request): string {
  const header = request.headers()['traceparent'] ?? '';
  const m = TRACE_ID.exec(header);
  if (!m?.[1]) throw new Error(`${request.method()} ${request.url()} carried no W3C traceparent (got "${header}")`);
  return m[1];
}

describe('one trace from the browser to every consumer', () => {
  const browser = useBrowser();
  const sink = new OtlpSink();

  beforeAll(() => sink.start(Number(new URL(testEnv['BROWSER_TELEMETRY_URL'] as string).port)));
  afterAll(() => sink.stop());

  /** Waits until every one of `services` has sent a span of the trace. */
  const traced = (traceId: string, services: string[]) =>
    pollUntil(
      async () => sink.servicesIn(traceId),
      (seen) => services.every((s) => seen.includes(s)),
      30_000,
      500,
    ).catch(() => {
      throw new Error(`trace ${traceId}: wanted spans from ${services.join(', ')}, got ${sink.servicesIn(traceId).join(', ') || 'none'}`);
    });

  browser.test(
    'staff UI → gateway → survey-delivery → Kafka → statistics and audit; child app → gateway → responses → Kafka → statistics and audit',
    async ({ page, context }) => {
      await phoneNetwork(context);
      await page.goto(`${STAFF_URL}/`);
      await signInWithBankIdQr(page, demoPersonalNumber('handlaggare.skarpnack'), STAFF_URL);
      await page.getByRole('heading', { level: 2, name: 'Ny inbjudan' }).waitFor();

      // 1. The caseworker creates an invitation by SMS.
      const phone = `070${String(Date.now()).slice(-7)}`.replace(/000[0-2]$/, '1234');
      await page.getByLabel('Ärendereferens', { exact: true }).fill(`E2E-TRACE-${Date.now().toString(36).toUpperCase()}`);
      await page.getByLabel('Födelseår').fill(String(new Date().getFullYear() - 9));
      await page.getByLabel('Barnets mobilnummer').fill(phone);
      const [create] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/invitations'),
        page.getByRole('button', { name: 'Skapa inbjudan' }).click(),
      ]);
      const createTrace = traceIdOf(create);
      const code = await pollUntil(async () => ((await page.getByTestId('invitation-code').textContent()) ?? '').trim(), (c) => c.length > 0, 20_000);
      const seen = await traced(createTrace, ['staff-web', 'gateway', 'survey-delivery', 'statistics', 'audit']);
      expect(seen).toEqual(expect.arrayContaining(['staff-web', 'gateway', 'survey-delivery', 'statistics', 'audit']));
      // The browser's span is the root: the gateway's server span is its child.
      const root = sink.spansOf('staff-web', createTrace).find((s) => !s.parentSpanId);
      expect(root).toBeDefined();
      expect(sink.spansOf('gateway', createTrace).some((s) => s.parentSpanId === root?.spanId)).toBe(true);
      // The consumer's span ends after its database calls: wait for it too.
      const consumed = await pollUntil(
        async () => sink.spansOf('statistics', createTrace).map((s) => s.name),
        (names) => names.includes('process delaktig.survey-delivery.invitation.v1'),
        15_000,
      ).catch(() => sink.spansOf('statistics', createTrace).map((s) => s.name));
      expect(consumed).toContain('process delaktig.survey-delivery.invitation.v1');

      // 2. The child opens the link from the SMS, types the code and answers.
      const e164 = `+46${phone.slice(1)}`;
      const sms = await pollUntil(
        async () => ((await (await fetch(`${SMS}/sim/messages?to=${encodeURIComponent(e164)}`)).json()) as { items: { message: string }[] }).items,
        (items) => items.length > 0,
        30_000,
      );
      const link = /\/#\/i\/([A-Za-z0-9_-]+)/.exec(sms[sms.length - 1]?.message ?? '')?.[1];
      expect(link).toBeDefined();
      const child = await openPhone(browser.browser());
      try {
        const p = child.page;
        await p.goto(`${CHILD_URL}/#/i/${link}`);
        await typeCode(p, code);
        await p.locator('[data-testid=start]').waitFor({ timeout: 20_000 });
        await tabTo(p, '[data-testid=start]');
        await p.keyboard.press('Enter');
        await answerRestByKeyboard(p);
        await tabTo(p, '[data-testid=submit]');
        const [submit] = await Promise.all([
          p.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/child/response/submit'),
          p.keyboard.press('Enter'),
        ]);
        await p.locator('h1', { hasText: 'Tack!' }).waitFor({ timeout: 20_000 });
        const submitTrace = traceIdOf(submit);
        expect(submitTrace).not.toBe(createTrace);
        const childSeen = await traced(submitTrace, ['child-web', 'gateway', 'responses', 'statistics', 'audit']);
        expect(childSeen).toEqual(expect.arrayContaining(['child-web', 'gateway', 'responses', 'statistics', 'audit']));
        // No query string ever reaches a span from the browser (codes and tokens stay out of traces).
        expect(JSON.stringify(sink.spansOf('child-web', submitTrace))).not.toContain('?');
        expect(child.errors.map((e) => e.message)).toEqual([]);
      } finally {
        await child.close();
      }
    },
    240_000,
  );
});
