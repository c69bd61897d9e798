/**
 * Helpers shared by the deployment-description tests: repository paths, YAML loading,
 * Compose-style variable interpolation and the port table of docs/CONVENTIONS.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { configSchemas } from '@delaktig/config';

export const ROOT = resolve(__dirname, '../../..');
export const repoPath = (...parts: string[]) => join(ROOT, ...parts);
export const readRepoFile = (...parts: string[]) => readFileSync(repoPath(...parts), 'utf8');
export const repoFileExists = (...parts: string[]) => existsSync(repoPath(...parts));

export type AppName = keyof typeof configSchemas;
export const APPS = Object.keys(configSchemas) as AppName[];
export const SERVICES = APPS.filter((a) => a !== 'gateway');
export const FRONTENDS = ['staff', 'child'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** One YAML document, with `<<` merge keys resolved; throws on any YAML error. */
export function loadYaml(text: string, what: string): Json {
  const docs = parseAllDocuments(text, { merge: true });
  if (!Array.isArray(docs) || docs.length !== 1) throw new Error(`${what}: expected exactly one YAML document`);
  const [doc] = docs;
  if (doc.errors.length) throw new Error(`${what}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS({ maxAliasCount: -1 });
}

/** Every document of a (multi-document) YAML file; throws on any YAML error. */
export function loadYamlDocs(text: string, what: string): Json[] {
  const docs = parseAllDocuments(text, { merge: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Json[] = [];
  for (const doc of list) {
    if (doc.errors.length) throw new Error(`${what}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const js = doc.toJS();
    if (js !== null && js !== undefined) out.push(js);
  }
  return out;
}

export const parseYaml = (text: string): Json => parse(text, { merge: true });

export const listFiles = (dir: string, ext: RegExp) =>
  existsSync(repoPath(dir)) ? readdirSync(repoPath(dir)).filter((f) => ext.test(f)).sort() : [];

/**
 * Docker Compose interpolation: `$$` is a literal `$`; `${VAR}`, `$VAR`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`.
 * Variables not in `env` are reported in `unset` (Compose would substitute "" and warn).
 */
export function interpolate(
  value: string,
  env: Record<string, string>,
  unset: Set<string>,
): string {
  const pattern = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{[^}]*\}?))/g;
  return value.replace(pattern, (_m, dollar, name, op, arg, bare, bad) => {
    if (dollar) return '$';
    if (bad !== undefined) throw new Error(`invalid interpolation "$${bad}" in "${value}"`);
    const varName: string = name ?? bare;
    const has = Object.prototype.hasOwnProperty.call(env, varName);
    const val = has ? env[varName] : undefined;
    const inner = (s: string) => interpolate(s, env, unset);
    switch (op) {
      case ':-':
        return val ? val : inner(arg);
      case '-':
        return has ? (val as string) : inner(arg);
      case ':?':
      case '?':
        if (op === ':?' ? !val : !has) unset.add(`${varName} (${arg || 'required'})`);
        return val ?? '';
      case ':+':
        return val ? inner(arg) : '';
      case '+':
        return has ? inner(arg) : '';
      default:
        if (!has) unset.add(varName);
        return val ?? '';
    }
  });
}

/** Interpolates every string (not keys) of a parsed Compose file, like `docker compose config`. */
export function interpolateDeep(node: Json, env: Record<string, string>, unset: Set<string>): Json {
  if (typeof node === 'string') return interpolate(node, env, unset);
  if (Array.isArray(node)) return node.map((n) => interpolateDeep(n, env, unset));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateDeep(v, env, unset)]));
  }
  return node;
}

/** A Compose `environment` (map or KEY=VALUE list) as strings; `null` values are unset. */
export function composeEnvironment(environment: Json): Record<string, string> {
  const out: Record<string, string> = {};
  if (!environment) return out;
  if (Array.isArray(environment)) {
    for (const item of environment) {
      const s = String(item);
      const i = s.indexOf('=');
      if (i > 0) out[s.slice(0, i)] = s.slice(i + 1);
    }
    return out;
  }
  for (const [k, v] of Object.entries(environment)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'string' ? v : String(v);
  }
  return out;
}

/**
 * Ports from the "Ports" table of docs/CONVENTIONS.md, keyed by the first word of each
 * name (lower case): gateway, identity, …, staff, child, kafka, kraft, keycloak,
 * management, postgresql.
 */
export function conventionPorts(): Record<string, number> {
  const md = readRepoFile('docs/CONVENTIONS.md');
  const section = md.split(/^## /m).find((s) => s.startsWith('Ports'));
  if (!section) throw new Error('docs/CONVENTIONS.md has no "## Ports" section');
  const ports: Record<string, number> = {};
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !/^\d/.test(cells[2])) continue;
    const names = cells[1].replace(/\([^)]*\)/g, '').split('/').map((n) => n.trim().split(/\s+/)[0].toLowerCase());
    const numbers = cells[2].split('/').map((n) => Number(n.trim()));
    if (names.length !== numbers.length) throw new Error(`CONVENTIONS.md ports row does not pair up: ${line}`);
    names.forEach((n, i) => (ports[n] = numbers[i]));
  }
  return ports;
}

/** Database names listed under "## Databases" in docs/CONVENTIONS.md. */
export function conventionDatabases(): string[] {
  const md = readRepoFile('docs/CONVENTIONS.md');
  const section = md.split(/^## /m).find((s) => s.startsWith('Databases'));
  if (!section) throw new Error('docs/CONVENTIONS.md has no "## Databases" section');
  return [...section.matchAll(/`(delaktig_[a-z_]+)`/g)].map((m) => m[1]);
}

/** `delaktig_<app>` with dashes as underscores (docs/CONVENTIONS.md). */
export const databaseOf = (app: string) => `delaktig_${app.replace(/-/g, '_')}`;

/** Schema keys of an app (for spotting misspelt or stray variables). */
export function schemaKeys(app: AppName): string[] {
  return Object.keys((configSchemas[app] as unknown as { shape: Record<string, unknown> }).shape);
}

/** Nx project name declared in <dir>/project.json, if any. */
export function nxProjectName(dir: string): string | undefined {
  const file = repoPath(dir, 'project.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).name : undefined;
}

/** Roles (with passwords) and databases (with owners) created by a Postgres init script. */
export function parseInitSql(sql: string) {
  const roles: Record<string, string> = {};
  const databases: Record<string, string> = {};
  const revoked = new Set<string>();
  for (const m of sql.matchAll(/CREATE ROLE (\w+)\s+LOGIN PASSWORD '([^']*)';/g)) roles[m[1]] = m[2];
  for (const m of sql.matchAll(/CREATE DATABASE (\w+)\s+OWNER (\w+);/g)) databases[m[1]] = m[2];
  for (const m of sql.matchAll(/REVOKE CONNECT[^;]* ON DATABASE (\w+)\s+FROM PUBLIC;/g)) revoked.add(m[1]);
  return { roles, databases, revoked };
}

/**
 * Where an app serves /ready and /live, read from its health controller's @Controller()
 * path: the gateway's own (gateway/src/app/health.controller.ts) or the service kit's.
 */
export function healthBase(app: AppName): string {
  const file = app === 'gateway' ? 'gateway/src/app/health.controller.ts' : 'libs/service-kit/src/lib/health.controller.ts';
  if (!repoFileExists(file)) return '/health';
  const m = /@Controller\(\s*'([^']*)'\s*\)/.exec(readRepoFile(file));
  if (!m) throw new Error(`${file}: no @Controller('…') path`);
  return `/${m[1].replace(/^\/+|\/+$/g, '')}`;
}

/** Addresses that accept connections from other containers/pods. */
export const REACHABLE_HOSTS = ['0.0.0.0', '::', '[::]'];
