/**
 * The Content-Security-Policy of the two Angular apps (issue 13), in both ways they are
 * served: infra/static-server.mjs with infra/csp.mjs (npm start, the test stack) and the
 * image's nginx.conf with the origins frontend-entrypoint.sh writes from config.json. No
 * 'unsafe-inline', 'unsafe-hashes' or 'unsafe-eval'; scripts and styles are 'self' or carry
 * the response's nonce, which replaces the placeholder in index.html. The two paths send the
 * same policy for the same config. (tests/browser/csp.spec.ts checks it in Chromium.)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Json, loadYamlDocs, readRepoFile, repoPath } from './support';

const PLACEHOLDER = '**CSP_NONCE**';
const UNSAFE = /'unsafe-(?:inline|eval|hashes)'|'wasm-unsafe-eval'/;

/** A policy as directive → sorted sources (order within a directive does not matter). */
function parseCsp(header: string | null | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name] = sources.sort();
  }
  return out;
}

const nonceOf = (header: string | null) => /script-src[^;]*'nonce-([^']+)'/.exec(header ?? '')?.[1];

/** infra/csp.mjs's contentSecurityPolicy(options), run by node (the module is ESM). */
function staticPolicy(options: { config: Json; nonce?: string; frameAncestors?: string }): string {
  const url = pathToFileURL(repoPath('infra/csp.mjs')).href;
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `import { contentSecurityPolicy } from '${url}'; process.stdout.write(contentSecurityPolicy(JSON.parse(process.argv[1])));`, JSON.stringify(options)],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A built app in miniature: index.html as the Angular build writes it, a hashed bundle. */
function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'csp-dist-'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><style nonce="${PLACEHOLDER}">body{margin:0}</style><script nonce="${PLACEHOLDER}">void 0</script>` +
      `<link rel="stylesheet" href="styles-ABCD1234.css" media="print" ngcspmedia="all"></head>` +
      `<body><dk-root ngcspnonce="${PLACEHOLDER}"></dk-root><script src="main-ABCDEFGH.js" type="module" nonce="${PLACEHOLDER}"></script></body></html>\n`,
  );
  writeFileSync(join(dir, 'main-ABCDEFGH.js'), 'console.log(1);\n');
  writeFileSync(join(dir, 'styles-ABCD1234.css'), 'body{color:#000}\n');
  writeFileSync(join(dir, 'favicon.ico'), '');
  return dir;
}

const STAFF_CONFIG = {
  gatewayUrl: 'http://localhost:4000',
  childAppUrl: 'http://localhost:5300/',
  telemetryUrl: 'https://otel.example.org:4318/v1',
  keycloak: { url: 'http://localhost:8080/auth', realm: 'delaktig', clientId: 'delaktig-staff' },
  extra: { nested: [{ deep: 'HTTPS://Cdn.Example.org/x?y=1' }], notHttp: 'ftp://files.example.org', relative: '/assets' },
};
const CHILD_CONFIG = {
  gatewayUrl: 'http://localhost:4000',
  previewOrigins: ['http://localhost:5200', 'http://127.0.0.1:5200'],
  neutralUrl: 'https://www.google.com/search?q=v%C3%A4der',
  assetBaseUrl: 'https://media.example.org/audio',
};

describe('infra/csp.mjs', () => {
  it("builds the staff UI's policy from its config: every URL's origin in connect-src", () => {
    expect(staticPolicy({ config: STAFF_CONFIG, nonce: 'abc123' })).toBe(
      [
        "default-src 'self'",
        "script-src 'self' 'nonce-abc123'",
        "style-src 'self' 'nonce-abc123'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' blob: data:",
        "connect-src 'self' http://localhost:4000 http://localhost:5300 http://localhost:8080 https://cdn.example.org https://otel.example.org:4318",
        'frame-src http://localhost:5300',
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self' http://localhost:8080",
        "frame-ancestors 'none'",
      ].join('; '),
    );
  });

  it("builds the child app's: framed by the staff origins, audio from assetBaseUrl's origin", () => {
    const policy = parseCsp(staticPolicy({ config: CHILD_CONFIG, nonce: 'n', frameAncestors: ' http://localhost:5200  http://127.0.0.1:5200 ' }));
    expect(policy['frame-ancestors']).toEqual(['http://127.0.0.1:5200', 'http://localhost:5200']);
    expect(policy['frame-src']).toEqual(["'none'"]);
    expect(policy['form-action']).toEqual(["'self'"]);
    expect(policy['media-src']).toEqual(["'self'", 'blob:', 'data:', 'https://media.example.org'].sort());
    expect(policy['connect-src']).toEqual(
      ["'self'", 'http://127.0.0.1:5200', 'http://localhost:4000', 'http://localhost:5200', 'https://media.example.org', 'https://www.google.com'].sort(),
    );
  });

  it('without a nonce scripts and styles are the app\'s own files only', () => {
    const policy = parseCsp(staticPolicy({ config: {} }));
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
  });
});

describe('infra/static-server.mjs', () => {
  let dist: string;
  const servers: ChildProcess[] = [];
  beforeAll(() => (dist = fakeDist()));
  afterAll(() => {
    for (const s of servers) s.kill();
    rmSync(dist, { recursive: true, force: true });
  });

  async function serve(config: Json, env: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const server = spawn(process.execPath, [repoPath('infra/static-server.mjs'), dist, String(port), JSON.stringify(config)], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: 'ignore',
    });
    servers.push(server);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${base}/config.json`).then((r) => r.ok, () => false)) return base;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('static-server.mjs did not start');
  }

  it('sends index.html, also as the SPA fallback, with a fresh nonce in the policy and the page, never cached', async () => {
    const base = await serve(STAFF_CONFIG);
    const nonces: string[] = [];
    for (const path of ['/', '/', '/index.html', '/larm?alert=1', '/questionnaires/default-6-11/edit']) {
      const res = await fetch(`${base}${path}`);
      const html = await res.text();
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('etag')).toBeNull();
      const header = res.headers.get('content-security-policy');
      expect(header).not.toMatch(UNSAFE);
      const nonce = nonceOf(header) ?? '';
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(header).toBe(staticPolicy({ config: STAFF_CONFIG, nonce }));
      expect(html).not.toContain(PLACEHOLDER);
      expect(html.split(nonce).length - 1).toBe(4);
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it('keeps the other headers, refuses framing and sends HEAD without a body', async () => {
    const base = await serve(STAFF_CONFIG);
    const res = await fetch(`${base}/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\)/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(parseCsp(res.headers.get('content-security-policy'))['frame-ancestors']).toEqual(["'none'"]);
  });

  it('serves hashed bundles cacheable for a year and config.json as it is, never cached; a missing file is 404', async () => {
    const base = await serve(STAFF_CONFIG);
    const js = await fetch(`${base}/main-ABCDEFGH.js`);
    expect(js.status).toBe(200);
    expect(await js.text()).toBe('console.log(1);\n');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-security-policy')).toBe(staticPolicy({ config: STAFF_CONFIG }));
    const icon = await fetch(`${base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    const config = await fetch(`${base}/config.json`);
    expect(await config.json()).toEqual(STAFF_CONFIG);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/chunk-MISSING1.js`)).status).toBe(404);
  });

  it('FRAME_ANCESTORS lets those origins frame the app (the staff preview of the child app)', async () => {
    const base = await serve(CHILD_CONFIG, { FRAME_ANCESTORS: 'http://localhost:5200 http://127.0.0.1:5200' });
    const res = await fetch(`${base}/`);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy')).toBe(
      staticPolicy({ config: CHILD_CONFIG, nonce: nonceOf(res.headers.get('content-security-policy')), frameAncestors: 'http://localhost:5200 http://127.0.0.1:5200' }),
    );
  });

  it('refuses a config that is not JSON', () => {
    const r = spawnSync(process.execPath, [repoPath('infra/static-server.mjs'), dist, '0', '{nope'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not JSON');
  });
});

describe('index.html of both apps', () => {
  it.each(['staff', 'child'])('%s: the root element carries the nonce placeholder; nothing inline needs more', (app) => {
    const html = readRepoFile(`frontend/${app}/src/index.html`);
    expect(html).toMatch(new RegExp(`<dk-root ngCspNonce="${PLACEHOLDER.replace(/\*/g, '\\*')}"></dk-root>`));
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).not.toMatch(/\s(?:on[a-z]+|style)\s*=/i);
    expect(readRepoFile('infra/csp.mjs')).toContain(`NONCE_PLACEHOLDER = '${PLACEHOLDER}'`);
  });
});

describe('nginx.conf and frontend-entrypoint.sh', () => {
  const conf = readRepoFile('infra/docker/nginx.conf');
  const entrypoint = repoPath('infra/docker/frontend-entrypoint.sh');
  const cspHeader = /^\s*add_header Content-Security-Policy "([^"]*)" always;$/m.exec(conf)?.[1] ?? '';
  let html: string;
  beforeEach(() => (html = mkdtempSync(join(tmpdir(), 'csp-html-'))));
  afterEach(() => rmSync(html, { recursive: true, force: true }));

  /** Runs the entrypoint on a config.json; returns its exit status and the map values it wrote. */
  function entrypointMaps(config: string, env: Record<string, string> = {}) {
    writeFileSync(join(html, 'config.json'), config);
    const out = join(html, 'csp.conf');
    const r = spawnSync('sh', [entrypoint, 'true'], {
      env: { PATH: process.env['PATH'] ?? '', FRONTEND_APP: 'staff', FRONTEND_HTML_DIR: html, NGINX_CSP_CONF: out, ...env },
      encoding: 'utf8',
    });
    const maps: Record<string, string> = {};
    if (r.status === 0) {
      for (const m of readFileSync(out, 'utf8').matchAll(/^map \$host \$(\w+) \{ default "([^"$;{}\\]*)"; \}$/gm)) maps[m[1]] = m[2];
    }
    return { status: r.status, stderr: r.stderr, maps, file: out };
  }

  /** The header nginx sends: the template with the entrypoint's values and a request id. */
  const nginxPolicy = (maps: Record<string, string>, requestId: string) =>
    cspHeader.replace(/\$(\w+)/g, (_, name: string) => (name === 'request_id' ? requestId : (maps[name] ?? `<undefined $${name}>`)));

  it("the CSP has no 'unsafe-*': scripts and styles are 'self' or carry $request_id as their nonce", () => {
    expect(cspHeader).not.toBe('');
    expect(cspHeader).not.toMatch(UNSAFE);
    const policy = parseCsp(cspHeader);
    expect(policy['script-src']).toEqual(["'nonce-$request_id'", "'self'"]);
    expect(policy['style-src']).toEqual(["'nonce-$request_id'", "'self'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
  });

  it('puts the same $request_id into index.html, which is never stored', () => {
    expect(conf).toContain(`sub_filter '${PLACEHOLDER}' $request_id;`);
    expect(conf).toMatch(/^\s*sub_filter_once off;$/m);
    expect(conf).toMatch(/^\s*\/index\.html\s+"no-store";$/m);
    expect(conf).toMatch(/^\s*"~-\[A-Z0-9\]\{8\}\\\.\(\?:js\|css\)\$"\s+"public, max-age=31536000, immutable";$/m);
    expect(conf).toMatch(/^\s*include \/tmp\/delaktig-csp\.conf;$/m);
    expect(conf).toMatch(/^\s*add_header X-Frame-Options \$delaktig_x_frame_options always;$/m);
  });

  it('the entrypoint defines every variable the policy uses', () => {
    const { status, maps } = entrypointMaps(JSON.stringify(STAFF_CONFIG));
    expect(status).toBe(0);
    const used = new Set([...conf.matchAll(/\$(delaktig_(?:csp_\w+|frame_ancestors|x_frame_options))\b/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(maps).sort());
  });

  it.each([
    ['the staff UI', STAFF_CONFIG, {}],
    ['the child app, framed by the staff UI', CHILD_CONFIG, { FRAME_ANCESTORS: "http://localhost:5200  http://127.0.0.1:5200 'self'" }],
  ])('sends the same policy as the static server for %s', (_name, config, env: Record<string, string>) => {
    const { status, maps } = entrypointMaps(JSON.stringify(config, null, 2), env);
    expect(status).toBe(0);
    const fromNginx = parseCsp(nginxPolicy(maps, 'r3q1d'));
    const fromStatic = parseCsp(staticPolicy({ config, nonce: 'r3q1d', frameAncestors: env.FRAME_ANCESTORS }));
    expect(fromNginx).toEqual(fromStatic);
    expect(maps['delaktig_x_frame_options']).toBe(env.FRAME_ANCESTORS ? '' : 'DENY');
  });

  it("reads Kubernetes' mounted config.json (several lines) and the compose one", () => {
    const staff = loadYamlDocs(readRepoFile('k8s/base/config.yaml'), 'k8s/base/config.yaml').find(
      (d: Json) => d.kind === 'ConfigMap' && d.metadata.name === 'delaktig-staff-config',
    );
    const { status, maps } = entrypointMaps(staff.data['config.json']);
    expect(status).toBe(0);
    expect(maps['delaktig_csp_connect'].split(' ')).toEqual(expect.arrayContaining(['https://barn.delaktig.example.org', 'https://delaktig.example.org', 'https://login.delaktig.example.org']));
    expect(maps['delaktig_csp_frame']).toBe('https://barn.delaktig.example.org');
    expect(maps['delaktig_csp_form']).toBe(' https://login.delaktig.example.org');
    expect(maps['delaktig_frame_ancestors']).toBe("'none'");
    expect(parseCsp(nginxPolicy(maps, 'n'))).toEqual(parseCsp(staticPolicy({ config: JSON.parse(staff.data['config.json']), nonce: 'n' })));
    // JSON may escape slashes.
    const escaped = entrypointMaps('{"gatewayUrl":"https:\\/\\/api.example.org\\/x"}');
    expect(escaped.maps['delaktig_csp_connect']).toBe(' https://api.example.org');
    expect(escaped.maps['delaktig_csp_frame']).toBe("'none'");
  });

  it('lets nothing but scheme://host:port into nginx.conf', () => {
    const { status, maps } = entrypointMaps(
      JSON.stringify({ gatewayUrl: 'https://ok.example.org', a: 'https://x.org;add_header', b: 'https://y.org" $x {', c: 'http://user@z.org/', d: 'javascript:alert(1)' }),
    );
    expect(status).toBe(0);
    expect(maps['delaktig_csp_connect']).toBe(' https://ok.example.org');
    for (const bad of ['http://a";', 'http://a; x', '$host', "'unsafe-inline'{"]) {
      const r = entrypointMaps('{"gatewayUrl":"http://localhost:3000"}', { FRAME_ANCESTORS: bad });
      expect({ bad, status: r.status }).toEqual({ bad, status: 78 });
    }
  });

  it('nginx serves index.html with the nonce of its header, new per response', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-nginx-'));
    const server: { proc?: ChildProcess } = {};
    try {
      const root = join(dir, 'html');
      mkdirSync(root);
      const dist = fakeDist();
      for (const f of ['index.html', 'main-ABCDEFGH.js', 'styles-ABCD1234.css']) writeFileSync(join(root, f), readFileSync(join(dist, f)));
      rmSync(dist, { recursive: true, force: true });
      writeFileSync(join(root, 'config.json'), JSON.stringify(STAFF_CONFIG));
      // The entrypoint writes /tmp/delaktig-csp.conf; here every /tmp/ path is the test's folder.
      const csp = join(dir, 'delaktig-csp.conf');
      const r = spawnSync('sh', [entrypoint, 'true'], {
        env: { PATH: process.env['PATH'] ?? '', FRONTEND_APP: 'staff', FRONTEND_HTML_DIR: root, NGINX_CSP_CONF: csp },
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      const port = await freePort();
      const local = conf
        .replace(/\/tmp\//g, `${dir}/`)
        .replace('listen 8080;', `listen 127.0.0.1:${port};`)
        .replace('root /usr/share/nginx/html;', `root ${root};`)
        .replace('access_log /dev/stdout main;', 'access_log off;')
        .replace('error_log stderr warn;', `error_log ${dir}/error.log warn;`);
      writeFileSync(join(dir, 'nginx.conf'), local);
      // Workers may run as another user (nginx started as root): let them read the files.
      for (const p of [dir, root]) chmodSync(p, 0o755);
      server.proc = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { stdio: 'ignore' });
      const base = `http://127.0.0.1:${port}`;
      let up = false;
      for (let i = 0; i < 100 && !up; i++) {
        up = await fetch(`${base}/health/ready`).then((x) => x.ok, () => false);
        if (!up) await new Promise((x) => setTimeout(x, 50));
      }
      if (!up) throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      const nonces: string[] = [];
      for (const path of ['/', '/larm', '/index.html']) {
        const res = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'gzip' } });
        const body = await res.text();
        const header = res.headers.get('content-security-policy');
        const nonce = nonceOf(header) ?? '';
        expect(nonce).toMatch(/^[0-9a-f]{32}$/);
        expect(body).not.toContain(PLACEHOLDER);
        expect(body.split(nonce).length - 1).toBe(4);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('etag')).toBeNull();
        expect(parseCsp(header)).toEqual(parseCsp(staticPolicy({ config: STAFF_CONFIG, nonce })));
        nonces.push(nonce);
      }
      expect(new Set(nonces).size).toBe(3);
      const js = await fetch(`${base}/main-ABCDEFGH.js`);
      expect(js.status).toBe(200);
      expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    } finally {
      server.proc?.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
