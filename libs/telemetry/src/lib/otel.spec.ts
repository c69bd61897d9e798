import { DEFAULT_ZIPKIN_ENDPOINT, traceTarget } from './otel';

describe('traceTarget (OTEL_TRACES_EXPORTER)', () => {
  it('exports OTLP to <endpoint>/v1/traces by default, and only when OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
    expect(traceTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({ exporter: 'otlp', url: 'http://collector:4318/v1/traces' });
    expect(traceTarget({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })?.url).toBe('http://collector:4318/v1/traces');
    expect(traceTarget({})).toBeUndefined();
  });

  it('exports to Zipkin with OTEL_TRACES_EXPORTER=zipkin: OTEL_EXPORTER_ZIPKIN_ENDPOINT, else the local Zipkin', () => {
    expect(traceTarget({ OTEL_TRACES_EXPORTER: 'zipkin' })).toEqual({ exporter: 'zipkin', url: DEFAULT_ZIPKIN_ENDPOINT });
    expect(DEFAULT_ZIPKIN_ENDPOINT).toBe('http://localhost:9411/api/v2/spans');
    expect(
      traceTarget({ OTEL_TRACES_EXPORTER: ' Zipkin ', OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://zipkin:9411/api/v2/spans', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }),
    ).toEqual({ exporter: 'zipkin', url: 'http://zipkin:9411/api/v2/spans' });
  });

  it('exports nothing with OTEL_TRACES_EXPORTER=none (or an unknown value)', () => {
    expect(traceTarget({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBeUndefined();
    expect(traceTarget({ OTEL_TRACES_EXPORTER: 'jaeger', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBeUndefined();
  });
});
