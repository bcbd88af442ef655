import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DossiersModule } from '@kernteam/dossiers';
import { Agreement } from './agreement.entity';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';

@Module({
  // Closing a dossier lapses its open agreements: this module registers that with the dossiers service.
  imports: [TypeOrmModule.forFeature([Agreement]), DossiersModule],
  controllers: [AgreementsController],
  providers: [AgreementsService],
  exports: [AgreementsService],
})
export class AgreementsModule {}
