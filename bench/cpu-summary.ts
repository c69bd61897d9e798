/**
 * Summarises V8 .cpuprofile files (from bench/cpu-profiler.cjs) by where the time is spent:
 * self time per package (node_modules/<pkg>), Node's own internals (node:<module>), our code
 * (per library or service), the garbage collector and V8's own work; idle time is left out.
 *   npx ts-node --transpile-only bench/cpu-summary.ts [--requests N] [--top K] file.cpuprofile...
 * With --requests, also prints CPU milliseconds per request.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface CallFrame { functionName: string; url: string }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** The bucket a frame's self time is counted under. */
export function bucketOf(frame: CallFrame): string | null {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return null;
  if (functionName === '(garbage collector)') return 'V8: garbage collector';
  if (functionName === '(program)') return 'V8: (program) — compiler, IC, native glue';
  if (!url) return `native: ${functionName || '(anonymous)'}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `npm: ${rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  const ours = /\/(libs|services|gateway)\/([\w-]+)?/.exec(url) ?? /\/dist\/(services\/)?([\w-]+)/.exec(url);
  if (ours) return `ours: ${ours[2] ?? ours[1]}`;
  return `other: ${basename(url)}`;
}

/** Self time (µs) per bucket, and the busy total. */
export function summarise(profile: CpuProfile): { buckets: Map<string, number>; busyUs: number; wallUs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const buckets = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(id);
    const b = node ? bucketOf(node.callFrame) : null;
    if (!b) return;
    busyUs += dt;
    buckets.set(b, (buckets.get(b) ?? 0) + dt);
  });
  return { buckets, busyUs, wallUs: profile.endTime - profile.startTime };
}

function main() {
  const args = process.argv.slice(2);
  const opt = (k: string) => {
    const i = args.indexOf(k);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const requests = Number(opt('--requests') ?? 0);
  const top = Number(opt('--top') ?? 12);
  for (const file of args) {
    const { buckets, busyUs, wallUs } = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    const perReq = (us: number) => (requests ? ` ${(us / 1000 / requests).toFixed(3).padStart(7)} ms/req` : '');
    console.log(`\n${basename(file)}: busy ${(busyUs / 1e6).toFixed(2)} s of ${(wallUs / 1e6).toFixed(2)} s (${((100 * busyUs) / wallUs).toFixed(0)}% of one core)${perReq(busyUs)}`);
    for (const [b, us] of [...buckets].sort((a, c) => c[1] - a[1]).slice(0, top)) {
      console.log(`  ${((100 * us) / busyUs).toFixed(1).padStart(5)}%${perReq(us)}  ${b}`);
    }
  }
}

if (require.main === module) main();
