/**
 * k8s/base (and the k8s/overlays/dev overlay) can't be applied here (no cluster). These tests load
 * every manifest and check what a rollout depends on: each backend's environment, assembled
 * from its literal values, the ConfigMap and the Secret keys it references, passes its
 * schema in @delaktig/config; probes, ports, selectors, autoscalers and the Ingress line up.
 * Rendering every overlay with a real kustomize, schema validation and the NetworkPolicy
 * evaluation: k8s-overlays.spec.ts.
 */
import { randomBytes } from 'node:crypto';
import { configSchemas, parseConfig } from '@delaktig/config';
import {
  APPS,
  AppName,
  FRONTENDS,
  Json,
  SERVICES,
  conventionPorts,
  databaseOf,
  healthBase,
  listFiles,
  loadYaml,
  loadYamlDocs,
  parseInitSql,
  REACHABLE_HOSTS,
  readRepoFile,
  repoFileExists,
  schemaKeys,
} from './support';

/** Not in any schema, read by infra/docker/service-entrypoint.sh. */
const ENTRYPOINT_VARIABLES = ['RUN_MIGRATIONS'];

type Doc = Json & { kind: string; metadata: { name: string } };
const ports = conventionPorts();

const loadDir = (dir: string): { file: string; doc: Doc }[] =>
  listFiles(dir, /\.ya?ml$/)
    .filter((f) => f !== 'kustomization.yaml')
    .flatMap((file) => loadYamlDocs(readRepoFile(dir, file), `${dir}/${file}`).map((doc) => ({ file, doc })));

const baseFiles = loadDir('k8s/base');
const base = baseFiles.filter((d) => !d.file.endsWith('.example.yaml')).map((d) => d.doc);
const exampleSecret = baseFiles.find((d) => d.file === 'secret.example.yaml')?.doc;
const DEV = 'k8s/overlays/dev';
const devDocs = loadDir(DEV).map((d) => d.doc);

const ofKind = (docs: Doc[], kind: string) => docs.filter((d) => d.kind === kind);
const named = (docs: Doc[], kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);
const workloadsOf = (docs: Doc[]) => docs.filter((d) => ['Deployment', 'StatefulSet', 'Job'].includes(d.kind));
const podSpec = (w: Doc): Json => w.spec.template.spec;
const mainContainer = (w: Doc): Json => podSpec(w).containers[0];
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

type Sources = { configMaps: Record<string, Record<string, string>>; secrets: Record<string, Record<string, string>> };
const sourcesOf = (docs: Doc[]): Sources => ({
  configMaps: Object.fromEntries(ofKind(docs, 'ConfigMap').map((c) => [c.metadata.name, { ...(c.data ?? {}) }])),
  secrets: Object.fromEntries(
    ofKind(docs, 'Secret').map((s) => [
      s.metadata.name,
      {
        ...Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64').toString()])),
        ...(s.stringData ?? {}),
      },
    ]),
  ),
});

/** The container's environment as Kubernetes would assemble it; throws on a dangling reference. */
function resolveEnv(container: Json, sources: Sources): Record<string, string> {
  const env: Record<string, string> = {};
  const lookup = (kind: 'configMaps' | 'secrets', ref: Json, what: string) => {
    const source = sources[kind][ref.name];
    if (!source) {
      if (ref.optional) return undefined;
      throw new Error(`${what}: ${kind === 'secrets' ? 'Secret' : 'ConfigMap'} "${ref.name}" does not exist`);
    }
    return source;
  };
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const source = lookup(from.configMapRef ? 'configMaps' : 'secrets', ref, 'envFrom');
    for (const [k, v] of Object.entries(source ?? {})) env[(from.prefix ?? '') + k] = String(v);
  }
  for (const e of container.env ?? []) {
    if ('value' in e) env[e.name] = String(e.value);
    else if (e.valueFrom?.configMapKeyRef || e.valueFrom?.secretKeyRef) {
      const isSecret = Boolean(e.valueFrom.secretKeyRef);
      const ref = e.valueFrom.configMapKeyRef ?? e.valueFrom.secretKeyRef;
      const source = lookup(isSecret ? 'secrets' : 'configMaps', ref, e.name);
      if (source && !(ref.key in source) && !ref.optional) {
        throw new Error(`${e.name}: key "${ref.key}" is missing from ${isSecret ? 'Secret' : 'ConfigMap'} "${ref.name}"`);
      }
      if (source && ref.key in source) env[e.name] = String(source[ref.key]);
    } else throw new Error(`${e.name}: unsupported env source ${JSON.stringify(e)}`);
  }
  return env;
}

/** The containerPort a probe or Service targetPort names (by name or number). */
const containerPortOf = (container: Json, port: string | number) => {
  const p = (container.ports ?? []).find((cp: Json) => cp.name === port || cp.containerPort === port);
  return p?.containerPort as number | undefined;
};

/**
 * The Secret example's keys with strong stand-in values: its CHANGE-ME placeholders are what
 * production mode refuses. The database and Redis URLs keep their shape.
 */
const strongSecrets = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(data).map(([k, v]) => [
      k,
      k.endsWith('DATABASE_URL') || k === 'REDIS_URL' ? v.replace('CHANGE-ME', 'pw') : k === 'RESPONSES_ENCRYPTION_KEY' ? randomBytes(32).toString('base64') : randomBytes(32).toString('base64url'),
    ]),
  );
const baseSources: Sources = {
  ...sourcesOf(base),
  secrets: {
    ...sourcesOf(base).secrets,
    ...(exampleSecret ? { 'delaktig-secrets': strongSecrets(sourcesOf([exampleSecret]).secrets['delaktig-secrets']) } : {}),
  },
};
/** What only an overlay can give (the prod overlay mounts the city's BankID RP certificate). */
const OVERLAY_ONLY: Partial<Record<AppName, Record<string, string>>> = {
  identity: { BANKID_CLIENT_CERT: '/var/run/secrets/bankid/rp.crt', BANKID_CA_CERT: '/var/run/secrets/bankid/ca.crt' },
};
const baseEnv = (app: AppName, container: Json) => ({ ...resolveEnv(container, baseSources), ...(OVERLAY_ONLY[app] ?? {}) });

/** The dev overlay: base ConfigMap data patched by k8s/overlays/dev, Secrets from it. */
const devSources: Sources = (() => {
  const dev = sourcesOf(devDocs);
  const configMaps = { ...baseSources.configMaps };
  for (const [name, data] of Object.entries(dev.configMaps)) configMaps[name] = { ...(configMaps[name] ?? {}), ...data };
  return { configMaps, secrets: dev.secrets };
})();


describe('k8s/base', () => {
  it('every manifest parses and names its apiVersion, kind and name', () => {
    expect(base.length).toBeGreaterThan(10);
    for (const d of [...base, ...devDocs]) {
      expect({ apiVersion: typeof d.apiVersion, kind: typeof d.kind, name: typeof d.metadata?.name }).toEqual({
        apiVersion: 'string',
        kind: 'string',
        name: 'string',
      });
    }
  });

  it('kustomization.yaml lists exactly the manifests in the folder (the Secret example excepted)', () => {
    const k = loadYaml(readRepoFile('k8s/base/kustomization.yaml'), 'k8s/base/kustomization.yaml');
    expect(k.namespace).toBe('delaktig');
    const files = listFiles('k8s/base', /\.ya?ml$/).filter((f) => f !== 'kustomization.yaml' && !f.endsWith('.example.yaml'));
    expect([...k.resources].sort()).toEqual(files);
    expect(named(base, 'Namespace', 'delaktig')).toBeDefined();
    // Every image of ours is pinned by the kustomization; every other image has a tag.
    const images = new Set(k.images.map((i: Json) => i.name));
    for (const w of workloadsOf(base)) {
      for (const c of podSpec(w).containers) {
        expect({ workload: w.metadata.name, pinned: images.has(c.image) }).toEqual({ workload: w.metadata.name, pinned: true });
      }
    }
  });

  it('has one Deployment and one Service per deployable, named like the Nx project', () => {
    for (const app of [...APPS, ...FRONTENDS]) {
      expect({ app, deployment: Boolean(named(base, 'Deployment', app)) }).toEqual({ app, deployment: true });
      expect({ app, service: Boolean(named(base, 'Service', app)) }).toEqual({ app, service: true });
    }
  });

  describe.each(APPS)('%s', (app: AppName) => {
    const deployment = named(base, 'Deployment', app) as Doc;
    const container = deployment && mainContainer(deployment);

    it('environment (literal values + delaktig-config + delaktig-secrets) satisfies its schema in production mode', () => {
      const env = baseEnv(app, container);
      expect(env['NODE_ENV']).toBe('production');
      expect(() => parseConfig(configSchemas[app], env)).not.toThrow();
      const refs = (container.env ?? []).map((e: Json) => e.valueFrom?.configMapKeyRef?.name ?? e.valueFrom?.secretKeyRef?.name);
      expect(refs.filter(Boolean).every((n: string) => n === 'delaktig-config' || n === 'delaktig-secrets')).toBe(true);
    });

    it('sets no variable its schema does not know', () => {
      const env = resolveEnv(container, baseSources);
      const known = new Set([...schemaKeys(app), ...ENTRYPOINT_VARIABLES]);
      expect(Object.keys(env).filter((k) => !known.has(k))).toEqual([]);
    });

    it('takes INTERNAL_TOKEN_SECRET (and DATABASE_URL) from the Secret, never from a literal or the ConfigMap', () => {
      const secretVars = app === 'gateway' ? ['INTERNAL_TOKEN_SECRET'] : ['INTERNAL_TOKEN_SECRET', 'DATABASE_URL'];
      for (const name of secretVars) {
        const e = container.env.find((x: Json) => x.name === name);
        expect({ name, secret: e?.valueFrom?.secretKeyRef?.name }).toEqual({ name, secret: 'delaktig-secrets' });
      }
    });

    it('listens on its CONVENTIONS port on all interfaces; the probes hit <health>/ready and <health>/live on it', () => {
      const env = baseEnv(app, container);
      const cfg = parseConfig(configSchemas[app], env) as { PORT: number; HOST: string };
      expect(cfg.PORT).toBe(ports[app]);
      expect(REACHABLE_HOSTS).toContain(cfg.HOST);
      expect(container.ports.map((p: Json) => p.containerPort)).toEqual([ports[app]]);
      const health = healthBase(app); // /health for services, /api/health for the gateway
      expect(container.readinessProbe.httpGet.path).toBe(`${health}/ready`);
      expect(container.livenessProbe.httpGet.path).toBe(`${health}/live`);
      if (container.startupProbe) expect(container.startupProbe.httpGet.path).toBe(`${health}/live`);
      expect(containerPortOf(container, container.readinessProbe.httpGet.port)).toBe(ports[app]);
      expect(containerPortOf(container, container.livenessProbe.httpGet.port)).toBe(ports[app]);
      if (container.startupProbe) expect(containerPortOf(container, container.startupProbe.httpGet.port)).toBe(ports[app]);
    });

    it('its Service exposes the same port', () => {
      const svc = named(base, 'Service', app) as Doc;
      expect(svc.spec.ports.map((p: Json) => p.port)).toEqual([ports[app]]);
    });

    it('reports to telemetry under its own name', () => {
      expect(resolveEnv(container, baseSources)['OTEL_SERVICE_NAME']).toBe(app);
    });

    it('also satisfies its schema with the k8s/overlays/dev overlay', () => {
      expect(() => parseConfig(configSchemas[app], resolveEnv(container, devSources))).not.toThrow();
    });
  });

  describe.each(SERVICES)('service %s', (app) => {
    const deployment = named(base, 'Deployment', app) as Doc;
    const job = named(base, 'Job', `${app}-migrate`) as Doc;

    it('has a migration Job that runs `migrate` from the same image against the same database', () => {
      expect(job).toBeDefined();
      const c = mainContainer(job);
      expect(c.image).toBe(mainContainer(deployment).image);
      expect(c.args).toEqual(['migrate']);
      expect(podSpec(job).restartPolicy).toBe('Never');
      const dbRef = (x: Json) => x.env.find((e: Json) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
      expect(dbRef(c)).toEqual(dbRef(mainContainer(deployment)));
      const url = new URL(resolveEnv(c, baseSources)['DATABASE_URL']);
      expect(url.pathname).toBe(`/${databaseOf(app)}`);
    });

    it('leaves migrations to the Job (RUN_MIGRATIONS=false)', () => {
      expect(resolveEnv(mainContainer(deployment), baseSources)['RUN_MIGRATIONS']).toBe('false');
    });
    // Who may reach it (NetworkPolicy): evaluated on the rendered overlays in k8s-overlays.spec.ts.
  });

  describe('workloads', () => {
    const all = workloadsOf(base);

    it('run non-root, without privilege escalation or capabilities, on a read-only root filesystem', () => {
      for (const w of all) {
        const pod = podSpec(w);
        for (const c of pod.containers) {
          const sc = c.securityContext ?? {};
          const id = `${w.kind}/${w.metadata.name}/${c.name}`;
          expect({ id, runAsNonRoot: sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot }).toEqual({ id, runAsNonRoot: true });
          expect({ id, uid: typeof (sc.runAsUser ?? pod.securityContext?.runAsUser) }).toEqual({ id, uid: 'number' });
          expect({ id, ape: sc.allowPrivilegeEscalation }).toEqual({ id, ape: false });
          expect({ id, ro: sc.readOnlyRootFilesystem }).toEqual({ id, ro: true });
          expect({ id, drop: sc.capabilities?.drop }).toEqual({ id, drop: ['ALL'] });
          expect({ id, seccomp: pod.securityContext?.seccompProfile?.type }).toEqual({ id, seccomp: 'RuntimeDefault' });
          // A read-only root needs a writable /tmp.
          expect({ id, tmp: (c.volumeMounts ?? []).some((m: Json) => m.mountPath === '/tmp') }).toEqual({ id, tmp: true });
        }
        expect(pod.automountServiceAccountToken).toBe(false);
        // Service links would inject e.g. IDENTITY_PORT=tcp://… into every container.
        expect(pod.enableServiceLinks).toBe(false);
      }
    });

    it('set resource requests and limits for CPU and memory', () => {
      for (const w of all) {
        for (const c of podSpec(w).containers) {
          const id = `${w.kind}/${w.metadata.name}`;
          const r = c.resources ?? {};
          expect({ id, cpu: Boolean(r.requests?.cpu && r.limits?.cpu), mem: Boolean(r.requests?.memory && r.limits?.memory) }).toEqual({
            id,
            cpu: true,
            mem: true,
          });
        }
      }
    });

    it('mount only volumes they declare', () => {
      for (const w of all) {
        const declared = new Set((podSpec(w).volumes ?? []).map((v: Json) => v.name));
        for (const c of podSpec(w).containers) {
          for (const m of c.volumeMounts ?? []) expect({ w: w.metadata.name, v: m.name, ok: declared.has(m.name) }).toEqual({ w: w.metadata.name, v: m.name, ok: true });
        }
        for (const v of podSpec(w).volumes ?? []) {
          if (v.configMap) expect({ v: v.name, exists: Boolean(named(base, 'ConfigMap', v.configMap.name)) }).toEqual({ v: v.name, exists: true });
        }
      }
    });

    it("Deployments' selectors match their pod labels", () => {
      for (const d of ofKind(base, 'Deployment')) {
        expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
      }
    });
  });

  it('every Service selects exactly one Deployment (and no Job pod) and targets a port it has', () => {
    const deployments = ofKind(base, 'Deployment');
    for (const svc of ofKind(base, 'Service')) {
      const selected = deployments.filter((d) => matches(svc.spec.selector, d.spec.template.metadata.labels));
      expect({ svc: svc.metadata.name, selected: selected.map((d) => d.metadata.name) }).toEqual({
        svc: svc.metadata.name,
        selected: [svc.metadata.name],
      });
      for (const job of ofKind(base, 'Job')) expect(matches(svc.spec.selector, job.spec.template.metadata.labels)).toBe(false);
      for (const p of svc.spec.ports) {
        expect({ svc: svc.metadata.name, port: p.port, target: containerPortOf(mainContainer(selected[0]), p.targetPort ?? p.port) }).toEqual({
          svc: svc.metadata.name,
          port: p.port,
          target: expect.any(Number),
        });
      }
    }
  });

  it('autoscales every stateless Deployment (and leaves its replica count to the HPA)', () => {
    for (const app of ofKind(base, 'Deployment').map((d) => d.metadata.name)) {
      const hpa = ofKind(base, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === app);
      expect({ app, hpa: Boolean(hpa) }).toEqual({ app, hpa: true });
      expect(hpa?.spec.scaleTargetRef.kind).toBe('Deployment');
      expect(hpa?.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa?.spec.maxReplicas).toBeGreaterThan(hpa?.spec.minReplicas);
      expect(named(base, 'Deployment', app)?.spec.replicas).toBeUndefined();
    }
    for (const hpa of ofKind(base, 'HorizontalPodAutoscaler')) {
      expect(named(base, 'Deployment', hpa.spec.scaleTargetRef.name)).toBeDefined();
    }
  });

  it('keeps pods of every Deployment through voluntary disruptions (PodDisruptionBudget)', () => {
    for (const d of ofKind(base, 'Deployment')) {
      const pdb = ofKind(base, 'PodDisruptionBudget').find((p) => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels));
      expect({ d: d.metadata.name, pdb: Boolean(pdb) }).toEqual({ d: d.metadata.name, pdb: true });
      expect(pdb?.spec.minAvailable ?? pdb?.spec.maxUnavailable).toBeDefined();
    }
  });

  describe('Ingress', () => {
    const ingresses = ofKind(base, 'Ingress');
    const rules = ingresses.flatMap((i) => i.spec.rules);
    const config = baseSources.configMaps['delaktig-config'];

    it("routes only to the gateway, the two frontends, identity's /oidc and the SMS callbacks, by Service port names that exist", () => {
      const backends = rules.flatMap((r: Json) => r.http.paths.map((p: Json) => p.backend.service));
      expect([...new Set(backends.map((b: Json) => b.name))].sort()).toEqual(['child', 'gateway', 'identity', 'staff', 'survey-delivery']);
      const paths = rules.flatMap((r: Json) => r.http.paths.map((p: Json) => `${p.path} ${p.backend.service.name}`));
      expect(paths.filter((p: string) => /identity|survey-delivery/.test(p)).sort()).toEqual(['/callbacks/sms survey-delivery', '/oidc identity']);
      // identity's issuer is the public /oidc route.
      const issuer = new URL(config['OIDC_ISSUER']);
      expect(rules.find((r: Json) => r.host === issuer.hostname)?.http.paths.find((p: Json) => p.path === issuer.pathname)?.backend.service.name).toBe('identity');
      for (const b of backends) {
        const svc = named(base, 'Service', b.name) as Doc;
        expect(svc.spec.ports.some((p: Json) => p.name === b.port.name || p.port === b.port.number)).toBe(true);
      }
    });

    it('serves /api from the gateway on every host and covers every host with TLS', () => {
      const tlsHosts = ingresses.flatMap((i) => (i.spec.tls ?? []).flatMap((t: Json) => t.hosts));
      for (const r of rules) {
        const api = r.http.paths.find((p: Json) => p.path === '/api');
        expect({ host: r.host, api: api?.backend.service.name }).toEqual({ host: r.host, api: 'gateway' });
        expect(tlsHosts).toContain(r.host);
      }
    });

    it('lets every public origin call the gateway (CORS) and points each frontend at its own origin', () => {
      const origins = config['CORS_ORIGINS'].split(',');
      for (const r of rules) expect(origins).toContain(`https://${r.host}`);
      for (const fe of FRONTENDS) {
        const host = rules.find((r: Json) => r.http.paths.some((p: Json) => p.path === '/' && p.backend.service.name === fe))?.host;
        const json = JSON.parse(baseSources.configMaps[`delaktig-${fe}-config`]['config.json']);
        expect(json.gatewayUrl).toBe(`https://${host}`);
      }
    });
  });

  it("staff config.json names the realm and client, and its Keycloak is the gateway's issuer", () => {
    const json = JSON.parse(baseSources.configMaps['delaktig-staff-config']['config.json']);
    expect(json.keycloak).toEqual({ url: expect.stringMatching(/^https:\/\//), realm: 'delaktig', clientId: 'delaktig-staff' });
    expect(`${json.keycloak.url}/${'realms'}/${json.keycloak.realm}`).toBe(baseSources.configMaps['delaktig-config']['KEYCLOAK_ISSUER_URL']);
  });

  it('frontends serve nginx on 8080, mount config.json from their ConfigMap and are probed', () => {
    for (const fe of FRONTENDS) {
      const c = mainContainer(named(base, 'Deployment', fe) as Doc);
      expect(c.ports.map((p: Json) => p.containerPort)).toEqual([8080]);
      expect(c.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(c.livenessProbe.httpGet.path).toBe('/health/live');
      const mount = c.volumeMounts.find((m: Json) => m.mountPath === '/usr/share/nginx/html/config.json');
      expect(mount?.subPath).toBe('config.json');
    }
  });

  it('gateway service URLs in delaktig-config name the Services and their ports', () => {
    const config = baseSources.configMaps['delaktig-config'];
    for (const app of SERVICES) {
      const key = `${app.replace(/-/g, '_').toUpperCase()}_URL`;
      const url = new URL(config[key]);
      const svc = named(base, 'Service', url.hostname) as Doc;
      expect({ key, service: svc?.metadata.name }).toEqual({ key, service: app });
      expect(svc.spec.ports.map((p: Json) => String(p.port))).toContain(url.port);
    }
  });

  it('the Secret example names exactly the keys the workloads reference', () => {
    const referenced = new Set<string>();
    for (const w of workloadsOf(base)) {
      for (const c of podSpec(w).containers) {
        for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name === 'delaktig-secrets') referenced.add(e.valueFrom.secretKeyRef.key);
      }
    }
    expect(Object.keys(baseSources.secrets['delaktig-secrets']).sort()).toEqual([...referenced].sort());
    expect(ofKind(base, 'Secret')).toEqual([]); // never applied from the base
  });
});

describe('k8s/overlays/dev', () => {
  const k = loadYaml(readRepoFile(DEV, 'kustomization.yaml'), `${DEV}/kustomization.yaml`);

  it('references files that exist', () => {
    for (const r of k.resources) if (!r.startsWith('../')) expect({ r, exists: repoFileExists(DEV, r) }).toEqual({ r, exists: true });
    for (const p of k.patches ?? []) expect(repoFileExists(DEV, p.path)).toBe(true);
    for (const g of k.configMapGenerator ?? []) for (const f of g.files) expect(repoFileExists(DEV, f)).toBe(true);
  });

  it('has a Secret with the same keys as the base example', () => {
    expect(Object.keys(devSources.secrets['delaktig-secrets']).sort()).toEqual(Object.keys(baseSources.secrets['delaktig-secrets']).sort());
  });

  it('runs single-replica StatefulSets for Kafka (KRaft), PostgreSQL and Redis behind Services', () => {
    for (const name of ['kafka', 'postgres', 'redis']) {
      const sts = named(devDocs, 'StatefulSet', name) as Doc;
      expect(sts?.spec.replicas).toBe(1);
      const svc = named(devDocs, 'Service', sts.spec.serviceName) as Doc;
      expect(matches(svc.spec.selector, sts.spec.template.metadata.labels)).toBe(true);
      const c = mainContainer(sts);
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
      expect(podSpec(sts).securityContext.runAsNonRoot).toBe(true);
      expect(podSpec(sts).securityContext.seccompProfile.type).toBe('RuntimeDefault');
    }
    const kafkaEnv = resolveEnv(mainContainer(named(devDocs, 'StatefulSet', 'kafka') as Doc), devSources);
    expect(kafkaEnv['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(kafkaEnv['KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR']).toBe('1');
    expect(kafkaEnv['KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR']).toBe('1');
  });

  it("services reach this overlay's Kafka and PostgreSQL", () => {
    const config = devSources.configMaps['delaktig-config'];
    for (const broker of config['KAFKA_BROKERS'].split(',')) {
      const [host, port] = broker.split(':');
      const svc = named(devDocs, 'Service', host) as Doc;
      expect({ broker, service: svc?.metadata.name }).toEqual({ broker, service: host });
      expect(svc.spec.ports.map((p: Json) => p.port)).toContain(Number(port));
    }
    const initSql = parseInitSql(readRepoFile(DEV, 'postgres-init.sql'));
    for (const app of SERVICES) {
      const url = new URL(devSources.secrets['delaktig-secrets'][`${app.replace(/-/g, '_').toUpperCase()}_DATABASE_URL`]);
      expect(named(devDocs, 'Service', url.hostname)).toBeDefined();
      expect(initSql.databases[url.pathname.slice(1)]).toBe(url.username);
      expect(initSql.roles[url.username]).toBe(decodeURIComponent(url.password));
    }
  });

  it("points the gateway's REDIS_URL at this overlay's Redis, which keeps nothing on disk and runs locked down", () => {
    const url = new URL(resolveEnv(mainContainer(named(base, 'Deployment', 'gateway') as Doc), devSources)['REDIS_URL']);
    const svc = named(devDocs, 'Service', url.hostname) as Doc;
    expect(svc?.spec.ports.map((p: Json) => p.port)).toContain(Number(url.port));
    const sts = named(devDocs, 'StatefulSet', 'redis') as Doc;
    expect(matches(svc.spec.selector, sts.spec.template.metadata.labels)).toBe(true);
    const c = mainContainer(sts);
    expect(c.image).toMatch(/^redis:7[.-]/);
    expect(c.args.join(' ')).toContain('--save  --appendonly no');
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false });
    expect(typeof podSpec(sts).securityContext.runAsUser).toBe('number');
    expect(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.cpu && c.resources.limits.memory).toBeTruthy();
    expect(podSpec(sts).automountServiceAccountToken).toBe(false);
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
  });

  it('initialises PostgreSQL with the same script as docker-compose', () => {
    expect(readRepoFile(DEV, 'postgres-init.sql')).toBe(readRepoFile('infra/docker/postgres-init.sql'));
    const sts = named(devDocs, 'StatefulSet', 'postgres') as Doc;
    const init = podSpec(sts).volumes.find((v: Json) => v.configMap);
    expect(k.configMapGenerator.map((g: Json) => g.name)).toContain(init.configMap.name);
    expect(mainContainer(sts).volumeMounts.find((m: Json) => m.name === init.name).mountPath).toBe('/docker-entrypoint-initdb.d');
  });
});
