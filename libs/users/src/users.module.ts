import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@kernteam/notifications';
import { AccountLinksService } from './account-links.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { GrantRequestsController } from './grant-requests.controller';
import { GrantRequestsService } from './grant-requests.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), NotificationsModule],
  controllers: [UsersController, GrantRequestsController],
  providers: [UsersService, AccountLinksService, GrantRequestsService],
  exports: [UsersService, AccountLinksService],
})
export class UsersModule {}
