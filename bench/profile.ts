import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
