import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { HolidayRegion } from '@hybridmatch/domain';
import { HasFormat } from '../common/validators';

export class CreateRegionDto {
  @ApiProperty({ example: 'sto-twente', description: 'Stable code: lower-case letters, digits and dashes' })
  @HasFormat('isRegionCode', /^[a-z0-9-]{2,32}$/, 'must be 2–32 lower-case letters, digits or dashes')
  code: string;

  @ApiProperty({ example: 'STO Twente' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: HolidayRegion, example: HolidayRegion.Noord })
  @IsEnum(HolidayRegion, { message: `must be one of: ${Object.values(HolidayRegion).join(', ')}` })
  holidayRegion: HolidayRegion;
}

export class UpdateRegionDto extends PartialType(CreateRegionDto) {}

export class RegionDto {
  @ApiProperty({ example: '0b9d3c1e-…' }) id: string;
  @ApiProperty({ example: 'sto-twente' }) code: string;
  @ApiProperty({ example: 'STO Twente' }) name: string;
  @ApiProperty({ enum: HolidayRegion, example: HolidayRegion.Noord }) holidayRegion: HolidayRegion;
}
