import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@kernteam/http';

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: unread only; false: read only; absent: all, unread first.' })
  @IsOptional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
}
