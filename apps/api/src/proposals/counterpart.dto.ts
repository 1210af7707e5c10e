import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CounterpartView } from '@hybridmatch/core';
import { VogVerificationStatus } from '@hybridmatch/domain';

const SEEN_BY = 'Absent when your role may not see it (docs/ARCHITECTURE.md, counterpart views)';

class SkillDto {
  @ApiProperty({ example: 'elektrotechniek' }) subjectCode: string;
  @ApiProperty({ example: 'MBO3' }) level: string;
}

class VogSchoolCheckDto {
  @ApiProperty({ enum: VogVerificationStatus, example: VogVerificationStatus.Verified }) status: string;
  @ApiProperty({
    example: '2026-08-01',
    nullable: true,
    type: String,
    description: 'The issue date printed on the VOG the school saw',
  })
  issuedOn: string | null;
  @ApiProperty({ example: 'Petra de Vries', nullable: true, type: String }) verifiedBy: string | null;
  @ApiProperty({ example: '2026-09-02T10:15:00.000Z' }) verifiedAt: string;
}

class VogStatusDto {
  @ApiProperty({ example: true, description: 'Verified by the company or a coordinator' }) verified: boolean;
  @ApiProperty({
    example: '2026-08-01',
    nullable: true,
    type: String,
    description: 'The issue date the company recorded',
  })
  issuedOn: string | null;
  @ApiProperty({
    type: VogSchoolCheckDto,
    nullable: true,
    description: "The school's latest check of this VOG for this proposal (history: GET …/vog-verifications)",
  })
  schoolCheck: VogSchoolCheckDto | null;
}

class CounterpartTeacherDto {
  @ApiPropertyOptional({ example: 'Sanne Jansen' }) name?: string;
  @ApiPropertyOptional({ example: 'Installatiebedrijf Noord BV' }) companyName?: string;
  @ApiPropertyOptional({ example: 'pdg_in_progress' }) qualification?: string;
  @ApiPropertyOptional({ type: [SkillDto], description: "The teacher's skills in the request's subject" })
  relevantSkills?: SkillDto[];
  @ApiPropertyOptional({ type: VogStatusDto, description: 'Status and date only, never a document' })
  vog?: VogStatusDto;
  @ApiPropertyOptional({ example: 12.4, description: 'Home to the lesson location, as the crow flies' })
  travelKm?: number;
  @ApiPropertyOptional({
    example: 's.jansen@example.nl',
    nullable: true,
    type: String,
    description: 'Schools see it only once placed',
  })
  email?: string | null;
  @ApiPropertyOptional({ example: 'Utrecht', description: 'Never shown to schools' }) homeCity?: string;
}

/** A school location's address (the counterpart views and the lessons show it). */
export class AddressDto {
  @ApiProperty({ example: 'Hoofdlocatie' }) locationName: string;
  @ApiProperty({ example: 'Stationsplein 1' }) street: string;
  @ApiProperty({ example: '3511 ED' }) postalCode: string;
  @ApiProperty({ example: 'Utrecht' }) city: string;
}

class ContactDto {
  @ApiProperty({ example: 'Marieke de Vries' }) name: string;
  @ApiProperty({ example: 'm.devries@roc.example.nl' }) email: string;
}

class CounterpartSchoolDto {
  @ApiPropertyOptional({ example: 'ROC Midden Nederland' }) name?: string;
  @ApiPropertyOptional({ type: AddressDto }) address?: AddressDto;
  @ApiPropertyOptional({ type: ContactDto, nullable: true, description: "The school's contact person" })
  contact?: ContactDto | null;
}

class CounterpartRequestDto {
  @ApiProperty({ example: '9a41c2d0-3c55-4c0e-8a55-1f0c7c2b9e10' }) id: string;
  @ApiProperty({ example: 'Praktijkles installatietechniek' }) title: string;
  @ApiProperty({ example: 'elektrotechniek' }) subjectCode: string;
  @ApiProperty({ example: 'MBO3' }) level: string;
  @ApiProperty({
    enum: ['BOL', 'BBL'],
    nullable: true,
    example: 'BBL',
    description: 'MBO learning path; null at HBO',
  })
  learningPath: string | null;
  @ApiProperty({ example: '2026-09-01' }) periodStart: string;
  @ApiProperty({ example: '2027-01-31' }) periodEnd: string;
}

class LessonTimeDto {
  @ApiProperty({ example: 2, description: 'ISO weekday: Monday = 1' }) weekday: number;
  @ApiProperty({ example: '09:00' }) start: string;
  @ApiProperty({ example: '12:00' }) end: string;
}

/** The parties of a proposal as the caller may see them. */
export class CounterpartViewDto implements CounterpartView {
  @ApiProperty({ type: CounterpartTeacherDto, description: SEEN_BY }) teacher: CounterpartTeacherDto;
  @ApiProperty({ type: CounterpartSchoolDto, description: SEEN_BY }) school: CounterpartSchoolDto;
  @ApiPropertyOptional({ type: CounterpartRequestDto }) request?: CounterpartRequestDto;
  @ApiPropertyOptional({ type: [LessonTimeDto] }) lessons?: LessonTimeDto[];
  @ApiPropertyOptional({
    type: ContactDto,
    nullable: true,
    description: 'The werkplekbegeleider, once placed (not shown to the company)',
  })
  supervisor?: ContactDto | null;
}
