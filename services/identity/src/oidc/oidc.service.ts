import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IdentityConfig } from '@delaktig/config';
import { PRISMA } from '@delaktig/service-kit';
import { createLogger } from '@delaktig/telemetry';
import type { Express } from 'express';
import type { PrismaClient } from '../generated/prisma/client';
import { StaffRegistry } from '../staff/staff-registry.service';
import { IDENTITY_CONFIG } from '../tokens';
import { sweepExpired } from './adapter';
import { loadSigningKeys } from './keys';
import { createOidcProvider, issuerOf, OIDC_MOUNT, type OidcProvider } from './provider';

const SWEEP_INTERVAL_MS = 5 * 60_000;

/** Creates the OpenID Connect provider and mounts it at /oidc on the service's express app. */
@Injectable()
export class OidcService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = createLogger('identity').child({ component: 'oidc' });
  private instance: OidcProvider | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly registry: StaffRegistry,
  ) {}

  get provider(): OidcProvider {
    if (!this.instance) throw new Error('OpenID Connect provider not started');
    return this.instance;
  }

  async onModuleInit(): Promise<void> {
    const keys = await loadSigningKeys(this.prisma, this.config.OIDC_SIGNING_KEY);
    this.instance = await createOidcProvider({ config: this.config, prisma: this.prisma, registry: this.registry, keys });
    this.instance.on('server_error', (_ctx: unknown, err: Error) => this.log.error({ err: err.message }, 'OpenID Connect provider error'));
    const app = this.adapterHost.httpAdapter?.getInstance<Express>();
    if (app) {
      if (this.config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', this.config.TRUST_PROXY_HOPS);
      // After Nest's routes (the BankID login pages under /oidc/interaction), before its 404 handler.
      app.use(OIDC_MOUNT, this.instance.callback());
    }
    this.sweeper = setInterval(() => {
      sweepExpired(this.prisma).catch((err: Error) => this.log.warn({ err: err.message }, 'sweeping expired login data failed'));
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
    this.log.info({ issuer: issuerOf(this.config), keys: keys.length }, 'OpenID Connect provider mounted');
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
