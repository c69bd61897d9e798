import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@delaktig/config';
import { PlatformModule } from '@delaktig/service-kit';
import { createPrisma } from '../prisma';
import { AuditConsumer } from './audit.consumer';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'audit', config, prisma: createPrisma(config.DATABASE_URL) })],
      controllers: [AuditController, AuditConsumer],
      providers: [AuditLog],
    };
  }
}
