import { Module } from '@nestjs/common';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';
import { TenantsService } from './tenants.service';

@Module({ controllers: [SettingsController], providers: [TenantsService, SettingsService], exports: [TenantsService, SettingsService] })
export class TenantsModule {}
