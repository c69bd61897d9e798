import { createServer, type Server } from 'node:http';

/**
 * An OTLP/HTTP (JSON) receiver standing where a collector would (the test profile's
 * OTEL_EXPORTER_OTLP_ENDPOINT and the browsers' telemetryUrl): it keeps the spans and metric
 * names each service sends. Answers CORS like the collector's `cors` setting so the staff UI and
 * the child app can export to it from their own origins.
 */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

interface Attr {
  key: string;
  value: { stringValue?: string };
}
interface OtlpTraces {
  resourceSpans?: { resource?: { attributes?: Attr[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}
interface OtlpMetrics {
  resourceMetrics?: { resource?: { attributes?: Attr[] }; scopeMetrics?: { metrics?: { name: string }[] }[] }[];
}

const serviceOf = (attributes: Attr[] | undefined) => attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';

export class OtlpSink {
  readonly spansByService = new Map<string, OtlpSpan[]>();
  readonly metricsByService = new Map<string, Set<string>>();
  private server?: Server;

  /** The services that sent at least one span of this trace. */
  servicesIn(traceId: string): string[] {
    return [...this.spansByService].filter(([, spans]) => spans.some((s) => s.traceId === traceId)).map(([name]) => name).sort();
  }

  spansOf(service: string, traceId: string): OtlpSpan[] {
    return (this.spansByService.get(service) ?? []).filter((s) => s.traceId === traceId);
  }

  async start(port: number): Promise<void> {
    this.server = createServer((req, res) => {
      const cors = {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type',
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors);
        res.end();
        return;
      }
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        try {
          if (req.url === '/v1/traces' && body) this.addTraces(JSON.parse(body) as OtlpTraces);
          if (req.url === '/v1/metrics' && body) this.addMetrics(JSON.parse(body) as OtlpMetrics);
        } catch {
          /* not JSON: ignored, as a collector would reject it */
        }
        res.writeHead(200, { 'content-type': 'application/json', ...cors });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private addTraces(data: OtlpTraces): void {
    for (const rs of data.resourceSpans ?? []) {
      const service = serviceOf(rs.resource?.attributes);
      const spans = (rs.scopeSpans ?? []).flatMap((s) => s.spans ?? []);
      this.spansByService.set(service, [...(this.spansByService.get(service) ?? []), ...spans]);
    }
  }

  private addMetrics(data: OtlpMetrics): void {
    for (const rm of data.resourceMetrics ?? []) {
      const service = serviceOf(rm.resource?.attributes);
      const names = this.metricsByService.get(service) ?? new Set<string>();
      for (const sm of rm.scopeMetrics ?? []) for (const m of sm.metrics ?? []) names.add(m.name);
      this.metricsByService.set(service, names);
    }
  }
}
