import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { StaffInviteService } from './staff-invites';
import { SubjectController } from './subject.controller';
import { TeacherController } from './teacher.controller';
import { TeacherService } from './teacher.service';

@Module({
  imports: [AuthModule],
  controllers: [TeacherController, SubjectController],
  providers: [TeacherService, StaffInviteService],
  exports: [TeacherService],
})
export class TeacherModule {}
