import { Controller, HttpCode, Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown, Post } from '@nestjs/common';
import { CENTRAL_OFFICE, type EventDefinition } from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { randomUUID } from 'node:crypto';
import { CurrentIdentity, Roles, type Identity } from './identity';

/** One thing retention erased: a kind of data of one invitation. */
export interface ErasedRow {
  invitation_id: string;
  district_id: string;
  kind: string;
}

export type RetentionTx = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>; $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T> };

/**
 * Retention (gallring, ADR 0019), the part every service shares: one run at a time across
 * instances (a transaction-scoped advisory lock per service), batches until nothing is left,
 * and one erased-event per invitation in the same transaction as the deletion — so the audit
 * log records exactly what was erased, and nothing is erased without it.
 */
export class RetentionRunner {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly opts: {
      service: string;
      lockKey: number;
      intervalMinutes: number;
      transaction: <T>(f: (tx: RetentionTx) => Promise<T>) => Promise<T>;
      /** Erases one batch of what expired before `now`; returns what it erased (empty when done). */
      batch: (tx: RetentionTx, now: Date) => Promise<ErasedRow[]>;
      event: EventDefinition;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.run()
        .catch((e: Error) => this.logger.warn({ err: e.message }, 'retention run failed; retrying next time'))
        .finally(() => (this.running = undefined));
    }, this.opts.intervalMinutes * 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Erases everything past its retention at `now`; returns the count per kind. */
  async run(now = new Date()): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (let round = 0; round < 1000; round++) {
      const rows = await this.opts.transaction(async (tx) => {
        const [{ locked }] = await tx.$queryRawUnsafe<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', this.opts.lockKey);
        if (!locked) return [];
        const erased = await this.opts.batch(tx, now);
        const byInvitation = new Map<string, { districtId: string; kinds: Set<string> }>();
        for (const r of erased) {
          const e = byInvitation.get(r.invitation_id) ?? byInvitation.set(r.invitation_id, { districtId: r.district_id, kinds: new Set() }).get(r.invitation_id)!;
          e.kinds.add(r.kind);
        }
        const correlationId = randomUUID();
        await addToOutbox(
          tx,
          [...byInvitation].map(([invitationId, e]) =>
            outboxEntry(this.opts.event, { invitationId, districtId: e.districtId, erased: [...e.kinds].sort(), at: now.toISOString() } as never, {
              key: invitationId,
              source: this.opts.service,
              correlationId,
              occurredAt: new Date(),
            }),
          ),
        );
        return erased;
      });
      if (rows.length === 0) break;
      for (const r of rows) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    }
    if (Object.keys(counts).length) this.logger.log({ erased: counts }, 'retention erased data past its retention period');
    return counts;
  }
}

/**
 * A service's scheduled retention: started and stopped with the application; the subclass says
 * what one batch erases (and the runner's lock key, interval and event).
 */
export abstract class ScheduledRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly runner: RetentionRunner;

  protected constructor(opts: Omit<ConstructorParameters<typeof RetentionRunner>[0], 'batch' | 'transaction'> & { prisma: { $transaction<T>(f: (tx: RetentionTx) => Promise<T>): Promise<T> } }) {
    const { prisma, ...rest } = opts;
    this.runner = new RetentionRunner({ ...rest, transaction: (f) => prisma.$transaction((tx) => f(tx)), batch: (tx, now) => this.batch(tx, now) });
  }

  /** Erases one batch of what expired before `now`; returns what it erased (empty when done). */
  protected abstract batch(tx: RetentionTx, now: Date): Promise<ErasedRow[]>;

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.runner.stop();
  }
}

/** The service's RetentionRunner, for {@link RetentionController}. */
export const RETENTION_RUNNER = Symbol('RETENTION_RUNNER');

/** Runs retention now (operators, tests): the central office's admin only. Not routed by the gateway. */
@Controller('internal/v1/retention')
export class RetentionController {
  constructor(@Inject(RETENTION_RUNNER) private readonly runner: RetentionRunner) {}

  @Post('run')
  @HttpCode(200)
  @Roles('district-admin')
  async run(@CurrentIdentity() who: Identity): Promise<{ erased: Record<string, number> }> {
    if (who.districtId !== CENTRAL_OFFICE) throw new AppError('FORBIDDEN', 'Only the central office runs retention.');
    return { erased: await this.runner.run() };
  }
}
