import { Module } from '@nestjs/common';
import { SubjectController } from './subject.controller';
import { TeacherController } from './teacher.controller';
import { TeacherService } from './teacher.service';

@Module({
  controllers: [TeacherController, SubjectController],
  providers: [TeacherService],
  exports: [TeacherService],
})
export class TeacherModule {}
