import { exportUrl, originPattern, redactUrl } from './web-tracing';

describe('browser tracing helpers', () => {
  it('never keeps a query string or fragment in a span URL', () => {
    expect(redactUrl('http://localhost:4000/api/v1/child/session?code=ABCD-1234#x')).toBe('http://localhost:4000/api/v1/child/session');
    expect(redactUrl('/api/v1/invitations?caseReference=2026-1234')).toBe('/api/v1/invitations');
  });

  it('sends traceparent to the gateway origin only, not to a look-alike host', () => {
    const gateway = originPattern('http://localhost:4000/');
    expect(gateway.test('http://localhost:4000/api/v1/invitations')).toBe(true);
    expect(gateway.test('http://localhost:40000/api')).toBe(false);
    expect(gateway.test('http://localhost:4000.evil.example/api')).toBe(false);
    expect(originPattern('https://api.delaktig.se').test('https://apixdelaktig.se/')).toBe(false);
  });

  it('posts OTLP to <collector>/v1/traces (default) and Zipkin JSON to <zipkin>/api/v2/spans', () => {
    expect(exportUrl('http://127.0.0.1:4319/')).toBe('http://127.0.0.1:4319/v1/traces');
    expect(exportUrl('https://otel.delaktig.se', 'otlp')).toBe('https://otel.delaktig.se/v1/traces');
    expect(exportUrl('http://localhost:9411/', 'zipkin')).toBe('http://localhost:9411/api/v2/spans');
  });
});
