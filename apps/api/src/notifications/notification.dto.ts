import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsISO8601, IsUUID } from 'class-validator';
import { IsOptionalButNotNull as Optional } from '../common/validators';
import { NotificationDeliveryStatus, NotificationKind } from '@hybridmatch/database';
import { PageMetaDto } from '../common/pagination';

export class NotificationDto {
  @ApiProperty({ example: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f' }) id: string;
  @ApiProperty({
    example: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
    nullable: true,
    type: String,
    description: 'Null for an e-mail to a teacher without a login (see recipientTeacherId)',
  })
  recipientUserId: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'A teacher without a login' })
  recipientTeacherId: string | null;
  @ApiProperty({ example: '5e6f7081-92a3-4b4c-8d5e-6f708192a3b4', nullable: true, type: String }) proposalId:
    string | null;
  @ApiProperty({ enum: NotificationKind, example: NotificationKind.ProposalNew }) kind: NotificationKind;
  @ApiProperty({ example: 'Nieuw voorstel: Praktijkles elektrotechniek / New proposal' }) subject: string;
  @ApiProperty({
    example: 'Hallo,\n\nEr is een nieuw voorstel: …\n\n--- English ---\n…',
    description: 'Plain text: Dutch, then English',
  })
  bodyText: string;
  @ApiProperty({
    enum: NotificationDeliveryStatus,
    example: NotificationDeliveryStatus.Pending,
    description: 'Of the email',
  })
  deliveryStatus: NotificationDeliveryStatus;
  @ApiProperty({ example: 0, description: 'Email delivery attempts so far' }) attempts: number;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'The last delivery error' })
  lastError: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time' }) sentAt: Date | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    format: 'date-time',
    description:
      'A failed email is sent again automatically at this time; null when no automatic retry is left',
  })
  nextAttemptAt: Date | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Null while unread',
  })
  readAt: Date | null;
  @ApiProperty({ example: '2026-09-01T08:30:00.000Z', type: String, format: 'date-time' }) createdAt: Date;
}

export class NotificationPageDto extends PageMetaDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ example: 3, description: 'How many of your notifications are unread (all pages)' })
  unread: number;
}

export class FailedNotificationPageDto extends PageMetaDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
}

/** Most notifications one resend may touch; a larger backlog takes several calls. */
export const MAX_RESEND = 1000;

export class ResendNotificationsDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f'],
    description: `These failed notifications (at most ${MAX_RESEND}). Give either ids or a filter.`,
  })
  @Optional()
  @IsArray({ message: 'must be a list of notification ids' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RESEND)
  @IsUUID('all', { each: true, message: 'must be notification ids (UUIDs)' })
  ids?: string[];

  @ApiPropertyOptional({
    enum: NotificationKind,
    isArray: true,
    example: [NotificationKind.ProposalNew],
    description: 'Filter: failed notifications of these kinds',
  })
  @Optional()
  @IsArray({ message: 'must be a list of notification kinds' })
  @ArrayMaxSize(Object.values(NotificationKind).length)
  @IsEnum(NotificationKind, {
    each: true,
    message: `must be notification kinds: ${Object.values(NotificationKind).join(', ')}`,
  })
  kinds?: NotificationKind[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2026-09-01T00:00:00Z',
    description: 'Filter: failed notifications created at or after this instant',
  })
  @Optional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  createdFrom?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2026-09-02T00:00:00Z',
    description: 'Filter: failed notifications created before this instant',
  })
  @Optional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  createdBefore?: string;
}

export class ResendResultDto {
  @ApiProperty({
    type: [String],
    example: ['9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f'],
    description:
      'The notifications queued for sending again (same Message-ID). Ids that are not failed, or not yours to see, are left out.',
  })
  resent: string[];
  @ApiProperty({ example: 1 }) count: number;
}
