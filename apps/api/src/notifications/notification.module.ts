import { Module } from '@nestjs/common';
import { NotificationController } from './notification.controller';
import { NotificationOutboxService } from './notification-outbox.service';
import { NotificationService } from './notification.service';

@Module({
  controllers: [NotificationController],
  providers: [NotificationService, NotificationOutboxService],
  exports: [NotificationOutboxService],
})
export class NotificationModule {}
