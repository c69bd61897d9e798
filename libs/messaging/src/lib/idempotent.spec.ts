import type { EventEnvelope } from '@delaktig/contracts';
import { processOnce } from './idempotent';
import type { SqlExecutor, TransactionRunner } from './db';

/** A stand-in for PostgreSQL's processed_event table: INSERT … ON CONFLICT DO NOTHING RETURNING. */
function fakeDb() {
  const processed = new Set<string>();
  let committed = new Set<string>();
  const tx: SqlExecutor = {
    $executeRawUnsafe: async () => 0,
    $queryRawUnsafe: async <T>(_q: string, consumer: unknown, ids: unknown) => {
      const fresh = (ids as string[]).filter((id) => !processed.has(`${consumer}:${id}`));
      fresh.forEach((id) => processed.add(`${consumer}:${id}`));
      return fresh.map((event_id) => ({ event_id })) as T;
    },
  };
  const db: TransactionRunner<SqlExecutor> = {
    async $transaction(fn) {
      const before = new Set(processed);
      try {
        const r = await fn(tx);
        committed = new Set(processed);
        return r;
      } catch (e) {
        processed.clear();
        before.forEach((k) => processed.add(k)); // rollback
        throw e;
      }
    },
  };
  return { db, committed: () => committed };
}

const evt = (id: string) => ({ id }) as EventEnvelope;

describe('processOnce', () => {
  it('applies each event once, also when it is delivered again later or twice in one batch', async () => {
    const { db } = fakeDb();
    const applied: string[] = [];
    const effect = async (_tx: SqlExecutor, fresh: EventEnvelope[]) => {
      applied.push(...fresh.map((e) => e.id));
    };
    await processOnce(db, 'stats', [evt('a'), evt('b'), evt('a')], effect);
    const second = await processOnce(db, 'stats', [evt('b'), evt('c')], effect);
    expect(applied).toEqual(['a', 'b', 'c']);
    expect(second).toEqual({ processed: 1, duplicates: 1 });
  });

  it('keeps consumers apart: another consumer still gets the event', async () => {
    const { db } = fakeDb();
    const seen: string[] = [];
    await processOnce(db, 'stats', [evt('a')], async () => undefined);
    await processOnce(db, 'audit', [evt('a')], async (_tx, fresh) => {
      seen.push(...fresh.map((e) => e.id));
    });
    expect(seen).toEqual(['a']);
  });

  it('records nothing when the effect fails, so the retry applies the event', async () => {
    const { db } = fakeDb();
    await expect(
      processOnce(db, 'stats', [evt('a')], async () => {
        throw new Error('database restarting');
      }),
    ).rejects.toThrow('database restarting');
    const applied: string[] = [];
    await processOnce(db, 'stats', [evt('a')], async (_tx, fresh) => {
      applied.push(...fresh.map((e) => e.id));
    });
    expect(applied).toEqual(['a']);
  });
});
