import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal content always has equal bytes (and hash). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** SHA-256 (hex) of the canonical JSON of a questionnaire's content. */
export function contentSha256(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
