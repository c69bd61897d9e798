import { z } from 'zod';

/** Exit code for a configuration error (EX_CONFIG from sysexits.h). */
export const CONFIG_EXIT_CODE = 78;

export class ConfigError extends Error {
  constructor(public readonly problems: { setting: string; reason: string }[]) {
    super(
      `Invalid configuration: ${problems.map((p) => `${p.setting}: ${p.reason}`).join('; ')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment against a schema. Throws {@link ConfigError} naming every bad
 * setting. Values are never echoed back (they may be secrets).
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const problems = result.error.issues
    .map((issue) => ({ setting: issue.path.map(String).join('.') || '(root)', reason: issue.message }))
    // A setting refused by two production checks (its schema's and the generic one) is named once.
    .filter((p) => !seen.has(`${p.setting}\0${p.reason}`) && Boolean(seen.add(`${p.setting}\0${p.reason}`)));
  throw new ConfigError(problems);
}

/**
 * Like {@link parseConfig} but for process start-up: prints one line per bad setting on
 * stderr and exits at once with code 78, so a misconfigured service never half-starts.
 */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  try {
    return parseConfig(schema, env);
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) {
        process.stderr.write(
          JSON.stringify({ level: 'fatal', msg: 'invalid setting', setting: p.setting, reason: p.reason }) +
            '\n',
        );
      }
      process.exit(CONFIG_EXIT_CODE);
    }
    throw e;
  }
}
