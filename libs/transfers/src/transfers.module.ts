import { Module } from '@nestjs/common';
import { DossiersModule } from '@kernteam/dossiers';
import { MatchService } from './match.service';
import { MatchQueriesController, TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

@Module({
  imports: [DossiersModule],
  controllers: [TransfersController, MatchQueriesController],
  providers: [TransfersService, MatchService],
  exports: [TransfersService, MatchService],
})
export class TransfersModule {}
