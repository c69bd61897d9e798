/**
 * Delaktig's Grafana dashboard as code (Grafana's foundation SDK). `npm run dashboards` writes
 * it to infra/grafana/dashboards/ (compose provisions it) and k8s/overlays/prod/dashboards/
 * (a ConfigMap for the platform's Grafana sidecar); tests/deployment checks both are current
 * and that every metric it queries is one the code exports (and the other way round).
 *
 * Metric names are as Prometheus sees them after the collector: `delaktig.outbox.backlog`
 * becomes `delaktig_outbox_backlog`, a unit of seconds adds `_seconds`, a histogram has
 * `_bucket`/`_count`; `job` is the service name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReduceDataOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import { DashboardBuilder, DashboardCursorSync, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

const PROMETHEUS = { type: 'prometheus', uid: 'prometheus' };

/**
 * Every replica of responses counts the same alerts, and every consumer replica reports the lag
 * of all its group's partitions: take one reading per series (max) before adding up.
 */
const openAlerts = (selector = '') => `max by (district, escalated) (delaktig_safety_alerts_open${selector})`;

const query = (expr: string, legend: string) => new DataqueryBuilder().expr(expr).legendFormat(legend).datasource(PROMETHEUS);

const series = (title: string, description: string, unit: string, ...queries: DataqueryBuilder[]) => {
  const panel = new TimeseriesBuilder().title(title).description(description).unit(unit).min(0).datasource(PROMETHEUS).height(8).span(12);
  for (const q of queries) panel.withTarget(q);
  return panel;
};

const stat = (title: string, description: string, unit: string, q: DataqueryBuilder) =>
  new StatBuilder().title(title).description(description).unit(unit).datasource(PROMETHEUS).height(6).span(6)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .withTarget(q);

export function delaktigDashboard(): object {
  return new DashboardBuilder('Delaktig')
    .uid('delaktig-overview')
    .description('Requests, events and safety alerts of every Delaktig service (issue 13).')
    .tags(['delaktig'])
    .refresh('30s')
    .time({ from: 'now-3h', to: 'now' })
    .timezone('browser')
    .tooltip(DashboardCursorSync.Crosshair)
    .withRow(new RowBuilder('Safety alerts'))
    .withPanel(stat('Open safety alerts', 'Alerts no one has acknowledged yet (ADR 0018).', 'short', query(`sum(${openAlerts()}) or vector(0)`, 'open')))
    .withPanel(stat('Escalated, still open', 'Open alerts that have climbed the ladder past the caseworker.', 'short', query(`sum(${openAlerts('{escalated="true"}')}) or vector(0)`, 'escalated')))
    .withPanel(stat('Oldest open alert', 'How long the oldest unacknowledged alert has waited.', 's', query('max(delaktig_safety_alerts_oldest_open_age_seconds)', 'oldest')))
    .withPanel(series('Open alerts by district', 'Unacknowledged alerts per district.', 'short', query(`sum by (district) (${openAlerts()})`, '{{district}}')))
    .withRow(new RowBuilder('Requests'))
    .withPanel(
      series(
        'Request rate',
        'HTTP requests per second, per service.',
        'reqps',
        query('sum by (job) (rate(http_server_request_duration_seconds_count[$__rate_interval]))', '{{job}}'),
      ),
    )
    .withPanel(
      series(
        'Latency p95',
        '95th percentile of HTTP request duration, per service.',
        's',
        query('histogram_quantile(0.95, sum by (job, le) (rate(http_server_request_duration_seconds_bucket[$__rate_interval])))', '{{job}}'),
      ),
    )
    .withPanel(
      series(
        'Server errors',
        'Responses with status 5xx per second (the fuzz run expects none).',
        'reqps',
        query('sum by (job) (rate(http_server_request_duration_seconds_count{http_response_status_code=~"5.."}[$__rate_interval]))', '{{job}}'),
      ),
    )
    .withRow(new RowBuilder('Events'))
    .withPanel(series('Outbox backlog', 'Events written but not yet on Kafka, per service.', 'short', query('max by (service) (delaktig_outbox_backlog)', '{{service}}')))
    .withPanel(series('Oldest unpublished event', 'How long the oldest outbox row has waited.', 's', query('max by (service) (delaktig_outbox_oldest_age_seconds)', '{{service}}')))
    .withPanel(series('Consumer lag', 'Events on Kafka not yet processed, per consumer group and topic.', 'short', query('sum by (group, topic) (max by (group, topic, partition) (delaktig_kafka_consumer_lag))', '{{group}} · {{topic}}')))
    .build();
}

export const DASHBOARD_FILES = ['infra/grafana/dashboards/delaktig.json', 'k8s/overlays/prod/dashboards/delaktig.json'];

export const dashboardJson = () => `${JSON.stringify(delaktigDashboard(), null, 2)}\n`;

if (require.main === module && process.argv.includes('--print')) {
  process.stdout.write(dashboardJson());
} else if (require.main === module) {
  const root = join(__dirname, '..');
  for (const file of DASHBOARD_FILES) writeFileSync(join(root, file), dashboardJson());
  console.log(`wrote ${DASHBOARD_FILES.join(', ')}`);
}
