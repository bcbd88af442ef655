import { Module } from '@nestjs/common';
import { DossiersModule } from '@kernteam/dossiers';
import { RetentionService } from './retention.service';

@Module({ imports: [DossiersModule], providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}
