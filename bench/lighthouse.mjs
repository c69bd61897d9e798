#!/usr/bin/env node
// Lighthouse (mobile: emulated mid-range phone, throttled 4G and CPU) on the child app's first
// screen, the one a child opens from the SMS link. Goal from the brief: performance ≥ 95.
// Usage: npx nx build child && npm run bench:lighthouse -- [--url <child app url>] [--min 95]
// Without --url it serves dist/frontend/child/browser itself (infra/static-server.mjs).
// Prints the scores and the main metrics as JSON; exits 1 below --min.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const min = Number(arg('min', 95));
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

function run(cmd, argv, env = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} exited ${code}: ${err.slice(-2000)}`))));
  });
}

let server;
let gateway;
let base = arg('url');
if (!base) {
  const dist = join(root, 'dist/frontend/child/browser');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`No build found at ${dist}. Run: npx nx build child`);
    process.exit(2);
  }
  const port = await freePort();
  // The first screen asks the gateway how the link can be opened; without a stack a stand-in
  // answers as the gateway does for a link without BankID (so the page logs no network error).
  gateway = createHttpServer((req, res) => {
    res.setHeader('access-control-allow-origin', `http://127.0.0.1:${port}`);
    res.setHeader('access-control-allow-headers', 'content-type, accept');
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    if (req.method === 'POST' && req.url === '/api/v1/child/session/methods') {
      return res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ code: true, bankId: false }));
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise((ok) => gateway.listen(0, '127.0.0.1', ok));
  const config = JSON.stringify({ gatewayUrl: `http://127.0.0.1:${gateway.address().port}`, previewOrigins: [], neutralUrl: 'https://www.google.com/' });
  server = spawn(process.execPath, [join(root, 'infra/static-server.mjs'), dist, String(port), config], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await fetch(base).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The screen behind the link in the SMS: "type your code" (a well-formed link token).
const url = `${base.replace(/\/+$/, '')}/#/i/${'A'.repeat(43)}`;
const out = mkdtempSync(join(tmpdir(), 'delaktig-lighthouse-'));
try {
  await run(
    process.execPath,
    [
      join(root, 'node_modules/lighthouse/cli/index.js'),
      url,
      '--form-factor=mobile',
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless=new --no-sandbox',
      '--output=json',
      `--output-path=${join(out, 'report.json')}`,
      '--quiet',
    ],
    { CHROME_PATH: chrome },
  );
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
  const ms = (id) => Math.round(report.audits[id]?.numericValue ?? NaN);
  const result = {
    url,
    formFactor: 'mobile',
    scores: { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices') },
    metrics: {
      firstContentfulPaintMs: ms('first-contentful-paint'),
      largestContentfulPaintMs: ms('largest-contentful-paint'),
      totalBlockingTimeMs: ms('total-blocking-time'),
      speedIndexMs: ms('speed-index'),
      cumulativeLayoutShift: Number((report.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)),
    },
    goal: `performance ≥ ${min}`,
    ok: score('performance') >= min,
  };
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.ok ? 0 : 1;
} finally {
  rmSync(out, { recursive: true, force: true });
  server?.kill();
  gateway?.close();
}
