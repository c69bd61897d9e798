import { context, propagation, trace, type Context } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

let sdk: NodeSDK | undefined;

const IGNORED_PATHS = /^\/(health|api\/health)(\/|$)/;

/** The local Zipkin of infra/zipkin.sh (also the exporter's own default). */
export const DEFAULT_ZIPKIN_ENDPOINT = 'http://localhost:9411/api/v2/spans';

/** Where this process's spans go, from the standard OpenTelemetry variables; undefined: nowhere. */
export type TraceTarget = { exporter: 'otlp' | 'zipkin'; url: string } | undefined;

/**
 * OTEL_TRACES_EXPORTER `otlp` (default): OTLP/HTTP to `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`,
 * only when that is set. `zipkin`: Zipkin's JSON v2 API at OTEL_EXPORTER_ZIPKIN_ENDPOINT (default
 * the local Zipkin; the development profile). `none`, or anything else: spans are not exported.
 */
export function traceTarget(env: Record<string, string | undefined> = process.env): TraceTarget {
  const exporter = (env['OTEL_TRACES_EXPORTER'] || 'otlp').trim().toLowerCase();
  if (exporter === 'zipkin') return { exporter, url: env['OTEL_EXPORTER_ZIPKIN_ENDPOINT'] || DEFAULT_ZIPKIN_ENDPOINT };
  const otlp = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.replace(/\/+$/, '');
  if (exporter === 'otlp' && otlp) return { exporter, url: `${otlp}/v1/traces` };
  return undefined;
}

/**
 * Starts OpenTelemetry for this process. Call it before anything else is imported
 * (each service's `main.ts` imports `./instrument` first). Context propagation (W3C
 * traceparent over HTTP and, through the event envelope, over Kafka) and trace ids in
 * logs always work; spans are exported as traceTarget() says (OTLP to
 * OTEL_EXPORTER_OTLP_ENDPOINT, or Zipkin with OTEL_TRACES_EXPORTER=zipkin), metrics only
 * over OTLP, when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
export function startTelemetry(serviceName: string): void {
  if (sdk || process.env['NODE_ENV'] === 'test-unit') return;
  const endpoint = process.env['OTEL_EXPORTER_OTLP_ENDPOINT']?.replace(/\/+$/, '');
  const target = traceTarget();
  // Stable HTTP semantic conventions: `http.server.request.duration` (request rate and latency).
  process.env['OTEL_SEMCONV_STABILITY_OPT_IN'] ??= 'http';
  const exportIntervalMillis = Number(process.env['OTEL_METRIC_EXPORT_INTERVAL']) || 15000;
  // Logs go to stdout as JSON (collected from there); the SDK must not ship them itself.
  process.env['OTEL_LOGS_EXPORTER'] ??= 'none';
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: process.env['OTEL_SERVICE_NAME'] || serviceName }),
    traceExporter:
      target?.exporter === 'zipkin'
        ? new ZipkinExporter({ url: target.url })
        : target
          ? new OTLPTraceExporter({ url: target.url })
          : undefined,
    // Without a collector, spans are still made (for propagation and log trace ids) but dropped.
    spanProcessors: target ? undefined : [new tracing.NoopSpanProcessor()],
    metricReaders: endpoint
      ? [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }), exportIntervalMillis })]
      : [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => IGNORED_PATHS.test(req.url ?? ''),
        // Never record query strings: they may carry tokens or codes.
        headersToSpanAttributes: { client: { requestHeaders: [], responseHeaders: [] }, server: { requestHeaders: [], responseHeaders: [] } },
      }),
      new UndiciInstrumentation(),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  const shutdown = () => {
    void sdk?.shutdown().catch(() => undefined);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** The W3C traceparent of the active span, or null when there is none. */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'] ?? null;
}

/** The active trace id (for logs and problem responses). */
export function currentTraceId(): string | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  return ctx && ctx.traceId !== '00000000000000000000000000000000' ? ctx.traceId : undefined;
}

/** A context whose parent is the given traceparent (for work caused by a Kafka event). */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  if (!traceparent) return context.active();
  return propagation.extract(context.active(), { traceparent });
}
