import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Partner } from './partner.entity';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

@Module({ imports: [TypeOrmModule.forFeature([Partner])], controllers: [PartnersController], providers: [PartnersService], exports: [PartnersService] })
export class PartnersModule {}
