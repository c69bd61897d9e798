import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

/**
 * Dashboards as code: the committed dashboard is what tools/dashboards.ts generates, every
 * metric it queries is one the code exports, and every metric the code exports is on it.
 */
const root = join(__dirname, '..', '..', '..');
const DASHBOARD_FILES = ['infra/grafana/dashboards/delaktig.json', 'k8s/overlays/prod/dashboards/delaktig.json'];
let generated: string | undefined;
/** What tools/dashboards.ts generates now (its ESM-only SDK runs under ts-node, not ts-jest). */
const dashboardJson = () =>
  (generated ??= execSync(`node_modules/.bin/ts-node --transpile-only -O '{"module":"commonjs"}' tools/dashboards.ts --print`, { cwd: root }).toString());

/** Metric names the code registers (OTel names), with their units. */
function exportedMetrics(): { name: string; unit: string; kind: 'gauge' | 'histogram' }[] {
  const out = execSync(`grep -rhoE "create(Observable)?Gauge\\('[a-z0-9_.]+', \\{[^}]*unit: '[^']*'" libs services gateway --include=*.ts`, { cwd: root }).toString();
  const gauges = [...out.matchAll(/Gauge\('([a-z0-9_.]+)', \{[^}\n]*unit: '([^']*)'/g)].map((m) => ({ name: m[1] as string, unit: m[2] as string, kind: 'gauge' as const }));
  // HTTP request rate and latency come from OpenTelemetry's HTTP instrumentation (stable conventions, libs/telemetry).
  return [...gauges, { name: 'http.server.request.duration', unit: 's', kind: 'histogram' }];
}

/** The name Prometheus gives an OTel metric after the collector (dots → underscores, unit suffix). */
function prometheusNames(m: { name: string; unit: string; kind: string }): string[] {
  const base = m.name.replace(/\./g, '_') + (m.unit === 's' ? '_seconds' : '');
  return m.kind === 'histogram' ? [`${base}_bucket`, `${base}_count`, `${base}_sum`] : [base];
}

const exprs = (dashboard: { panels: { targets?: { expr: string }[] }[] }) => dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
const PROMQL_WORDS = new Set(['sum', 'max', 'by', 'rate', 'or', 'vector', 'histogram_quantile', 'le', 'job', 'service', 'group', 'topic', 'partition', 'district', 'escalated']);
const referenced = (expr: string) => [...expr.replace(/\{[^}]*\}|\[[^\]]*\]|"[^"]*"/g, ' ').matchAll(/[a-z_][a-z0-9_]*/g)].map((m) => m[0]).filter((w) => !PROMQL_WORDS.has(w));

describe('dashboards as code', () => {
  it.each(DASHBOARD_FILES)('%s is what `npm run dashboards` generates', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).toBe(dashboardJson());
  });

  it('queries only metrics the code exports, and shows every one of them', () => {
    const dashboard = JSON.parse(dashboardJson());
    const known = new Map(exportedMetrics().map((m) => [m.name, prometheusNames(m)]));
    expect([...known.keys()]).toEqual(
      expect.arrayContaining(['delaktig.outbox.backlog', 'delaktig.kafka.consumer.lag', 'delaktig.safety_alerts.open', 'http.server.request.duration']),
    );
    const all = new Set([...known.values()].flat());
    const used = new Set(exprs(dashboard).flatMap(referenced));
    expect([...used].filter((n) => !all.has(n))).toEqual([]);
    const unseen = [...known].filter(([, names]) => !names.some((n) => used.has(n))).map(([name]) => name);
    expect(unseen).toEqual([]);
  });

  it('compose provisions it in Grafana over Prometheus, which scrapes the collector', () => {
    const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain('./infra/grafana/dashboards:/var/lib/grafana/dashboards:ro');
    expect(readFileSync(join(root, 'infra/prometheus/prometheus.yml'), 'utf8')).toContain('otel-collector:8889');
    const collector = readFileSync(join(root, 'infra/otel/collector.yaml'), 'utf8');
    expect(collector).toMatch(/metrics:\s*\n\s*receivers: \[otlp\][\s\S]*exporters: \[prometheus/);
    // No namespace prefix: the names stay those the dashboard queries.
    expect(collector).not.toMatch(/^\s*namespace:/m);
  });
});
