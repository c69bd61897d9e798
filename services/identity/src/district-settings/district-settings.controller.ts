import { Body, Controller, Get, Put } from '@nestjs/common';
import { CorrelationId, CurrentIdentity, type Identity, Roles } from '@delaktig/service-kit';
import { DistrictSettingsService } from './district-settings.service';

/** Internal HTTP of district settings; the gateway forwards with the verified caller. */
@Controller('internal/v1/district-settings')
export class DistrictSettingsController {
  constructor(private readonly settings: DistrictSettingsService) {}

  @Get()
  @Roles('caseworker', 'unit-lead', 'district-admin', 'central-analyst', 'auditor')
  get(@CurrentIdentity() who: Identity) {
    return this.settings.get(who);
  }

  @Put()
  @Roles('district-admin')
  update(@CurrentIdentity() who: Identity, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.settings.update(who, body, correlationId);
  }
}
