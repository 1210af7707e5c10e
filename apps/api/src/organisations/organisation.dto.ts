import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OrganisationKind } from '@hybridmatch/domain';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { HasFormat } from '../common/validators';

/** A KvK number: 8 digits (the code `isKvkNumber`, docs/ERRORS.md). */
const IsKvkNumber = () => HasFormat('isKvkNumber', /^\d{8}$/, 'must be 8 digits');

export class LocationInputDto {
  @ApiProperty({ example: 'Hoofdlocatie' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'Gildenstraat 2' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  street: string;

  @ApiProperty({ example: '7511 AB', description: 'Dutch postal code' })
  @HasFormat('isPostalCode', /^[1-9][0-9]{3} ?[A-Z]{2}$/, 'must be a Dutch postal code such as "7511 AB"')
  postalCode: string;

  @ApiProperty({ example: 'Enschede' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  city: string;

  @ApiProperty({ example: 52.2215 })
  @IsLatitude({ message: 'must be a latitude in degrees' })
  latitude: number;

  @ApiProperty({ example: 6.8937 })
  @IsLongitude({ message: 'must be a longitude in degrees' })
  longitude: number;
}

export class LocationDto extends LocationInputDto {
  @ApiProperty({ example: 'a3f1…' }) id: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ enum: OrganisationKind, example: OrganisationKind.MboSchool })
  @IsEnum(OrganisationKind, { message: `must be one of: ${Object.values(OrganisationKind).join(', ')}` })
  kind: OrganisationKind;

  @ApiProperty({ example: 'ROC van Twente' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01' })
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId: string;

  @ApiPropertyOptional({ example: '12345678', description: 'KvK number (8 digits)' })
  @IsOptional()
  @IsKvkNumber()
  kvkNumber?: string;

  @ApiProperty({ type: [LocationInputDto], description: 'One or more sites' })
  @ValidateNested({ each: true })
  @Type(() => LocationInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  locations: LocationInputDto[];
}

/**
 * What may change of an organisation: each field left out stays as it is; like every field not
 * documented nullable, the name and the region refuse `null` (`notNull`). The KvK number is cleared
 * with `null`; an empty text is refused like any other that is not 8 digits (one way to say "none").
 */
export class UpdateOrganisationDto extends PartialType(
  OmitType(CreateOrganisationDto, ['kind', 'locations', 'kvkNumber'] as const),
) {
  @ApiPropertyOptional({
    example: '12345678',
    nullable: true,
    type: String,
    description: 'KvK number (8 digits); null clears it (an empty text is refused)',
  })
  @IsOptional()
  @IsKvkNumber()
  kvkNumber?: string | null;
}

export class ListOrganisationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId?: string;

  @ApiPropertyOptional({ enum: OrganisationKind })
  @IsOptional()
  @IsEnum(OrganisationKind, { message: `must be one of: ${Object.values(OrganisationKind).join(', ')}` })
  kind?: OrganisationKind;
}

export class OrganisationDto {
  @ApiProperty({ example: '5d2e…' }) id: string;
  @ApiProperty({ enum: OrganisationKind, example: OrganisationKind.Company }) kind: OrganisationKind;
  @ApiProperty({ example: 'Stork Techniek B.V.' }) name: string;
  @ApiProperty({ example: '0b9d…' }) regionId: string;
  @ApiProperty({ example: '12345678', nullable: true, type: String }) kvkNumber: string | null;
  @ApiProperty({ type: [LocationDto] }) locations: LocationDto[];
  @ApiProperty({ example: 1, description: 'Optimistic-lock version' }) version: number;
}

export class OrganisationPageDto extends PageMetaDto {
  @ApiProperty({ type: [OrganisationDto] }) items: OrganisationDto[];
}
