import { Module } from '@nestjs/common';
import { TeachingRequestController } from './teaching-request.controller';
import { TeachingRequestService } from './teaching-request.service';

@Module({
  controllers: [TeachingRequestController],
  providers: [TeachingRequestService],
  exports: [TeachingRequestService],
})
export class TeachingRequestModule {}
