import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClockTime, Weekday } from '@hybridmatch/domain';
import { clockTimeTransformer } from '../column-types';
import { TeachingRequest } from './teaching-request.entity';

/** One weekly lesson block of a teaching request (e.g. Thursday 13:00–16:00). */
@Entity('lesson_block')
@Check('ck_lesson_block_weekday', '"weekday" BETWEEN 1 AND 7')
@Check('ck_lesson_block_order', '"start_time" < "end_time"')
export class LessonBlock {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => TeachingRequest, (request) => request.blocks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: TeachingRequest;

  @Column({ type: 'smallint' })
  weekday: Weekday;

  @Column({ type: 'time', transformer: clockTimeTransformer })
  startTime: ClockTime;

  @Column({ type: 'time', transformer: clockTimeTransformer })
  endTime: ClockTime;
}
