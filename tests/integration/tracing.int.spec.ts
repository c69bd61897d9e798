import { api, tokenFor, validInvitation, waitFor } from './support/api';
import { testEnv } from './support/env';
import { OtlpSink } from './support/otlp-sink';

/**
 * One trace from the caller through the gateway, into survey-delivery, across Kafka and
 * into statistics and audit — received by an OTLP/HTTP endpoint as a collector would.
 * (tests/browser/tracing.spec.ts starts the same trace in the staff UI and the child app.)
 */
describe('distributed tracing', () => {
  const sink = new OtlpSink();

  beforeAll(() => sink.start(Number(new URL(testEnv['OTEL_EXPORTER_OTLP_ENDPOINT'] as string).port)));
  afterAll(() => sink.stop());

  it('follows an invitation from the HTTP request through Kafka into statistics and audit', async () => {
    const token = await tokenFor('handlaggare.skarpnack');
    const traceId = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const created = await api('POST', '/api/v1/invitations', {
      token,
      body: validInvitation(),
      headers: { traceparent: `00-${traceId}-0102030405060708-01` },
    });
    expect(created.status).toBe(201);
    const services = ['gateway', 'survey-delivery', 'statistics', 'audit'];
    const found = await waitFor(
      async () => {
        const withTrace = services.filter((s) => sink.spansOf(s, traceId).length > 0);
        return withTrace.length === services.length ? withTrace : undefined;
      },
      30_000,
      `spans of trace ${traceId} from ${services.join(', ')}`,
    );
    expect(found).toEqual(services);
    const consumerSpans = sink.spansOf('statistics', traceId).map((s) => s.name);
    expect(consumerSpans).toContain('process delaktig.survey-delivery.invitation.v1');
  });

  it('exports the metrics operators watch: request rate and latency, consumer lag, outbox backlog, open safety alerts', async () => {
    const wanted: Record<string, string[]> = {
      gateway: ['http.server.request.duration'],
      'survey-delivery': ['http.server.request.duration', 'delaktig.outbox.backlog', 'delaktig.outbox.oldest_age'],
      responses: ['delaktig.outbox.backlog', 'delaktig.safety_alerts.oldest_open_age'],
      statistics: ['delaktig.kafka.consumer.lag'],
      audit: ['delaktig.kafka.consumer.lag'],
    };
    // Some traffic, so the request histograms have something to say.
    await api('POST', '/api/v1/invitations', { token: await tokenFor('handlaggare.skarpnack'), body: validInvitation() });
    const missing = () =>
      Object.entries(wanted).flatMap(([service, names]) => names.filter((n) => !sink.metricsByService.get(service)?.has(n)).map((n) => `${service}: ${n}`));
    await waitFor(async () => (missing().length === 0 ? true : undefined), 30_000, `metrics (missing: ${missing().join(', ')})`).catch(() => undefined);
    expect(missing()).toEqual([]);
  });
});
