import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contribution, Dossier, Subject } from './dossier.entity';
import { AwarenessService } from './awareness.service';
import { CaseworkController } from './casework.controller';
import { DossiersController } from './dossiers.controller';
import { ScreeningService } from './screening.service';
import { DossiersService } from './dossiers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Dossier, Subject, Contribution])],
  controllers: [DossiersController, CaseworkController],
  providers: [DossiersService, ScreeningService, AwarenessService],
  exports: [DossiersService, ScreeningService, AwarenessService],
})
export class DossiersModule {}
