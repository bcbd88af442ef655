import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IndicatorsModule } from '@kernteam/indicators';
import { IndicatorSnapshot, Plan, PlanIndicatorValue, PlanNode, PlanNodeComment } from './plan.entity';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({
  imports: [TypeOrmModule.forFeature([Plan, PlanNode, PlanIndicatorValue, PlanNodeComment, IndicatorSnapshot]), IndicatorsModule],
  controllers: [PlansController],
  providers: [PlansService],
  exports: [PlansService],
})
export class PlansModule {}
