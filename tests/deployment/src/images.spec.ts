/**
 * The image recipes, their entrypoint scripts, nginx.conf and the OpenTelemetry collector
 * config. Images can't be built here (no Docker engine), so the Dockerfiles are checked
 * statically and the entrypoint scripts are run with stand-ins for node, prisma and nginx.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Json, interpolateDeep, loadYaml, readRepoFile, repoFileExists, repoPath } from './support';

const sh = (script: string, args: string[], opts: { cwd: string; env: Record<string, string> }) =>
  spawnSync('sh', [script, ...args], { cwd: opts.cwd, env: { PATH: process.env['PATH'] ?? '', ...opts.env }, encoding: 'utf8' });

/** Instructions of a Dockerfile's stages: [{ from, as, lines }]. Continuation lines joined. */
function dockerStages(text: string) {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: { from: string; as?: string; lines: string[] }[] = [];
  for (const l of lines) {
    const m = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(l);
    if (m) stages.push({ from: m[1], as: m[2], lines: [] });
    else if (stages.length) stages[stages.length - 1].lines.push(l);
  }
  return stages;
}

const executable = (path: string) => (statSync(repoPath(path)).mode & 0o111) !== 0;

describe('infra/docker/node-service.Dockerfile', () => {
  const text = readRepoFile('infra/docker/node-service.Dockerfile');
  const stages = dockerStages(text);
  const runtime = stages[stages.length - 1];
  const build = stages.find((s) => s.as === 'build');

  it('is multi-stage: npm ci, prisma generate, nx build $APP, then a runtime stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const buildLines = build?.lines.join('\n') ?? '';
    expect(buildLines).toMatch(/^ARG APP$/m);
    expect(buildLines).toMatch(/^ARG APP_DIR$/m);
    expect(buildLines).toMatch(/npm ci\b/);
    expect(buildLines).toMatch(/prisma generate --config "\$APP_DIR\/prisma\.config\.ts"/);
    expect(buildLines).toMatch(/npx nx build "\$APP"/);
    expect(buildLines).toMatch(/dist\/\$APP_DIR\/main\.js/);
    // generate before build (the client may be compiled into the bundle)
    expect(buildLines.indexOf('prisma generate')).toBeLessThan(buildLines.indexOf('nx build'));
  });

  it('pins its base image', () => {
    expect(text).toMatch(/^ARG NODE_IMAGE=node:\d+\.\d+\.\d+-\S+$/m);
  });

  it('runtime runs the entrypoint as a numeric non-root user', () => {
    const r = runtime.lines.join('\n');
    expect(r).toMatch(/^USER [1-9]\d*(:[1-9]\d*)?$/m);
    expect(r).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/service-entrypoint\.sh"\]$/m);
    expect(r).toMatch(/COPY --chmod=0755 infra\/docker\/service-entrypoint\.sh \/usr\/local\/bin\/service-entrypoint\.sh/);
    expect(r).toMatch(/APP_DIR=\$\{APP_DIR\}/);
  });

  it('copies from the build stage only paths it names', () => {
    for (const l of runtime.lines.filter((x) => x.startsWith('COPY --from='))) {
      expect(l).toMatch(/^COPY --from=build /);
    }
  });
});

describe('infra/docker/service-entrypoint.sh', () => {
  const script = repoPath('infra/docker/service-entrypoint.sh');
  let dir: string;

  /** A fake image: dist/<APP_DIR>/main.js, node_modules/.bin/prisma and `node` that log their calls. */
  function fakeImage(appDir: string, withPrisma: boolean) {
    dir = mkdtempSync(join(tmpdir(), 'entrypoint-'));
    const log = join(dir, 'calls.log');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    mkdirSync(join(dir, 'dist', appDir), { recursive: true });
    writeFileSync(join(bin, 'node'), `#!/bin/sh\necho "node $*" >> "${log}"\n`);
    writeFileSync(join(dir, 'node_modules/.bin/prisma'), `#!/bin/sh\necho "prisma $*" >> "${log}"\n`);
    chmodSync(join(bin, 'node'), 0o755);
    chmodSync(join(dir, 'node_modules/.bin/prisma'), 0o755);
    if (withPrisma) {
      mkdirSync(join(dir, appDir, 'prisma'), { recursive: true });
      writeFileSync(join(dir, appDir, 'prisma.config.ts'), '');
    }
    const run = (args: string[], env: Record<string, string>) => {
      const r = spawnSync('sh', [script, ...args], {
        cwd: dir,
        env: { PATH: `${bin}:${process.env['PATH']}`, APP_DIR: appDir, ...env },
        encoding: 'utf8',
      });
      let calls: string[] = [];
      try {
        calls = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
      } catch {
        /* no calls */
      }
      rmSync(log, { force: true });
      return { status: r.status, calls, stderr: r.stderr };
    };
    return run;
  }

  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('is executable and valid sh', () => {
    expect(executable('infra/docker/service-entrypoint.sh')).toBe(true);
    expect(spawnSync('sh', ['-n', script]).status).toBe(0);
  });

  it('migrates (prisma migrate deploy --config <APP_DIR>/prisma.config.ts) and then starts the service', () => {
    const run = fakeImage('services/identity', true);
    const r = run([], { DATABASE_URL: 'postgresql://u:p@db:5432/delaktig_identity' });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'prisma migrate deploy --config services/identity/prisma.config.ts',
      'node dist/services/identity/main.js',
    ]);
  });

  it('does not start the service when a migration fails', () => {
    const run = fakeImage('services/audit', true);
    writeFileSync(join(dir, 'node_modules/.bin/prisma'), '#!/bin/sh\nexit 1\n');
    const r = run([], { DATABASE_URL: 'postgresql://u:p@db:5432/delaktig_audit' });
    expect(r.status).not.toBe(0);
    expect(r.calls).toEqual([]);
  });

  it('`migrate` only migrates (the Kubernetes Job); RUN_MIGRATIONS=false only starts (the Deployment)', () => {
    const run = fakeImage('services/responses', true);
    const env = { DATABASE_URL: 'postgresql://u:p@db:5432/delaktig_responses' };
    expect(run(['migrate'], env).calls).toEqual(['prisma migrate deploy --config services/responses/prisma.config.ts']);
    expect(run([], { ...env, RUN_MIGRATIONS: 'false' }).calls).toEqual(['node dist/services/responses/main.js']);
  });

  it('starts the gateway (no Prisma schema) without migrating', () => {
    const run = fakeImage('gateway', false);
    const r = run([], {});
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['node dist/gateway/main.js']);
  });

  // The Dockerfile copies <APP_DIR>/prisma and prisma.config.ts together; checked once a service has them.
  describe.each(['identity', 'survey-delivery', 'responses', 'statistics', 'audit'])('services/%s', (svc) => {
    const hasConfig = repoFileExists(`services/${svc}/prisma.config.ts`);
    (hasConfig ? it : it.skip)(
      hasConfig ? 'has prisma/schema.prisma and prisma/migrations beside prisma.config.ts' : 'Prisma files (SKIPPED: no prisma.config.ts yet)',
      () => {
        expect(repoFileExists(`services/${svc}/prisma/schema.prisma`)).toBe(true);
        expect(repoFileExists(`services/${svc}/prisma/migrations`)).toBe(true);
      },
    );
  });
});

describe('infra/docker/frontend.Dockerfile', () => {
  const text = readRepoFile('infra/docker/frontend.Dockerfile');
  const stages = dockerStages(text);
  const runtime = stages[stages.length - 1];

  it('builds $APP with Nx and serves dist/frontend/$APP/browser with unprivileged nginx', () => {
    expect(text).toMatch(/npm ci\b/);
    expect(text).toMatch(/npx nx build "\$APP"/);
    expect(text).toMatch(/^ARG NGINX_IMAGE=nginxinc\/nginx-unprivileged:\d+\.\d+\.\d+-\S+$/m);
    const r = runtime.lines.join('\n');
    expect(r).toMatch(/COPY --from=build --chown=101:101 \/app\/dist\/frontend\/\$\{APP\}\/browser\/ \/usr\/share\/nginx\/html\//);
    expect(r).toMatch(/COPY infra\/docker\/nginx\.conf \/etc\/nginx\/nginx\.conf/);
    expect(r).toMatch(/^USER 101$/m);
    expect(r).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/frontend-entrypoint\.sh"\]$/m);
    expect(r).toMatch(/^ENV FRONTEND_APP=\$\{APP\}$/m);
    // the Angular projects write where the Dockerfile copies from
    for (const app of ['staff', 'child']) {
      const project = JSON.parse(readRepoFile(`frontend/${app}/project.json`));
      expect(project.targets.build.options.outputPath).toBe(`dist/frontend/${app}`);
    }
  });
});

describe('infra/docker/frontend-entrypoint.sh', () => {
  const script = repoPath('infra/docker/frontend-entrypoint.sh');
  let html: string;
  beforeEach(() => (html = mkdtempSync(join(tmpdir(), 'html-'))));
  afterEach(() => rmSync(html, { recursive: true, force: true }));

  const compose = interpolateDeep(loadYaml(readRepoFile('docker-compose.yml'), 'docker-compose.yml'), {}, new Set());
  const composeEnv = (svc: string): Record<string, string> =>
    Object.fromEntries(Object.entries(compose.services[svc].environment ?? {}).map(([k, v]) => [k, String(v)]));

  it('is executable and valid sh', () => {
    expect(executable('infra/docker/frontend-entrypoint.sh')).toBe(true);
    expect(spawnSync('sh', ['-n', script]).status).toBe(0);
  });

  it("writes the staff app's config.json from the compose environment, then runs its command", () => {
    const r = sh(script, ['echo', 'nginx-started'], {
      cwd: html,
      env: { FRONTEND_APP: 'staff', FRONTEND_HTML_DIR: html, NGINX_CSP_CONF: join(html, 'csp.conf'), ...composeEnv('staff') },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('nginx-started');
    expect(JSON.parse(readFileSync(join(html, 'config.json'), 'utf8'))).toEqual({
      gatewayUrl: 'http://localhost:3000',
      childAppUrl: 'http://localhost:4300',
      keycloak: { url: 'http://localhost:8080', realm: 'delaktig', clientId: 'delaktig-staff' },
      telemetryUrl: 'http://localhost:4318',
    });
  });

  it("writes the child app's config.json (gateway and collector)", () => {
    const r = sh(script, ['true'], { cwd: html, env: { FRONTEND_APP: 'child', FRONTEND_HTML_DIR: html, NGINX_CSP_CONF: join(html, 'csp.conf'), ...composeEnv('child') } });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(html, 'config.json'), 'utf8'))).toEqual({ gatewayUrl: 'http://localhost:3000', telemetryUrl: 'http://localhost:4318' });
  });

  it('escapes JSON special characters', () => {
    const r = sh(script, ['true'], {
      cwd: html,
      env: { FRONTEND_APP: 'staff', FRONTEND_HTML_DIR: html, NGINX_CSP_CONF: join(html, 'csp.conf'), GATEWAY_PUBLIC_URL: 'http://a"b\\c', KEYCLOAK_PUBLIC_URL: 'http://k' },
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(html, 'config.json'), 'utf8')).gatewayUrl).toBe('http://a"b\\c');
  });

  it('keeps a mounted config.json (Kubernetes) and refuses to start without any', () => {
    writeFileSync(join(html, 'config.json'), '{"gatewayUrl":"https://mounted"}');
    const kept = sh(script, ['true'], { cwd: html, env: { FRONTEND_APP: 'staff', FRONTEND_HTML_DIR: html, NGINX_CSP_CONF: join(html, 'csp.conf') } });
    expect(kept.status).toBe(0);
    expect(readFileSync(join(html, 'config.json'), 'utf8')).toBe('{"gatewayUrl":"https://mounted"}');
    rmSync(join(html, 'config.json'));
    const none = sh(script, ['true'], { cwd: html, env: { FRONTEND_APP: 'staff', FRONTEND_HTML_DIR: html, NGINX_CSP_CONF: join(html, 'csp.conf') } });
    expect(none.status).toBe(78);
  });

  it('requires KEYCLOAK_PUBLIC_URL for the staff app', () => {
    const r = sh(script, ['true'], {
      cwd: html,
      env: { FRONTEND_APP: 'staff', FRONTEND_HTML_DIR: html, NGINX_CSP_CONF: join(html, 'csp.conf'), GATEWAY_PUBLIC_URL: 'http://localhost:3000' },
    });
    expect(r.status).not.toBe(0);
  });
});

describe('infra/docker/nginx.conf', () => {
  const conf = readRepoFile('infra/docker/nginx.conf');

  it('listens on 8080, falls back to index.html, gzips and writes only to /tmp', () => {
    expect(conf).toMatch(/^\s*listen 8080;$/m);
    expect(conf).toMatch(/try_files \$uri \$uri\/ \/index\.html;/);
    expect(conf).toMatch(/^\s*gzip on;$/m);
    expect(conf).toMatch(/^\s*gzip_types [^;]*application\/javascript/m);
    expect(conf).toMatch(/^pid \/tmp\//m);
    for (const m of conf.matchAll(/^\s*\w+_temp_path\s+(\S+);/gm)) expect(m[1].startsWith('/tmp/')).toBe(true);
  });

  it('sends the security headers on every response (add_header only at server level)', () => {
    for (const h of [
      'Content-Security-Policy',
      'X-Content-Type-Options',
      'X-Frame-Options',
      'Referrer-Policy',
      'Permissions-Policy',
      'Strict-Transport-Security',
    ]) {
      expect(conf).toMatch(new RegExp(`^    add_header ${h} .* always;$`, 'm'));
    }
    // add_header inside a location would silently drop all server-level headers there.
    const locations = [...conf.matchAll(/location [^{]*\{([^}]*)\}/g)].map((m) => m[1]);
    for (const body of locations) expect(body).not.toContain('add_header');
  });

  it("its CSP has no 'unsafe-*' (the nonce policy: csp.spec.ts)", () => {
    const csp = /^\s*add_header Content-Security-Policy "([^"]*)" always;$/m.exec(conf)?.[1];
    expect(csp).toContain("script-src 'self' 'nonce-$request_id'");
    expect(csp).not.toMatch(/'unsafe-(?:inline|eval|hashes)'/);
  });

  it('passes `nginx -t` (nginx-light: scripts/common.sh installs it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nginx-'));
    try {
      const file = join(dir, 'nginx.conf');
      // The CSP origins the entrypoint writes to /tmp (here: to the test's folder).
      writeFileSync(join(dir, 'config.json'), '{"gatewayUrl":"http://localhost:3000"}');
      const csp = join(dir, 'csp.conf');
      const entry = sh(repoPath('infra/docker/frontend-entrypoint.sh'), ['true'], {
        cwd: dir,
        env: { FRONTEND_APP: 'child', FRONTEND_HTML_DIR: dir, NGINX_CSP_CONF: csp },
      });
      expect(entry.status).toBe(0);
      writeFileSync(file, conf.replace('include /tmp/delaktig-csp.conf;', `include ${csp};`));
      // stdout to /dev/null: the access log is /dev/stdout, which can't be opened on a socket.
      const r = spawnSync('nginx', ['-t', '-q', '-c', file, '-e', join(dir, 'error.log')], {
        encoding: 'utf8',
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('infra/otel/collector.yaml', () => {
  const cfg: Json = loadYaml(readRepoFile('infra/otel/collector.yaml'), 'infra/otel/collector.yaml');
  const compose = loadYaml(readRepoFile('docker-compose.yml'), 'docker-compose.yml');

  it('every pipeline uses defined components, and batch', () => {
    for (const [name, p] of Object.entries(cfg.service.pipelines) as [string, Json][]) {
      for (const r of p.receivers) expect({ name, r, ok: r in cfg.receivers }).toEqual({ name, r, ok: true });
      for (const x of p.processors) expect({ name, x, ok: x in cfg.processors }).toEqual({ name, x, ok: true });
      for (const e of p.exporters) expect({ name, e, ok: e in cfg.exporters }).toEqual({ name, e, ok: true });
      expect(p.processors).toContain('batch');
    }
    for (const ext of cfg.service.extensions ?? []) expect(cfg.extensions).toHaveProperty([ext]);
  });

  it('receives OTLP over gRPC (4317) and HTTP (4318) on all interfaces', () => {
    expect(cfg.receivers.otlp.protocols.grpc.endpoint).toBe('0.0.0.0:4317');
    expect(cfg.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(cfg.receivers.otlp.protocols.http.cors.allowed_origins).toEqual(['http://localhost:4200', 'http://localhost:4300']);
  });

  it('exports traces to Jaeger over OTLP and metrics to Prometheus or debug', () => {
    const traceExporters = cfg.service.pipelines.traces.exporters.map((e: string) => cfg.exporters[e]);
    const jaeger = traceExporters.find((e: Json) => /^(https?:\/\/)?jaeger:4317$/.test(e?.endpoint ?? ''));
    expect(jaeger).toBeDefined();
    expect(jaeger.tls.insecure).toBe(true);
    expect(compose.services.jaeger).toBeDefined();
    expect(cfg.service.pipelines.metrics.exporters.some((e: string) => /^(prometheus|debug)(\/|$)/.test(e))).toBe(true);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, git metadata and env files out of the build context', () => {
    const lines = readRepoFile('.dockerignore').split('\n').map((l) => l.trim());
    for (const p of ['**/node_modules', 'dist', '.git', '**/.env', '**/.env.*']) expect(lines).toContain(p);
    // ...but not what the images need
    for (const p of ['infra', 'infra/docker', 'services', 'gateway', 'frontend', 'libs', 'package-lock.json']) {
      expect(lines).not.toContain(p);
    }
  });
});
