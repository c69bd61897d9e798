import { createServer, type Server } from 'node:http';
import { api, tokenFor, validInvitation, waitFor } from './support/api';
import { testEnv } from './support/env';

/**
 * One trace from the caller through the gateway, into survey-delivery, across Kafka and
 * into statistics and audit — received by an OTLP/HTTP endpoint as a collector would.
 */
interface OtlpSpan {
  traceId: string;
  name: string;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

describe('distributed tracing', () => {
  let server: Server;
  const spansByService = new Map<string, OtlpSpan[]>();

  beforeAll(async () => {
    const port = Number(new URL(testEnv['OTEL_EXPORTER_OTLP_ENDPOINT'] as string).port);
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/v1/traces' && body) {
          const data = JSON.parse(body) as OtlpExport;
          for (const rs of data.resourceSpans ?? []) {
            const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
            const spans = (rs.scopeSpans ?? []).flatMap((s) => s.spans ?? []);
            spansByService.set(service, [...(spansByService.get(service) ?? []), ...spans]);
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  });
  afterAll(() => new Promise((r) => server.close(r)));

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
        const withTrace = services.filter((s) => (spansByService.get(s) ?? []).some((span) => span.traceId === traceId));
        return withTrace.length === services.length ? withTrace : undefined;
      },
      30_000,
      `spans of trace ${traceId} from ${services.join(', ')}`,
    );
    expect(found).toEqual(services);
    const consumerSpans = (spansByService.get('statistics') ?? []).filter((s) => s.traceId === traceId).map((s) => s.name);
    expect(consumerSpans).toContain('process delaktig.survey-delivery.invitation.v1');
  });
});
