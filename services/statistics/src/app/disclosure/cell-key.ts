import { createHmac } from 'node:crypto';
import { STATISTICS_PROTECTION, type StatisticsCell } from '@delaktig/contracts';

/**
 * The cell-key method (ADR 0011), as Statistics Sweden publishes population tables since 2025
 * and the ABS TableBuilder before it:
 * - every counted record (an invitation, and its response) has a persistent record key in
 *   [0, 2^32): an HMAC of its id under a secret, so a rebuild gives the same keys;
 * - a published cell's key is the sum of its records' keys modulo 2^32 — the same records give
 *   the same cell key, whichever kept counts the cell is assembled from;
 * - the published value is the true count plus a perturbation looked up from (count, cell key)
 *   in a fixed table: unbiased, at most ±2, and never negative. Published values 1–4 are then
 *   shown as "<5".
 * Totals and margins are cells of their own (never sums of published cells), so subtracting
 * published numbers yields the hidden one plus the sum of several unknown perturbations; asking
 * again gives the same numbers, so averaging repeated answers gains nothing.
 */
export const KEY_SPACE = 2 ** 32;

export function recordKey(secret: string, invitationId: string): number {
  return createHmac('sha256', secret).update(`record:${invitationId.toLowerCase()}`).digest().readUInt32BE(0);
}

/** Perturbation tables: for a true count, the possible published values and their probabilities. */
const ROWS: Record<number, { values: number[]; p: number[] }> = {
  1: { values: [0, 1, 2, 3], p: [0.4, 0.3, 0.2, 0.1] },
  2: { values: [0, 1, 2, 3, 4], p: [0.1, 0.2, 0.4, 0.2, 0.1] },
};
const GENERAL = { offsets: [-2, -1, 0, 1, 2], p: [0.1, 0.2, 0.4, 0.2, 0.1] };

function pick<T>(values: T[], p: number[], u: number): T {
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += p[i];
    if (u < acc) return values[i];
  }
  return values[values.length - 1];
}

/** The published value of a cell with `n` records whose keys sum to `keySum` (mod 2^32). */
export function perturb(n: number, keySum: number | bigint | string): number {
  if (n <= 0) return 0;
  const k = Number(BigInt(keySum) % BigInt(KEY_SPACE));
  // Mix the count into the cell key, so cells of the same records with another count (e.g. a
  // rebuilt or moved count) do not share the same row position.
  const u = ((k + Math.imul(n, 0x9e3779b1) >>> 0) % KEY_SPACE) / KEY_SPACE;
  const row = ROWS[n];
  if (row) return pick(row.values, row.p, u);
  return n + pick(GENERAL.offsets, GENERAL.p, u);
}

/** What is published for a cell: 0, "<5" or the perturbed count. */
export function publish(n: number, keySum: number | bigint | string): StatisticsCell {
  const v = perturb(n, keySum);
  return v > 0 && v < STATISTICS_PROTECTION.threshold ? '<5' : v;
}

/** A kept count being assembled from parts: counts add, keys add modulo 2^32. */
export class CellSum {
  n = 0;
  private k = 0n;
  add(n: number, keySum: number | bigint | string): this {
    this.n += Number(n);
    this.k = (this.k + BigInt(keySum)) % BigInt(KEY_SPACE);
    return this;
  }
  get keySum(): bigint {
    return this.k;
  }
  publish(): StatisticsCell {
    return publish(this.n, this.k);
  }
}

export const PROTECTION = { ...STATISTICS_PROTECTION } as { method: 'cell-key'; threshold: number; maxDeviation: number };
