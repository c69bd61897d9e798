import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web';

export interface BrowserTracingOptions {
  /** `service.name` of the browser's spans: `staff-web` or `child-web`. */
  serviceName: string;
  /**
   * Base URL of the receiver: an OTLP/HTTP collector (spans go to `<url>/v1/traces`) or, with
   * `telemetryFormat: 'zipkin'`, a Zipkin server (`<url>/api/v2/spans`; the local one in development).
   */
  collectorUrl: string;
  /** The receiver's protocol: `otlp` (default) or `zipkin` (Zipkin's JSON v2 API). */
  telemetryFormat?: TelemetryFormat;
  /** Origins (the gateway's) that get the W3C `traceparent` header; no other host ever sees it. */
  propagateTo: string[];
}

export type TelemetryFormat = 'otlp' | 'zipkin';
export const TELEMETRY_FORMATS: readonly TelemetryFormat[] = ['otlp', 'zipkin'];

let started = false;

/** Where the spans are posted for a receiver's base URL and format. */
export function exportUrl(collectorUrl: string, format: TelemetryFormat = 'otlp'): string {
  const base = collectorUrl.replace(/\/+$/, '');
  return format === 'zipkin' ? `${base}/api/v2/spans` : `${base}/v1/traces`;
}

/** A URL without its query string or fragment: they may carry codes or tokens. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url, 'http://relative.invalid');
    return u.origin === 'http://relative.invalid' ? u.pathname : `${u.origin}${u.pathname}`;
  } catch {
    return '';
  }
}

/** `^<origin>/` as a regular expression, the origin's characters taken literally. */
export function originPattern(origin: string): RegExp {
  const o = new URL(origin).origin;
  return new RegExp(`^${o.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|$)`);
}

/**
 * Traces the app's calls to the gateway: every `fetch` becomes a client span whose
 * W3C traceparent the gateway continues, so one trace runs from the browser through the
 * services and Kafka to every consumer (ADR 0021). Loaded lazily (a separate chunk) and only
 * when the runtime config names a collector, so the child app's first screen pays nothing.
 * Span attributes never hold a query string; the collector's own URL and config.json are
 * not traced.
 */
export function startBrowserTracing(options: BrowserTracingOptions): void {
  if (started || !options.collectorUrl) return;
  started = true;
  const collector = options.collectorUrl.replace(/\/+$/, '');
  const url = exportUrl(collector, options.telemetryFormat);
  // Zipkin: by XMLHttpRequest with a JSON content type (CORS preflight, infra/zipkin.sh allows the
  // apps' origins) rather than the exporter's default sendBeacon, which sends cookies and drops
  // batches over the beacon quota without a word.
  const exporter = options.telemetryFormat === 'zipkin' ? new ZipkinExporter({ url, headers: {} }) : new OTLPTraceExporter({ url });
  const provider = new WebTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new FetchInstrumentation({
        propagateTraceHeaderCorsUrls: options.propagateTo.filter(Boolean).map(originPattern),
        ignoreUrls: [originPattern(collector), /\/config\.json(\?|$)/],
        clearTimingResources: true,
        applyCustomAttributesOnSpan: (span, request) => {
          const url = typeof request === 'object' && 'url' in request ? (request as Request).url : undefined;
          const attributes = (span as unknown as { attributes?: Record<string, unknown> }).attributes ?? {};
          const full = url ?? (attributes['url.full'] as string | undefined) ?? (attributes['http.url'] as string | undefined);
          if (full) {
            span.setAttribute('http.url', redactUrl(full));
            span.setAttribute('url.full', redactUrl(full));
          }
        },
      }),
    ],
  });
}
