import { LessonCancellationKind, LessonStatus } from '@hybridmatch/domain';
import { FeedbackParty } from '@hybridmatch/database';
import { PageRequest } from '../pagination';
import { LessonAddress } from '../repositories/lesson.repository';

// What the lesson services take and give. The API's DTO classes implement these.

export interface LessonView {
  id: string;
  placementId: string;
  lessonBlockId: string;
  teacherId: string;
  schoolId: string;
  companyId: string;
  regionId: string;
  /** The Amsterdam date the block was planned on. */
  date: string;
  startsAt: Date;
  endsAt: Date;
  status: LessonStatus;
  sequence: number;
  cancellationKind: LessonCancellationKind | null;
  cancellationReason: string | null;
  cancelledAt: Date | null;
  lateCancellation: boolean;
  outcomeRecordedAt: Date | null;
  /** Teacher, company, school and request by name: every party of the lesson may see them. */
  names: LessonNames;
  /** Where the lesson is given, so a teacher's week needs no lookup per school. */
  address: LessonAddress | null;
}

export interface LessonNames {
  teacherName: string;
  companyName: string;
  schoolName: string;
  requestTitle: string;
}

export interface ListLessonsQuery extends PageRequest {
  from?: string;
  to?: string;
  placementId?: string;
  teacherId?: string;
  schoolId?: string;
  status?: LessonStatus;
  lateCancellation?: boolean;
}

export interface CancelLesson {
  reason: string;
  /** A coordinator or platform admin says for whom they cancel (default: the school). */
  onBehalfOf?: 'school' | 'company';
}

/** A new time in Amsterdam wall-clock terms. */
export interface MoveLesson {
  date: string;
  startTime: string;
  endTime: string;
  reason?: string;
}

export interface ReportSick {
  note?: string;
}

export interface RecordOutcome {
  given: boolean;
}

export interface GiveFeedback {
  rating: number;
  comment: string;
}

export interface FeedbackView {
  id: string;
  lessonId: string;
  lessonStartsAt: Date;
  party: FeedbackParty;
  rating: number;
  comment: string;
  createdAt: Date;
}

export interface CheckInView {
  id: string;
  placementId: string;
  dueDate: string;
  completedAt: Date | null;
  notes: string | null;
}

export interface CompleteCheckIn {
  notes?: string;
}

export interface EndPlacement {
  endDate: string;
  reason: string;
}

export interface ReminderSettingView {
  organisationId: string;
  leadMinutes: number;
}
