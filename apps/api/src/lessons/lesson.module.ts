import { Module } from '@nestjs/common';
import { LessonController } from './lesson.controller';

/** HTTP for lessons, feedback, check-ins and reminder settings; the rules are `LessonService` in `@hybridmatch/core`. */
@Module({ controllers: [LessonController] })
export class LessonModule {}
