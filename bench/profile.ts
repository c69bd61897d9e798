import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';

/**
 * What every Node benchmark here shares: `--name value` arguments (a flag without a value is
 * ''), and the settings of the stack profile it measures (infra/env/<profile>.env: ports,
 * secrets, database suffix).
 */
export function benchArgs(argv = process.argv.slice(2)): Record<string, string> {
  return Object.fromEntries(
    argv.reduce<[string, string][]>((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]?.startsWith('--') ? '' : (all[i + 1] ?? '')]] : acc), []),
  );
}

export function profileEnv(profile: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(__dirname, '..', 'infra', 'env', `${profile}.env`), 'utf8')
      .split('\n')
      .map((l) => /^([A-Z_]+)=(.*)$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1] as string, m[2] as string]),
  );
}

/**
 * The physical ceiling of a statement: pgbench runs the same SQL (with the same parameters,
 * inlined) against the same database, `transactions` times per client, and reports latency and
 * throughput as PostgreSQL alone gives them — what the service's own numbers are compared with.
 */
export function pgbenchCeiling(
  database: string,
  sql: string,
  opts: { clients?: number; transactions?: number } = {},
): { clients: number; transactions: number; tps: number; latencyAvgMs: number; p50: number; p95: number } {
  const clients = opts.clients ?? 1;
  const transactions = opts.transactions ?? 200;
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  try {
    const script = join(dir, 'statement.sql');
    writeFileSync(script, `${sql.replace(/\s+/g, ' ').trim()};\n`);
    const r = spawnSync(
      'pgbench',
      ['-n', '-h', process.env['PGHOST'] ?? '127.0.0.1', '-U', process.env['PGUSER'] ?? 'postgres', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-t', String(transactions), '-l', '--log-prefix', join(dir, 'log'), '-f', script, database],
      { encoding: 'utf8', cwd: dir },
    );
    if (r.status !== 0) throw new Error(`pgbench failed: ${r.stderr || r.stdout}`);
    const tps = Number(/tps = ([\d.]+)/.exec(r.stdout)?.[1]);
    const latencyAvgMs = Number(/latency average = ([\d.]+) ms/.exec(r.stdout)?.[1]);
    // Per-transaction log lines: client_id transaction_no time_us script_no time_epoch time_us_part
    const lat = readdirSync(dir)
      .filter((f) => f.startsWith('log'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      .map((l) => Number(l.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    const at = (p: number) => Number((lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? NaN).toFixed(1));
    return { clients, transactions, tps: Number(tps.toFixed(1)), latencyAvgMs, p50: at(50), p95: at(95) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A SQL literal for pgbench scripts (strings, numbers, null, and arrays as ARRAY[...]). */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `ARRAY[${v.map(sqlLiteral).join(', ')}]`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** `sql` with $1, $2, … replaced by literals of `params` (highest index first, so $10 is not $1). */
export function inlineParams(sql: string, params: unknown[]): string {
  let out = sql;
  for (let i = params.length; i >= 1; i--) out = out.split(`$${i}`).join(sqlLiteral(params[i - 1]));
  return out;
}

/** The gateway-signed staff identity the services accept (service-kit signIdentity), for calling a service directly. */
export function staffIdentity(env: Record<string, string>, districtId: string, roles: string[]): Promise<string> {
  return new SignJWT({ districtId, unitId: null, roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench')
    .setIssuer('delaktig-gateway')
    .setAudience('delaktig-services')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(env['INTERNAL_TOKEN_SECRET'] as string));
}
