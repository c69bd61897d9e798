import { Logger } from '@nestjs/common';
import { createServer, type Server } from 'node:net';
import { RateLimitStore } from './rate-limit-store';

/** A port where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const hit = (store: RateLimitStore, key = 'k') => store.increment(key, 60_000, 2, 60_000, 'default');

describe('RateLimitStore', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('without REDIS_URL counts in memory and blocks after the limit', async () => {
    const store = new RateLimitStore({ keyPrefix: 'test:' });
    store.onApplicationBootstrap();
    expect(store.state()).toBe('memory');
    expect((await hit(store)).isBlocked).toBe(false);
    expect((await hit(store)).isBlocked).toBe(false);
    const third = await hit(store);
    expect(third).toMatchObject({ isBlocked: true, totalHits: 3 });
    expect(third.timeToBlockExpire).toBeGreaterThan(0);
    expect((await hit(store, 'other')).isBlocked).toBe(false);
    expect(await store.ping()).toBeUndefined();
    await store.onApplicationShutdown();
  });

  it('with Redis unreachable counts in memory (never throws), says so, and warns once', async () => {
    const store = new RateLimitStore({ redisUrl: `redis://127.0.0.1:${await closedPort()}/0`, keyPrefix: 'test:' });
    store.onApplicationBootstrap();
    try {
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await hit(store));
      expect(results.map((r) => r.isBlocked)).toEqual([false, false, true]);
      expect(store.state()).toBe('memory-fallback');
      expect(await store.ping()).toBe('down');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][1])).toMatch(/unreachable/);
    } finally {
      await store.onApplicationShutdown();
    }
  });
});
