import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '@kernteam/agreements';
import { DossiersModule } from '@kernteam/dossiers';
import { AgendaItem, Endorsement, Meeting } from './meeting.entity';
import { MeetingEvents } from './meeting-events.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { MinutesService } from './minutes.service';

@Module({
  imports: [TypeOrmModule.forFeature([Meeting, AgendaItem, Endorsement]), DossiersModule, AgreementsModule],
  controllers: [MeetingsController],
  providers: [MeetingsService, MinutesService, MeetingEvents],
  exports: [MeetingsService, MeetingEvents],
})
export class MeetingsModule {}
