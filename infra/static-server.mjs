// Serves a built frontend (SPA fallback) for local runs, with /config.json generated from
// the environment so one build runs against any gateway. Docker uses nginx instead.
//   node infra/static-server.mjs <dist dir> <port> [config json]
// FRAME_ANCESTORS (space-separated origins) lets those pages frame this app (the staff
// editor's phone preview of the child app); without it no page may frame it.
// Every response carries the Content-Security-Policy of infra/csp.mjs; index.html (also as
// the SPA fallback) is sent with a fresh nonce, never cached.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { contentSecurityPolicy, newNonce, withNonce } from './csp.mjs';

const [dir, port, config] = process.argv.slice(2);
if (!dir || !port) {
  console.error('usage: static-server.mjs <dir> <port> [configJson]');
  process.exit(2);
}
let parsedConfig = {};
if (config) {
  try {
    parsedConfig = JSON.parse(config);
  } catch (error) {
    console.error(`static-server.mjs: the config is not JSON: ${error.message}`);
    process.exit(2);
  }
}
const frameAncestors = process.env.FRAME_ANCESTORS?.trim() || undefined;
const policy = (nonce) => contentSecurityPolicy({ config: parsedConfig, nonce, frameAncestors });

// Content-hashed bundles (main-ABCD1234.js) never change; everything else is revalidated.
const HASHED = /-[A-Z0-9]{8}\.(?:js|css)$/;
// `extensions: []`: a path is a file only when it names one; any other path is a client-side
// route and gets index.html from serveIndex (not from sirv, which would send it without a nonce).
// `dev`: files are looked up per request, so a rebuild of dist/ is served without a restart.
const assets = sirv(dir, {
  dev: true,
  etag: true,
  gzip: true,
  maxAge: 0,
  extensions: [],
  setHeaders: (res, pathname) => {
    if (HASHED.test(pathname)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  },
});
const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  ...(frameAncestors ? {} : { 'x-frame-options': 'DENY' }),
};
const indexFile = join(dir, 'index.html');

/** index.html with this response's nonce; read per request, so a rebuild is served at once. */
async function serveIndex(req, res) {
  let html;
  try {
    html = await readFile(indexFile, 'utf8');
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  const nonce = newNonce();
  const body = withNonce(html, nonce);
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'content-security-policy': policy(nonce),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

createServer((req, res) => {
  for (const [k, v] of Object.entries(securityHeaders)) res.setHeader(k, v);
  res.setHeader('content-security-policy', policy());
  const path = (req.url ?? '/').split('?')[0];
  if (config && path === '/config.json') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(config);
    return;
  }
  if (path === '/' || path === '/index.html') {
    void serveIndex(req, res);
    return;
  }
  assets(req, res, () => {
    // Missing static files (a name with an extension) are 404, not the SPA shell.
    if (/\/[^/]+\.\w+$/.test(path)) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    else void serveIndex(req, res);
  });
}).listen(Number(port), '127.0.0.1', () => console.log(JSON.stringify({ level: 'info', msg: 'serving', dir, port: Number(port) })));
