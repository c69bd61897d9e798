// Serves a built frontend (SPA fallback) for local runs, with /config.json generated from
// the environment so one build runs against any gateway. Docker uses nginx instead.
//   node infra/static-server.mjs <dist dir> <port> [config json]
// FRAME_ANCESTORS (space-separated origins) lets those pages frame this app (the staff
// editor's phone preview of the child app); without it no page may frame it.
import { createServer } from 'node:http';
import sirv from 'sirv';

const [dir, port, config] = process.argv.slice(2);
if (!dir || !port) {
  console.error('usage: static-server.mjs <dir> <port> [configJson]');
  process.exit(2);
}
const assets = sirv(dir, { single: true, etag: true, gzip: true, maxAge: 0 });
const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  ...(process.env.FRAME_ANCESTORS
    ? { 'content-security-policy': `frame-ancestors ${process.env.FRAME_ANCESTORS}` }
    : { 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'" }),
};
// FRAME_ANCESTORS (space-separated origins): allow only these to frame the app (the staff
// editor's preview of the child app) instead of refusing all framing.
if (process.env.FRAME_ANCESTORS) {
  delete securityHeaders['x-frame-options'];
  securityHeaders['content-security-policy'] = `frame-ancestors ${process.env.FRAME_ANCESTORS}`;
}
createServer((req, res) => {
  for (const [k, v] of Object.entries(securityHeaders)) res.setHeader(k, v);
  if (config && req.url?.split('?')[0] === '/config.json') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(config);
    return;
  }
  assets(req, res);
}).listen(Number(port), '127.0.0.1', () => console.log(JSON.stringify({ level: 'info', msg: 'serving', dir, port: Number(port) })));
