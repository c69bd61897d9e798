/**
 * SMS simulator for development and tests: speaks 46elks' HTTP API (POST /a1/sms with basic
 * auth and form fields from, to, message, whendelivered; JSON reply with id and status),
 * keeps the messages in memory, shows them on a small web page with clickable links and
 * posts delivery reports (form fields id, status=delivered|failed, delivered) to the
 * whendelivered URL like 46elks does.
 *
 * Test hooks: numbers ending in 0000 are reported failed (undelivered); numbers ending in 0001
 * are refused with 400 (invalid recipient); numbers ending in 0002 get 503 (provider
 * unavailable) twice before they are accepted. POST /sim/fail {"to": "+4670…", "mode":
 * "undelivered"|"reject"|"unavailable", "times"?: n} sets the same for any number.
 * GET /sim/messages (JSON, ?to=), DELETE /sim/messages.
 *
 *   SMS_SIM_PORT=3250 [SMS_SIM_USERNAME=dev-sms-user SMS_SIM_PASSWORD=dev-only-sms-password] ts-node sms-simulator.ts
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

const PORT = Number(process.env.SMS_SIM_PORT ?? 3250);
const HOST = process.env.SMS_SIM_HOST ?? '127.0.0.1';
const USER = process.env.SMS_SIM_USERNAME ?? 'dev-sms-user';
const PASS = process.env.SMS_SIM_PASSWORD ?? 'dev-only-sms-password';
const REPORT_DELAY_MS = Number(process.env.SMS_SIM_REPORT_DELAY_MS ?? 300);

interface Sms {
  id: string;
  from: string;
  to: string;
  message: string;
  created: string;
  status: 'created' | 'sent' | 'delivered' | 'failed';
  whendelivered?: string;
  reportStatus?: number;
}
type Mode = 'undelivered' | 'reject' | 'unavailable';

const messages: Sms[] = [];
const failures = new Map<string, { mode: Mode; times: number }>();
let unavailableSeen = new Map<string, number>();

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  res.writeHead(status, { 'content-type': type + '; charset=utf-8', 'cache-control': 'no-store' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function modeFor(to: string): Mode | null {
  const set = failures.get(to);
  if (set && set.times !== 0) {
    if (set.times > 0) set.times--;
    return set.mode;
  }
  if (to.endsWith('0000')) return 'undelivered';
  if (to.endsWith('0001')) return 'reject';
  if (to.endsWith('0002')) {
    const n = unavailableSeen.get(to) ?? 0;
    unavailableSeen.set(to, n + 1);
    return n < 2 ? 'unavailable' : null;
  }
  return null;
}

async function report(sms: Sms) {
  if (!sms.whendelivered) return;
  try {
    const res = await fetch(sms.whendelivered, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id: sms.id, status: sms.status, delivered: new Date().toISOString() }),
    });
    sms.reportStatus = res.status;
  } catch {
    sms.reportStatus = 0;
  }
}

async function postSms(req: IncomingMessage, res: ServerResponse) {
  const auth = req.headers.authorization ?? '';
  const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
  if (!auth.startsWith('Basic ') || user !== USER || pass !== PASS) return send(res, 401, 'API access requires Basic HTTP authentication', 'text/plain');
  const form = new URLSearchParams(await readBody(req));
  const from = form.get('from') ?? '';
  const to = form.get('to') ?? '';
  const message = form.get('message') ?? '';
  if (!/^([A-Za-z][A-Za-z0-9]{2,10}|\+[1-9]\d{6,14})$/.test(from)) return send(res, 400, 'Invalid from: must be E.164 or 3-11 alphanumeric characters', 'text/plain');
  if (!/^\+[1-9]\d{6,14}$/.test(to)) return send(res, 400, 'Invalid to number: must be E.164', 'text/plain');
  if (!message) return send(res, 400, 'Missing key message', 'text/plain');
  if (message.length > 1600) return send(res, 400, 'Message too long', 'text/plain');
  const mode = modeFor(to);
  if (mode === 'reject') return send(res, 400, 'Invalid to number', 'text/plain');
  if (mode === 'unavailable') return send(res, 503, 'Service temporarily unavailable', 'text/plain');
  const sms: Sms = {
    id: 's' + randomBytes(16).toString('hex'),
    from,
    to,
    message,
    created: new Date().toISOString(),
    status: 'created',
    whendelivered: form.get('whendelivered') ?? undefined,
  };
  messages.push(sms);
  setTimeout(() => {
    sms.status = mode === 'undelivered' ? 'failed' : 'delivered';
    void report(sms);
  }, REPORT_DELAY_MS);
  send(res, 200, {
    status: 'created',
    direction: 'outgoing',
    from,
    created: sms.created,
    parts: Math.ceil(message.length / 153) || 1,
    to,
    cost: 3500,
    message,
    id: sms.id,
  });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const linkify = (s: string) => esc(s).replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`).replace(/\n/g, '<br>');

function page(): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) => `<li><p class="meta"><strong>${esc(m.from)}</strong> → ${esc(m.to)} · ${esc(m.created)} · <span class="st ${m.status}">${m.status}</span></p><p class="msg" dir="auto">${linkify(m.message)}</p></li>`,
    )
    .join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="5">
<title>SMS-simulator (46elks-format)</title><style>body{font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}ul{list-style:none;padding:0}
li{border:1px solid #ccc;border-radius:.5rem;padding:.5rem 1rem;margin:.5rem 0}.meta{color:#444;font-size:.9rem}.msg{font-size:1.05rem}.st.failed{color:#a00}.st.delivered{color:#060}</style></head>
<body><h1>SMS-simulator</h1><p>Meddelanden som skickats via 46elks-API:t i utvecklingsmiljön (nyast först, uppdateras var 5:e sekund). Messages sent through the 46elks API in development.</p>
${messages.length ? `<ul>${rows}</ul>` : '<p>Inga meddelanden ännu. No messages yet.</p>'}</body></html>`;
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (req.method === 'POST' && url.pathname === '/a1/sms') return await postSms(req, res);
    if (req.method === 'GET' && url.pathname === '/a1/sms') {
      return send(res, 200, { data: messages.map(({ whendelivered: _w, reportStatus: _r, ...m }) => ({ ...m, direction: 'outgoing' })) });
    }
    if (req.method === 'GET' && url.pathname === '/sim/messages') {
      const to = url.searchParams.get('to');
      return send(res, 200, { items: to ? messages.filter((m) => m.to === to) : messages });
    }
    if (req.method === 'DELETE' && url.pathname === '/sim/messages') {
      messages.length = 0;
      failures.clear();
      unavailableSeen = new Map();
      return send(res, 204, '');
    }
    if (req.method === 'POST' && url.pathname === '/sim/fail') {
      const body = JSON.parse((await readBody(req)) || '{}') as { to?: string; mode?: Mode; times?: number };
      if (!body.to || !['undelivered', 'reject', 'unavailable'].includes(body.mode ?? '')) return send(res, 400, { error: 'to and mode (undelivered|reject|unavailable) are required' });
      failures.set(body.to, { mode: body.mode as Mode, times: body.times ?? -1 });
      return send(res, 204, '');
    }
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) return send(res, 200, page(), 'text/html');
    send(res, 404, 'Not found', 'text/plain');
  } catch (e) {
    send(res, 500, { error: (e as Error).message });
  }
});

server.listen(PORT, HOST, () => process.stdout.write(JSON.stringify({ level: 'info', msg: `SMS simulator on http://${HOST}:${PORT} (API /a1/sms, inbox /)` }) + '\n'));
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => server.close(() => process.exit(0)));
