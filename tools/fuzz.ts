/**
 * API fuzz run against a started stack (issue 13): reads the gateway's OpenAPI document and
 * sends every route malformed input — wrong types, missing and extra fields, huge strings,
 * odd Unicode, injection strings, deep nesting, invalid uuids in path params, bad JSON,
 * wrong content types, negative/huge numbers, bad query params — anonymously, with forged
 * tokens and as signed-in staff of several roles (tests/support/staff-sign-in.ts).
 *
 * Prints a table (route, requests, status counts). Exits 1 when any response is 5xx or a
 * 4xx body is not an RFC 9457 problem with a reason (libs/errors: type, title, status, code).
 *
 *   npm run fuzz -- [--profile test] [--gateway http://127.0.0.1:4000] [--seed 13] [--runs 6]
 *                   [--anonymous-only] [--concurrency 4]
 *
 * Deterministic for a given seed and runs (fast-check generates the values). Only malformed
 * input is sent, so nothing is created; routes limited per IP (child sign-in) get only a few
 * requests so that other users of the stack are not locked out.
 */
import fc from 'fast-check';
import { readProfileEnv, staffToken } from '../tests/support/staff-sign-in';

interface Args {
  profile: string;
  gateway: string;
  seed: number;
  runs: number;
  concurrency: number;
  anonymousOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const profile = get('profile') ?? process.env['DELAKTIG_PROFILE'] ?? 'test';
  const env = readProfileEnv(profile);
  const gateway = (get('gateway') ?? process.env['GATEWAY_URL'] ?? `http://127.0.0.1:${env['GATEWAY_PORT'] ?? '4000'}`).replace(/\/+$/, '');
  const int = (v: string | undefined, d: number, what: string): number => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${what} must be a whole number, got ${v}`);
    return n;
  };
  return {
    profile,
    gateway,
    seed: int(get('seed'), 13, 'seed'),
    runs: Math.max(1, int(get('runs'), 6, 'runs')),
    concurrency: Math.max(1, int(get('concurrency'), 4, 'concurrency')),
    anonymousOnly: argv.includes('--anonymous-only'),
  };
}

// ---------------------------------------------------------------- OpenAPI (the parts used)

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: Record<string, string[]>[];
  summary?: string;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Route {
  method: string;
  path: string;
  op: Operation;
}

export function routesOf(doc: OpenApi): Route[] {
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) out.push({ method: method.toUpperCase(), path, op });
    }
  }
  return out;
}

function deref(doc: OpenApi, s: Schema | undefined): Schema {
  if (!s) return {};
  if (s.$ref) {
    const name = s.$ref.split('/').pop() ?? '';
    return deref(doc, doc.components?.schemas?.[name]);
  }
  return s;
}

// ---------------------------------------------------------------- generated bad values

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  "' OR 1=1 --",
  '"; DROP TABLE invitation; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\ud83d\ude00\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67',
  '\ud800',
  'Å'.repeat(300),
  'x'.repeat(70_000),
  '{"__proto__":{"admin":true}}',
  'null',
  'NaN',
  '-1',
  '1e400',
];
const NASTY_NUMBERS = [-1, 0, -2147483649, 2147483648, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 0.5, -0.0];
const BAD_IDS = ['not-a-uuid', '00000000-0000-0000-0000-00000000000g', '1', '-1', '%2e%2e', "'; --", 'ÅÄÖ', 'a'.repeat(600), '%00', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];

function deepNesting(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** A value of the wrong type for the schema (or an otherwise broken one). */
const wrongValue = (s: Schema): fc.Arbitrary<unknown> => {
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  const common: fc.Arbitrary<unknown>[] = [
    fc.constant(null),
    fc.constantFrom(...NASTY_STRINGS),
    fc.constant(deepNesting(200)),
    fc.constant([[[[[[[[[[]]]]]]]]]]),
    fc.constant({ $gt: '' }),
  ];
  switch (t) {
    case 'string':
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), ...common, fc.string({ unit: 'binary', maxLength: 50 }));
    case 'integer':
    case 'number':
      return fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.constant('12'), fc.constant(true), fc.double(), ...common);
    case 'boolean':
      return fc.oneof(fc.constant('true'), fc.constant(1), ...common);
    case 'array':
      return fc.oneof(fc.constant('[]'), fc.constant({}), fc.array(fc.anything(), { maxLength: 5 }), fc.constant(Array.from({ length: 5000 }, (_, i) => i)), ...common);
    case 'object':
      return fc.oneof(fc.constant([]), fc.constant('{}'), fc.integer(), ...common);
    default:
      return fc.oneof(...common, fc.anything());
  }
};

type BodyCase = { kind: string; raw: string; contentType: string };

/** Bodies that break the schema: each has at least one wrong field, or is not JSON at all. */
function badBodies(doc: OpenApi, schema: Schema | undefined): fc.Arbitrary<BodyCase> {
  const s = deref(doc, schema);
  const props = Object.entries(s.properties ?? {}).map(([k, v]) => [k, deref(doc, v)] as const);
  const json = (kind: string, v: unknown): BodyCase => ({ kind, raw: JSON.stringify(v) ?? 'null', contentType: 'application/json' });
  const cases: fc.Arbitrary<BodyCase>[] = [
    fc.constantFrom<BodyCase>(
      { kind: 'bad-json', raw: '{"a":', contentType: 'application/json' },
      { kind: 'bad-json', raw: '{"a":1,}', contentType: 'application/json' },
      { kind: 'bad-json', raw: '\u0000\u0001', contentType: 'application/json' },
      { kind: 'empty', raw: '', contentType: 'application/json' },
      { kind: 'wrong-content-type', raw: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
      { kind: 'wrong-content-type', raw: '<a>1</a>', contentType: 'application/xml' },
      { kind: 'wrong-content-type', raw: '{"a":1}', contentType: 'text/plain' },
      { kind: 'wrong-content-type', raw: '--x\r\n\r\n', contentType: 'multipart/form-data; boundary=x' },
    ),
    fc.constantFrom('null', '[]', '"text"', '42', 'true').map((raw) => ({ kind: 'not-an-object', raw, contentType: 'application/json' })),
    fc.constant(json('deep-nesting', deepNesting(2000))),
    fc.constant({ kind: 'huge', raw: JSON.stringify({ a: 'x'.repeat(2_000_000) }), contentType: 'application/json' }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.anything(), { maxKeys: 4 }).map((d) => json('random-object', d)),
    fc.constant(json('proto-pollution', JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'))),
  ];
  if (props.length > 0) {
    // One field of the wrong type, the others missing, plus an unknown field.
    cases.push(
      fc
        .tuple(fc.constantFrom(...props), fc.nat())
        .chain(([[key, ps]]) => wrongValue(ps).map((v) => json(`wrong-type:${key}`, { [key]: v, unexpectedField: 'x' }))),
    );
    // Every field of the wrong type.
    cases.push(
      fc.tuple(...props.map(([, ps]) => wrongValue(ps))).map((vals) => json('all-wrong', Object.fromEntries(props.map(([k], i) => [k, vals[i]])))),
    );
  }
  if ((s.required ?? []).length > 0) cases.push(fc.constant(json('missing-required', {})));
  return fc.oneof(...cases);
}

function badPathValue(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...BAD_IDS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), fc.integer().map(String));
}

function badQuery(params: Parameter[]): fc.Arbitrary<[string, string][]> {
  const queryParams = params.filter((p) => p.in === 'query').map((p) => p.name);
  const values = fc.oneof(
    fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 5000)),
    fc.constantFrom(...NASTY_NUMBERS.map(String)),
    fc.constantFrom('2026-13', '0000-00', '9999-99-99', 'true', '[]', 'a,b,,c', '%', '%zz'),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
  const names = queryParams.length > 0 ? fc.oneof(fc.constantFrom(...queryParams), fc.constant('unknownParam')) : fc.constant('unknownParam');
  return fc.array(fc.tuple(names, values), { minLength: 1, maxLength: 4 });
}

export interface FuzzRequest {
  method: string;
  path: string;
  kind: string;
  body?: string;
  contentType?: string;
  headers: Record<string, string>;
}

/** encodeURIComponent that also takes lone surrogates (sent as U+FFFD, as a browser would). */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}

function encodeQuery(q: [string, string][]): string {
  // Some values are deliberately not valid percent-encoding (`%zz`): sent as they are.
  return q.map(([k, v]) => `${enc(k)}=${/%/.test(v) ? v.replace(/[^\x21-\x7e]/g, enc) : enc(v)}`).join('&');
}

/** The requests for one route: deterministic for the seed. */
export function requestsFor(doc: OpenApi, route: Route, seed: number, runs: number): FuzzRequest[] {
  const params = route.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
  const bodySchema = route.op.requestBody?.content?.['application/json']?.schema;
  const hasBody = route.op.requestBody !== undefined;
  const arb = fc.record({
    path: fc.tuple(...(pathParams.length ? pathParams.map(() => badPathValue()) : [fc.constant('')])),
    query: fc.option(badQuery(params), { nil: undefined, freq: 2 }),
    body: hasBody || route.method !== 'GET' ? fc.option(badBodies(doc, bodySchema), { nil: undefined, freq: 5 }) : fc.constant(undefined),
  });
  return fc.sample(arb, { seed: seed ^ hash(`${route.method} ${route.path}`), numRuns: runs }).map((c) => {
    let path = route.path;
    pathParams.forEach((name, i) => {
      path = path.replace(`{${name}}`, enc(c.path[i] ?? ''));
    });
    if (c.query) path += `?${encodeQuery(c.query)}`;
    const kinds = [pathParams.length ? 'bad-path' : '', c.query ? 'bad-query' : '', c.body?.kind ?? ''].filter(Boolean);
    const headers: Record<string, string> = route.op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key') ? { 'idempotency-key': 'Å'.repeat(3) } : {};
    return {
      method: route.method,
      path,
      kind: kinds.join('+') || 'plain',
      body: c.body?.raw,
      contentType: c.body?.contentType,
      headers,
    };
  });
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------- checking responses

/** Why a response breaks the rules, or undefined when it is fine. */
export function verdict(status: number, contentType: string | null, text: string): string | undefined {
  if (status >= 500) return `${status}: ${text.slice(0, 300)}`;
  if (status < 400) return undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `${status} without a JSON problem body (${contentType ?? 'no content type'}): ${text.slice(0, 200)}`;
  }
  if (!/application\/problem\+json/.test(contentType ?? '')) return `${status} not application/problem+json (${contentType ?? 'none'})`;
  for (const k of ['type', 'title', 'code'] as const) {
    if (typeof body[k] !== 'string' || !(body[k] as string).length) return `${status} problem without ${k}: ${text.slice(0, 200)}`;
  }
  if (body['status'] !== status) return `${status} problem with status ${String(body['status'])}`;
  return undefined;
}

// ---------------------------------------------------------------- run

const ROLES = ['handlaggare.skarpnack', 'enhetschef.skarpnack', 'admin.skarpnack', 'analytiker.central', 'revisor.skarpnack'];
const FORGED = {
  'forged-none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', realm_access: { roles: ['central-analyst'] }, exp: 4102444800 })}.`,
  'forged-sig': `${b64({ alg: 'RS256', typ: 'JWT', kid: 'x' })}.${b64({ sub: 'x', exp: 4102444800 })}.${'A'.repeat(342)}`,
  garbage: 'Å.x.y',
};
function b64(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

interface Row {
  route: string;
  requests: number;
  statuses: Map<number, number>;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const res = await fetch(`${args.gateway}/api/docs/openapi.json`);
  if (!res.ok) throw new Error(`OpenAPI document: ${res.status} from ${args.gateway}/api/docs/openapi.json`);
  const doc = (await res.json()) as OpenApi;
  const routes = routesOf(doc);

  const identities: [string, string | undefined][] = [['anonymous', undefined], ...Object.entries(FORGED)];
  if (!args.anonymousOnly) {
    for (const user of ROLES) identities.push([user, await staffToken(user, args.profile)]);
  }

  const jobs: { route: string; req: FuzzRequest; who: string; token?: string }[] = [];
  for (const route of routes) {
    // Child sign-in is limited per IP (and BankID orders per IP): a few requests, anonymously.
    const limited = /rate limited/i.test(route.op.summary ?? '') || route.path.startsWith('/api/v1/child/session');
    const reqs = requestsFor(doc, route, args.seed, limited ? Math.min(args.runs, 2) : args.runs);
    const who = limited ? identities.slice(0, 1) : identities;
    for (const [name, token] of who) for (const req of reqs) jobs.push({ route: `${route.method} ${route.path}`, req, who: name, token });
  }

  const rows = new Map<string, Row>();
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (!job) break;
      const headers: Record<string, string> = { ...job.req.headers };
      if (job.token) headers['authorization'] = `Bearer ${job.token}`;
      if (job.req.contentType) headers['content-type'] = job.req.contentType;
      let status: number;
      try {
        const r = await fetch(`${args.gateway}${job.req.path}`, { method: job.req.method, headers, body: job.req.body, signal: AbortSignal.timeout(15_000) });
        const text = await r.text();
        status = r.status;
        const why = verdict(r.status, r.headers.get('content-type'), text);
        if (why) failures.push(`${job.route} [${job.who}, ${job.req.kind}] ${job.req.method} ${job.req.path.slice(0, 160)}: ${why}`);
      } catch (e) {
        status = 0;
        failures.push(`${job.route} [${job.who}, ${job.req.kind}] ${job.req.method} ${job.req.path.slice(0, 160)}: no response (${(e as Error).message})`);
      }
      const row = rows.get(job.route) ?? { route: job.route, requests: 0, statuses: new Map() };
      row.requests++;
      row.statuses.set(status, (row.statuses.get(status) ?? 0) + 1);
      rows.set(job.route, row);
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, () => worker()));

  const width = Math.max(...[...rows.keys()].map((k) => k.length), 5);
  console.log(`${'route'.padEnd(width)}  requests  statuses`);
  const totals = new Map<number, number>();
  for (const row of rows.values()) {
    const st = [...row.statuses.entries()].sort(([a], [b]) => a - b);
    st.forEach(([s, n]) => totals.set(s, (totals.get(s) ?? 0) + n));
    console.log(`${row.route.padEnd(width)}  ${String(row.requests).padStart(8)}  ${st.map(([s, n]) => `${s}×${n}`).join(' ')}`);
  }
  const total = [...totals.entries()].sort(([a], [b]) => a - b);
  console.log(
    `\n${routes.length} routes, ${jobs.length} requests as ${identities.length} identities (seed ${args.seed}, runs ${args.runs}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${total.map(([s, n]) => `${s}×${n}`).join(' ')}`,
  );
  const fivexx = total.filter(([s]) => s >= 500 || s === 0).reduce((a, [, n]) => a + n, 0);
  console.log(`${fivexx} × 5xx or no response; ${failures.length} responses break the rules`);
  if (failures.length) {
    console.error('\n' + failures.slice(0, 60).join('\n'));
    if (failures.length > 60) console.error(`… and ${failures.length - 60} more`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
