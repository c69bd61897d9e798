import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@delaktig/config';
import { PlatformModule } from '@delaktig/service-kit';
import { createPrisma } from '../prisma';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'responses', config, prisma: createPrisma(config.DATABASE_URL) })],
    };
  }
}
