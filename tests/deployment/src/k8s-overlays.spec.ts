/**
 * Every overlay under k8s/overlays, rendered by a real kustomize (never skipped: kustomize.ts
 * installs one or fails), every object validated against Kubernetes' and the operators' CRD
 * schemas, the NetworkPolicies evaluated (who may reach whom), and the prod overlay's
 * Deployments checked against their settings schemas in production mode — which refuse
 * simulators, loopback and development secrets (libs/config production.ts).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { configSchemas, parseConfig } from '@delaktig/config';
import { TOPICS } from '@delaktig/contracts';
import { kustomizeBuild } from './kustomize';
import { allowed, Pod } from './netpol';
import { validateObject } from './schemas';
import { APPS, AppName, Json, SERVICES, listFiles, loadYamlDocs, readRepoFile, repoFileExists, repoPath } from './support';

const PROD_REALM_FILE = 'k8s/overlays/prod/keycloak-realm-import.yaml';
/** What `npm run k8s:realm` would write now (tools/render-k8s-realm.ts). */
const renderRealmImport = () =>
  execFileSync('node', [repoPath('node_modules/.bin/ts-node'), '--transpile-only', '-O', '{"module":"commonjs"}', repoPath('tools/render-k8s-realm.ts'), '--stdout'], {
    encoding: 'utf8',
    cwd: repoPath(),
  });

const OVERLAYS = listFiles('k8s/overlays', /^[a-z0-9-]+$/).filter((d) => repoFileExists('k8s/overlays', d, 'kustomization.yaml'));
const rendered: Record<string, Json[]> = {};
const render = (overlay: string) => (rendered[overlay] ??= loadYamlDocs(kustomizeBuild(`k8s/overlays/${overlay}`), overlay));

const ofKind = (docs: Json[], kind: string) => docs.filter((d) => d.kind === kind);
const named = (docs: Json[], kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);

/** The pod of a Deployment or Job, for the NetworkPolicy evaluator. */
function podOf(w: Json): Pod {
  const ports: Record<string, number> = {};
  for (const c of w.spec.template.spec.containers) for (const p of c.ports ?? []) if (p.name) ports[p.name] = p.containerPort;
  return { namespace: 'delaktig', labels: w.spec.template.metadata.labels, ports };
}
const INGRESS_CONTROLLER: Pod = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
const STRANGER: Pod = { namespace: 'default', labels: { app: 'something-else' } };
const INTERNET: Pod = { namespace: '', labels: {}, ip: '203.0.113.7' };
const DNS: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
/** Pods the prod overlay's operators create, with the labels they set. */
const OPERATOR_PODS: Record<string, Pod> = {
  kafka: { namespace: 'delaktig', labels: { 'strimzi.io/cluster': 'delaktig', 'strimzi.io/kind': 'Kafka', 'strimzi.io/broker-role': 'true' } },
  postgres: { namespace: 'delaktig', labels: { 'cnpg.io/cluster': 'delaktig-pg', 'cnpg.io/instanceRole': 'primary' } },
  keycloak: { namespace: 'delaktig', labels: { app: 'keycloak', 'app.kubernetes.io/instance': 'delaktig-keycloak', 'app.kubernetes.io/managed-by': 'keycloak-operator' } },
  collector: { namespace: 'delaktig', labels: { 'app.kubernetes.io/component': 'opentelemetry-collector', 'app.kubernetes.io/instance': 'delaktig.delaktig' } },
};

/** Where an Ingress path leads: the pod and port behind its Service. */
function ingressTarget(docs: Json[], backend: Json): { pod: Pod; port: number } {
  const svc = named(docs, 'Service', backend.service.name);
  if (!svc) throw new Error(`Ingress backend Service ${backend.service.name} does not exist`);
  const sp = svc.spec.ports.find((p: Json) => p.name === backend.service.port.name || p.port === backend.service.port.number);
  const deployment = ofKind(docs, 'Deployment').find((d) => Object.entries(svc.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v));
  const pod = podOf(deployment);
  const port = typeof sp.targetPort === 'number' ? sp.targetPort : (pod.ports?.[sp.targetPort ?? sp.port] ?? sp.port);
  return { pod, port };
}

it('there are the overlays dev and prod', () => {
  expect(OVERLAYS).toEqual(['dev', 'prod']);
});

describe.each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
  it('renders with kustomize, everything in namespace delaktig', () => {
    const docs = render(overlay);
    expect(docs.length).toBeGreaterThan(20);
    for (const d of docs) expect({ id: `${d.kind}/${d.metadata.name}`, ns: d.kind === 'Namespace' ? 'delaktig' : d.metadata.namespace }).toEqual({ id: `${d.kind}/${d.metadata.name}`, ns: 'delaktig' });
  });

  it('every object is valid against the Kubernetes or CRD schema of its kind', () => {
    const problems = render(overlay).flatMap(validateObject);
    expect(problems).toEqual([]);
  });

  it('has an HPA and a PDB for every Deployment', () => {
    const docs = render(overlay);
    for (const d of ofKind(docs, 'Deployment')) {
      const name = d.metadata.name;
      expect({ name, hpa: ofKind(docs, 'HorizontalPodAutoscaler').some((h) => h.spec.scaleTargetRef.name === name) }).toEqual({ name, hpa: true });
      expect({ name, pdb: ofKind(docs, 'PodDisruptionBudget').some((p) => p.spec.selector.matchLabels['app.kubernetes.io/name'] === name) }).toEqual({ name, pdb: true });
      expect({ name, replicas: d.spec.replicas }).toEqual({ name, replicas: undefined });
    }
  });

  describe('NetworkPolicies', () => {
    const policies = () => ofKind(render(overlay), 'NetworkPolicy');
    const pod = (name: string) => podOf(named(render(overlay), 'Deployment', name));

    it('deny by default, in both directions, for every pod', () => {
      const deny = policies().find((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress);
      expect(deny?.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
      expect(allowed(policies(), STRANGER, pod('gateway'), 3000)).toBe(false);
      expect(allowed(policies(), INTERNET, pod('identity'), 3101)).toBe(false);
      expect(allowed(policies(), pod('staff'), INTERNET, 443)).toBe(false);
    });

    it('let the ingress controller reach every Ingress backend — identity\'s /oidc included — and nothing else', () => {
      const docs = render(overlay);
      const paths = ofKind(docs, 'Ingress')
        .filter((i) => i.metadata.name === 'delaktig')
        .flatMap((i) => i.spec.rules.flatMap((r: Json) => r.http.paths.map((p: Json) => ({ host: r.host, path: p.path, backend: p.backend }))));
      const oidc = paths.find((p) => p.path === '/oidc');
      expect(oidc?.backend.service.name).toBe('identity');
      for (const p of paths) {
        const t = ingressTarget(docs, p.backend);
        expect({ route: `${p.host}${p.path}`, reachable: allowed(policies(), INGRESS_CONTROLLER, t.pod, t.port) }).toEqual({ route: `${p.host}${p.path}`, reachable: true });
      }
      for (const app of ['responses', 'statistics', 'audit']) {
        expect({ app, reachable: allowed(policies(), INGRESS_CONTROLLER, pod(app), pod(app).ports?.['http'] as number) }).toEqual({ app, reachable: false });
      }
    });

    it('let the gateway reach every service, and no service another (but survey-delivery identity, for safety-alert contacts)', () => {
      for (const app of SERVICES) {
        const port = pod(app).ports?.['http'] as number;
        expect({ app, fromGateway: allowed(policies(), pod('gateway'), pod(app), port) }).toEqual({ app, fromGateway: true });
        for (const other of SERVICES.filter((s) => s !== app)) {
          // ADR 0018: survey-delivery's safety-alert notifier reads work contacts from identity.
          const ok = other === 'survey-delivery' && app === 'identity';
          expect({ from: other, to: app, ok: allowed(policies(), pod(other), pod(app), port) }).toEqual({ from: other, to: app, ok });
        }
        expect({ app, fromFrontend: allowed(policies(), pod('staff'), pod(app), port) }).toEqual({ app, fromFrontend: false });
      }
    });

    it('let every pod resolve names', () => {
      for (const d of ofKind(render(overlay), 'Deployment')) expect(allowed(policies(), podOf(d), DNS, 53, 'UDP')).toBe(true);
    });

    it('let identity reach BankID and survey-delivery the SMS provider and the mail relay (HTTPS/SMTP)', () => {
      expect(allowed(policies(), pod('identity'), INTERNET, 443)).toBe(true);
      expect(allowed(policies(), pod('survey-delivery'), INTERNET, 443)).toBe(true);
      expect(allowed(policies(), pod('survey-delivery'), INTERNET, 587)).toBe(true);
      expect(allowed(policies(), pod('responses'), INTERNET, 443)).toBe(overlay === 'dev'); // dev: external Keycloak/collector
    });

    if (overlay === 'dev') {
      it("let the services and migration Jobs reach this overlay's Kafka and PostgreSQL", () => {
        const docs = render(overlay);
        const kafka = podOf(named(docs, 'StatefulSet', 'kafka'));
        const pg = podOf(named(docs, 'StatefulSet', 'postgres'));
        for (const app of SERVICES) {
          expect({ app, kafka: allowed(policies(), pod(app), kafka, 9092), pg: allowed(policies(), pod(app), pg, 5432) }).toEqual({ app, kafka: true, pg: true });
          expect(allowed(policies(), podOf(named(docs, 'Job', `${app}-migrate`)), pg, 5432)).toBe(true);
        }
        expect(allowed(policies(), pod('staff'), pg, 5432)).toBe(false);
      });

      it("let only the gateway reach this overlay's Redis (its shared rate-limit counters), and Redis nothing", () => {
        const redis = podOf(named(render(overlay), 'StatefulSet', 'redis'));
        expect(allowed(policies(), pod('gateway'), redis, 6379)).toBe(true);
        for (const other of [...SERVICES, 'staff', 'child']) expect({ other, ok: allowed(policies(), pod(other), redis, 6379) }).toEqual({ other, ok: false });
        expect(allowed(policies(), STRANGER, redis, 6379)).toBe(false);
        expect(allowed(policies(), INGRESS_CONTROLLER, redis, 6379)).toBe(false);
        expect(allowed(policies(), redis, INTERNET, 443)).toBe(false);
        expect(allowed(policies(), redis, pod('gateway'), 3000)).toBe(false);
      });
    }

    if (overlay === 'prod') {
      it('let the services and migration Jobs reach Kafka, PostgreSQL and the collector; the frontends none of them', () => {
        const docs = render(overlay);
        const { kafka, postgres, collector } = OPERATOR_PODS;
        for (const app of SERVICES) {
          expect({ app, kafka: allowed(policies(), pod(app), kafka, 9093), pg: allowed(policies(), pod(app), postgres, 5432), otel: allowed(policies(), pod(app), collector, 4318) }).toEqual({
            app,
            kafka: true,
            pg: true,
            otel: true,
          });
          expect(allowed(policies(), podOf(named(docs, 'Job', `${app}-migrate`)), postgres, 5432)).toBe(true);
        }
        expect(allowed(policies(), pod('gateway'), collector, 4318)).toBe(true);
        for (const fe of ['staff', 'child']) {
          expect(allowed(policies(), pod(fe), postgres, 5432)).toBe(false);
          expect(allowed(policies(), pod(fe), kafka, 9093)).toBe(false);
        }
        expect(allowed(policies(), pod('gateway'), postgres, 5432)).toBe(false);
      });

      it("let only the gateway reach the platform's Redis (namespace redis, 6379)", () => {
        const redis: Pod = { namespace: 'redis', labels: { 'app.kubernetes.io/name': 'redis' } };
        expect(allowed(policies(), pod('gateway'), redis, 6379)).toBe(true);
        for (const other of [...SERVICES, 'staff', 'child']) expect({ other, ok: allowed(policies(), pod(other), redis, 6379) }).toEqual({ other, ok: false });
        expect(allowed(policies(), pod('gateway'), { ...redis, namespace: 'default' }, 6379)).toBe(false);
      });

      it("let Keycloak reach identity's /oidc back channel, and the gateway and identity reach Keycloak", () => {
        const { keycloak, postgres } = OPERATOR_PODS;
        expect(allowed(policies(), keycloak, pod('identity'), 3101)).toBe(true);
        expect(allowed(policies(), keycloak, pod('responses'), 3103)).toBe(false);
        expect(allowed(policies(), pod('gateway'), keycloak, 8080)).toBe(true);
        expect(allowed(policies(), pod('identity'), keycloak, 8080)).toBe(true);
        expect(allowed(policies(), keycloak, postgres, 5432)).toBe(true);
        expect(allowed(policies(), INGRESS_CONTROLLER, keycloak, 8080)).toBe(true);
        expect(allowed(policies(), STRANGER, keycloak, 8080)).toBe(false);
      });

      it('let Kafka brokers and PostgreSQL instances replicate among themselves', () => {
        const { kafka, postgres } = OPERATOR_PODS;
        const controller = { ...kafka, labels: { 'strimzi.io/cluster': 'delaktig', 'strimzi.io/kind': 'Kafka', 'strimzi.io/controller-role': 'true' } };
        expect(allowed(policies(), kafka, controller, 9090)).toBe(true);
        expect(allowed(policies(), postgres, { ...postgres, labels: { ...postgres.labels, 'cnpg.io/instanceRole': 'replica' } }, 5432)).toBe(true);
      });
    }
  });
});

describe('k8s/overlays/prod', () => {
  const docs = () => render('prod');
  const config = () => named(docs(), 'ConfigMap', 'delaktig-config').data as Record<string, string>;
  const baseSecretKeys = Object.keys(loadYamlDocs(readRepoFile('k8s/base/secret.example.yaml'), 'secret.example')[0].stringData);

  it('runs Kafka in KRaft mode with three brokers and three controllers in node pools', () => {
    const kafka = named(docs(), 'Kafka', 'delaktig');
    expect(kafka).toBeDefined();
    const pools = ofKind(docs(), 'KafkaNodePool').filter((p) => p.metadata.labels['strimzi.io/cluster'] === 'delaktig');
    const count = (role: string) => pools.filter((p) => p.spec.roles.includes(role)).reduce((n, p) => n + p.spec.replicas, 0);
    expect({ brokers: count('broker'), controllers: count('controller') }).toEqual({ brokers: 3, controllers: 3 });
    expect(kafka.spec.kafka.config['min.insync.replicas']).toBe(2);
    expect(kafka.spec.kafka.config['auto.create.topics.enable']).toBe(false);
    expect(kafka.spec.kafka.listeners.map((l: Json) => [l.port, l.tls, l.authentication?.type])).toEqual([[9093, true, 'scram-sha-512']]);
  });

  it('declares every topic of libs/contracts as a KafkaTopic, replicated three times, retained less long than processed-event ids', () => {
    const topics = ofKind(docs(), 'KafkaTopic');
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(Object.values(TOPICS).sort());
    const dedupMs = Number(parseConfig(configSchemas.audit, { DATABASE_URL: 'postgresql://a@b:5432/c', KAFKA_BROKERS: 'k:9092', INTERNAL_TOKEN_SECRET: 'x'.repeat(32) }).PROCESSED_EVENT_RETENTION_DAYS) * 86_400_000;
    for (const t of topics) {
      expect({ t: t.spec.topicName, replicas: t.spec.replicas, partitionsOk: t.spec.partitions >= 6 }).toEqual({ t: t.spec.topicName, replicas: 3, partitionsOk: true });
      expect(Number(t.spec.config['retention.ms'])).toBeLessThan(dedupMs);
      expect(t.metadata.labels['strimzi.io/cluster']).toBe('delaktig');
    }
  });

  it('runs PostgreSQL with three instances, one database and role per service (and Keycloak), and backups', () => {
    const cluster = named(docs(), 'Cluster', 'delaktig-pg');
    expect(cluster.spec.instances).toBe(3);
    expect(cluster.spec.backup.barmanObjectStore.destinationPath).toMatch(/^s3:\/\//);
    expect(ofKind(docs(), 'ScheduledBackup').map((b) => b.spec.cluster.name)).toEqual(['delaktig-pg']);
    const dbs = ofKind(docs(), 'Database');
    const roles = cluster.spec.managed.roles.map((r: Json) => r.name);
    for (const app of [...SERVICES, 'keycloak']) {
      const db = `delaktig_${app.replace(/-/g, '_')}`;
      const d = dbs.find((x) => x.spec.name === db);
      expect({ db, owner: d?.spec.owner, cluster: d?.spec.cluster.name, role: roles.includes(db) }).toEqual({ db, owner: db, cluster: 'delaktig-pg', role: true });
    }
  });

  it('runs Keycloak by its operator on its own database, importing the realm (generated, current, no demo staff, no dev secrets)', () => {
    const kc = named(docs(), 'Keycloak', 'delaktig-keycloak');
    expect(kc.spec.db).toMatchObject({ vendor: 'postgres', host: 'delaktig-pg-rw', database: 'delaktig_keycloak' });
    expect(`${kc.spec.hostname.hostname}/realms/delaktig`).toBe(config()['KEYCLOAK_ISSUER_URL']);
    const imp = named(docs(), 'KeycloakRealmImport', 'delaktig-realm');
    expect(imp.spec.keycloakCRName).toBe('delaktig-keycloak');
    expect(readRepoFile(PROD_REALM_FILE)).toBe(renderRealmImport());
    const realm = JSON.stringify(imp.spec.realm);
    expect(realm).not.toMatch(/localhost|127\.0\.0\.1|dev-only/);
    expect(imp.spec.realm.users.every((u: Json) => u.serviceAccountClientId)).toBe(true);
    const bankid = imp.spec.realm.identityProviders.find((i: Json) => i.alias === 'bankid');
    expect(bankid.config.issuer).toBe(config()['OIDC_ISSUER']);
    expect(bankid.config.clientSecret).toBe('${KEYCLOAK_BROKER_CLIENT_SECRET}');
    for (const [k, v] of Object.entries(imp.spec.placeholders as Record<string, Json>)) {
      expect({ k, secret: v.secret.name, known: baseSecretKeys.includes(v.secret.key) }).toEqual({ k, secret: 'delaktig-secrets', known: true });
    }
    // The broker endpoint identity lets Keycloak redirect to is this Keycloak's.
    expect(config()['KEYCLOAK_BROKER_REDIRECT_URIS']).toBe(`${kc.spec.hostname.hostname}/realms/delaktig/broker/bankid/endpoint`);
  });

  it("believes X-Forwarded-For only from the ingress controller's pod CIDR, and shares the gateway's counters in the platform's Redis", () => {
    expect(config()['TRUSTED_PROXIES']).toMatch(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}(,\d{1,3}(\.\d{1,3}){3}\/\d{1,2})*$/);
    const gateway = named(docs(), 'Deployment', 'gateway').spec.template.spec.containers[0];
    const ref = (name: string) => gateway.env.find((e: Json) => e.name === name)?.valueFrom;
    expect(ref('REDIS_URL')?.secretKeyRef).toEqual({ name: 'delaktig-secrets', key: 'REDIS_URL' });
    expect(ref('TRUSTED_PROXIES')?.configMapKeyRef).toEqual({ name: 'delaktig-config', key: 'TRUSTED_PROXIES' });
  });

  it('sends telemetry to the operator-run collector', () => {
    const col = named(docs(), 'OpenTelemetryCollector', 'delaktig');
    expect(col.spec.config.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(config()['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe(`http://${col.metadata.name}-collector:4318`);
  });

  /** The Deployment's environment with secrets as references: each one replaced by a fresh strong value. */
  function productionEnv(container: Json): { env: Record<string, string>; problems: string[] } {
    const env: Record<string, string> = {};
    const problems: string[] = [];
    const cluster = named(docs(), 'Cluster', 'delaktig-pg');
    for (const e of container.env ?? []) {
      if ('value' in e) {
        if (/(SECRET|_KEY|PASSWORD)$/.test(e.name) && !/^\/var\/run\/secrets\//.test(e.value)) problems.push(`${e.name} is a literal, not a Secret reference`);
        env[e.name] = String(e.value);
      } else if (e.valueFrom?.configMapKeyRef) {
        const cm = named(docs(), 'ConfigMap', e.valueFrom.configMapKeyRef.name);
        if (!cm || !(e.valueFrom.configMapKeyRef.key in cm.data)) problems.push(`${e.name}: ConfigMap key ${e.valueFrom.configMapKeyRef.key} missing`);
        else env[e.name] = cm.data[e.valueFrom.configMapKeyRef.key];
      } else if (e.valueFrom?.secretKeyRef) {
        const { name, key } = e.valueFrom.secretKeyRef;
        if (name === 'delaktig-secrets') {
          if (!baseSecretKeys.includes(key)) problems.push(`${e.name}: key ${key} is not in k8s/base/secret.example.yaml`);
        } else if (!named(docs(), 'KafkaUser', name)) problems.push(`${e.name}: Secret ${name} is neither delaktig-secrets nor a KafkaUser's`);
        if (key.endsWith('DATABASE_URL')) {
          const db = `delaktig_${key.replace(/_DATABASE_URL$/, '').toLowerCase()}`;
          if (!cluster.spec.managed.roles.some((r: Json) => r.name === db)) problems.push(`${e.name}: no role ${db} in the PostgreSQL Cluster`);
          env[e.name] = `postgresql://${db}:${randomBytes(16).toString('hex')}@${cluster.metadata.name}-rw:5432/${db}?sslmode=verify-full`;
        } else if (key === 'REDIS_URL') env[e.name] = `rediss://delaktig:${randomBytes(16).toString('hex')}@redis-master.redis.svc.cluster.local:6379/0`;
        else if (key === 'RESPONSES_ENCRYPTION_KEY') env[e.name] = randomBytes(32).toString('base64');
        else env[e.name] = randomBytes(32).toString('base64url');
      } else problems.push(`${e.name}: unsupported env source`);
    }
    // Files named by settings are mounted.
    for (const [k, v] of Object.entries(env)) {
      if (/_(FILE|CERT|KEY)$/.test(k) && v.startsWith('/')) {
        const mounted = (container.volumeMounts ?? []).some((m: Json) => v.startsWith(`${m.mountPath}/`));
        if (!mounted) problems.push(`${k}=${v} is not on a mounted volume`);
      }
    }
    return { env, problems };
  }

  it.each(APPS)('%s: its environment satisfies its settings schema in production mode (no simulator, no loopback, no dev secret)', (app) => {
    const d = named(docs(), 'Deployment', app);
    const { env, problems } = productionEnv(d.spec.template.spec.containers[0]);
    expect(problems).toEqual([]);
    expect(env['NODE_ENV']).toBe('production');
    expect(() => parseConfig(configSchemas[app as AppName], env)).not.toThrow();
  });

  it('sets every BankID, OIDC, SMS, SMTP and child-app setting to a production endpoint', () => {
    const identity = productionEnv(named(docs(), 'Deployment', 'identity').spec.template.spec.containers[0]).env;
    expect(identity).toMatchObject({
      BANKID_API_URL: 'https://appapi2.bankid.com/rp/v6.0',
      BANKID_CLIENT_CERT: expect.stringMatching(/^\/var\/run\/secrets\/bankid\//),
      BANKID_CLIENT_KEY: expect.stringMatching(/^\/var\/run\/secrets\/bankid\//),
      BANKID_CA_CERT: expect.stringMatching(/^\/var\/run\/secrets\/bankid\//),
      OIDC_ISSUER: expect.stringMatching(/^https:\/\/.+\/oidc$/),
      CHILD_APP_URL: expect.stringMatching(/^https:\/\//),
    });
    const delivery = productionEnv(named(docs(), 'Deployment', 'survey-delivery').spec.template.spec.containers[0]).env;
    expect(delivery).toMatchObject({
      SMS_API_URL: 'https://api.46elks.com/a1',
      SMS_CALLBACK_URL: expect.stringMatching(/^https:\/\//),
      SMTP_URL: expect.stringMatching(/^smtps?:\/\//),
      CHILD_APP_URL: identity['CHILD_APP_URL'],
    });
    const vol = named(docs(), 'Deployment', 'identity').spec.template.spec.volumes.find((v: Json) => v.name === 'bankid-rp');
    expect(vol.secret.secretName).toBe('bankid-rp');
  });
});
