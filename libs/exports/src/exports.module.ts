import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IndicatorsModule } from '@kernteam/indicators';
import { PlansModule } from '@kernteam/plans';
import { EvaluationReportService } from './evaluation-report';
import { EvaluationReportController } from './evaluation-report.controller';
import { ExportRecord } from './export.entity';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({
  imports: [TypeOrmModule.forFeature([ExportRecord]), IndicatorsModule, PlansModule],
  controllers: [ExportsController, EvaluationReportController],
  providers: [ExportsService, EvaluationReportService],
  exports: [ExportsService],
})
export class ExportsModule {}
