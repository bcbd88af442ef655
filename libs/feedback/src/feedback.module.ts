import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DossiersModule } from '@kernteam/dossiers';
import { FeedbackSheet, FeedbackSheetApproval } from './feedback-sheet.entity';
import { FeedbackSheetsController } from './feedback-sheets.controller';
import { FeedbackSheetsService } from './feedback-sheets.service';

@Module({
  imports: [TypeOrmModule.forFeature([FeedbackSheet, FeedbackSheetApproval]), DossiersModule],
  controllers: [FeedbackSheetsController],
  providers: [FeedbackSheetsService],
})
export class FeedbackModule {}
