import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClockTime, Weekday } from '@hybridmatch/domain';
import { clockTimeTransformer } from '../column-types';
import { TeacherProfile } from './teacher-profile.entity';

/** A weekly window in which a hybrid teacher can teach (e.g. Tuesday 08:30–16:30). */
@Entity('teacher_availability_window')
@Check('ck_teacher_window_weekday', '"weekday" BETWEEN 1 AND 7')
@Check('ck_teacher_window_order', '"start_time" < "end_time"')
export class TeacherAvailabilityWindow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  teacherId: string;

  @ManyToOne(() => TeacherProfile, (teacher) => teacher.windows, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: TeacherProfile;

  @Column({ type: 'smallint' })
  weekday: Weekday;

  @Column({ type: 'time', transformer: clockTimeTransformer })
  startTime: ClockTime;

  @Column({ type: 'time', transformer: clockTimeTransformer })
  endTime: ClockTime;
}
