import { Module } from '@nestjs/common';
import { DistrictSettingsController } from './district-settings.controller';
import { DistrictSettingsService } from './district-settings.service';

/** What each district has turned on (BankID for young people), read by all its staff, changed by its admin. */
@Module({ controllers: [DistrictSettingsController], providers: [DistrictSettingsService] })
export class DistrictSettingsModule {}
