/**
 * A real kustomize for the deployment tests: `kubectl kustomize` (kustomize v5 is built into
 * kubectl ≥ 1.27), else a `kustomize` v5 binary. (Debian 12's kubernetes-client is 1.20, too old.)
 * Never skipped: without one the tests fail and say what to install.
 */
import { spawnSync } from 'node:child_process';
import { repoPath } from './support';

type Tool = { cmd: string; args: string[] };

function probe(cmd: string, args: string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? `${r.stdout}${r.stderr}` : undefined;
}

/** Kustomize v5 (labels:, patches: with multi-document files) is what the overlays need. */
function kubectlIsRecent(out: string): boolean {
  const k = /Kustomize Version: v(\d+)/.exec(out);
  if (k) return Number(k[1]) >= 5;
  const m = /Client Version: v?1\.(\d+)/.exec(out) ?? /GitVersion:"v1\.(\d+)/.exec(out);
  return Boolean(m && Number(m[1]) >= 27);
}

let found: Tool | undefined;

export function kustomizeTool(): Tool {
  if (found) return found;
  const tryKubectl = () => {
    const out = probe('kubectl', ['version', '--client']);
    return out && kubectlIsRecent(out) ? { cmd: 'kubectl', args: ['kustomize'] } : undefined;
  };
  const tryKustomize = () => {
    const out = probe('kustomize', ['version']);
    return out && /v?5\./.test(out) ? { cmd: 'kustomize', args: ['build'] } : undefined;
  };
  found = tryKubectl() ?? tryKustomize();
  if (!found) {
    throw new Error(
      'No kustomize v5 found: install kubectl ≥ 1.27 (it has `kubectl kustomize`) or kustomize v5 on PATH. The deployment tests never skip rendering.',
    );
  }
  return found;
}

/** `kustomize build <dir>` as YAML text; throws with kustomize's message on any error. */
export function kustomizeBuild(dir: string): string {
  const tool = kustomizeTool();
  const r = spawnSync(tool.cmd, [...tool.args, repoPath(dir)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${tool.cmd} ${tool.args.join(' ')} ${dir} failed: ${r.stderr}`);
  return r.stdout;
}
