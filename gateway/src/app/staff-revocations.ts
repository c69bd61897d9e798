import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ServiceClient } from './service-client';

export const REVOCATION_POLL_MS = Symbol('REVOCATION_POLL_MS');

/**
 * Staff whose accounts a district admin has deactivated (identity's list, polled every
 * STAFF_REVOCATION_POLL_SECONDS). Keycloak ends their sessions at once, but an access token it
 * issued before stays valid until it expires; the gateway refuses such tokens by this list.
 * If identity cannot be asked, the last list stays in force.
 */
@Injectable()
export class StaffRevocations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StaffRevocations');
  private deactivated = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly services: ServiceClient,
    @Inject(REVOCATION_POLL_MS) private readonly pollMs: number,
  ) {}

  onApplicationBootstrap(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Asks identity for the current list; keeps the last one when it does not answer. */
  async refresh(): Promise<void> {
    try {
      const r = await this.services.call<{ items: { subject: string }[] }>('identity', 'GET', '/internal/v1/staff-revocations', { correlationId: randomUUID() });
      this.replace(r.body.items.map((i) => i.subject));
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'deactivated staff could not be read; the last list stays in force');
    }
  }

  replace(subjects: Iterable<string>): void {
    this.deactivated = new Set(subjects);
  }

  /** True when the subject's account is deactivated (any token of theirs is refused). */
  isRevoked(subject: string): boolean {
    return this.deactivated.has(subject);
  }
}
