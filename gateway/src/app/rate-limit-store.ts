import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Where the counters are: Redis, one process's memory, or memory because Redis is unreachable. */
export type RateLimitStoreState = 'redis' | 'memory' | 'memory-fallback';

/** A request never waits longer than this for Redis before it is counted in memory instead. */
const COMMAND_TIMEOUT_MS = 500;
/** After a failed command, requests are counted in memory for this long before Redis is tried again. */
const RETRY_AFTER_FAILURE_MS = 1_000;

/**
 * The rate limiter's counters (ADR 0020). With REDIS_URL they live in Redis, shared by every
 * gateway replica: @nest-lab/throttler-storage-redis counts with one Lua script per request
 * (INCR + PEXPIRE + block key, atomic), so N replicas allow the limit once, not N times.
 *
 * When Redis is unreachable or slow (no answer within COMMAND_TIMEOUT_MS) the request is counted
 * in this process's memory instead (fail open, per replica: still limited, but N replicas then
 * allow up to N times the limit). One warning is logged when Redis is lost and one line when it
 * is back; /api/health/ready reports `rateLimitStore` and /api/health/services reports Redis,
 * but the gateway stays ready: a Redis outage must not take every replica out of rotation, and
 * no request fails because of it.
 */
export class RateLimitStore implements ThrottlerStorage, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimitStore');
  private readonly memory = new ThrottlerStorageService();
  private readonly redis?: Redis;
  private readonly shared?: ThrottlerStorageRedisService;
  /** Redis answered the last command (or the connection became ready since). */
  private reachable = false;
  /** Redis has been lost (and warned about) since it was last reachable. */
  private warned = false;
  private skipRedisUntil = 0;
  private closed = false;

  constructor(options: { redisUrl?: string; keyPrefix: string }) {
    if (!options.redisUrl) return;
    this.redis = new Redis(options.redisUrl, {
      keyPrefix: options.keyPrefix,
      // Fail at once rather than queue while disconnected: the request is counted in memory.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 5_000,
      // Connected once the application has started (onApplicationBootstrap), not while it loads.
      lazyConnect: true,
      // Reconnect for ever, at most every 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on('ready', () => this.up());
    this.redis.on('error', (e: Error) => this.down(e));
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  state(): RateLimitStoreState {
    if (!this.shared) return 'memory';
    return this.reachable ? 'redis' : 'memory-fallback';
  }

  /** For /api/health/services: whether Redis answers now (undefined without REDIS_URL). */
  async ping(): Promise<'up' | 'down' | undefined> {
    if (!this.redis) return undefined;
    try {
      await this.redis.ping();
      this.up();
      return 'up';
    } catch (e) {
      this.down(e as Error);
      return 'down';
    }
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.shared && Date.now() >= this.skipRedisUntil) {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
        this.up();
        return record;
      } catch (e) {
        this.skipRedisUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
        this.down(e as Error);
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationBootstrap(): void {
    // A failure is reported by the 'error' event; ioredis then keeps reconnecting.
    if (this.redis?.status === 'wait') this.redis.connect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.memory.onApplicationShutdown();
    this.redis?.disconnect(false);
  }

  private up(): void {
    if (this.reachable) return;
    this.reachable = true;
    this.skipRedisUntil = 0;
    if (this.warned) this.logger.log('rate-limit store reachable again: counting in Redis, shared by every replica');
    this.warned = false;
  }

  private down(e: Error): void {
    if (this.closed) return;
    this.reachable = false;
    if (this.warned) return;
    this.warned = true;
    this.logger.warn({ err: e.message }, 'rate-limit store (REDIS_URL) unreachable: counting in this process only until it is back (each replica allows the full limit)');
  }
}
