import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { MailerService } from './mailer.service';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  controllers: [NotificationsController, DeliveriesController],
  providers: [NotificationsService, MailerService, DeliveriesService],
  exports: [NotificationsService, MailerService, DeliveriesService],
})
export class NotificationsModule {}
