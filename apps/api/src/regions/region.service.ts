import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Region } from '@hybridmatch/database';
import { ConflictError, ErrorCode, NotFoundError } from '@hybridmatch/core';
import { CreateRegionDto, RegionDto, UpdateRegionDto } from './region.dto';

const toDto = ({ id, code, name, holidayRegion }: Region): RegionDto => ({ id, code, name, holidayRegion });

/** Regions are public reference data for signed-in users; only the platform admin changes them. */
@Injectable()
export class RegionService {
  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  async list(): Promise<RegionDto[]> {
    return (await this.regions.find({ order: { name: 'ASC' } })).map(toDto);
  }

  async create(body: CreateRegionDto): Promise<RegionDto> {
    if (await this.regions.existsBy({ code: body.code }))
      throw new ConflictError(ErrorCode.RegionCodeTaken, `A region with code "${body.code}" already exists.`);
    return toDto(await this.regions.save(this.regions.create(body)));
  }

  async update(id: string, body: UpdateRegionDto): Promise<RegionDto> {
    const region = await this.regions.findOneBy({ id });
    if (!region) throw new NotFoundError('Region', id);
    if (body.code && body.code !== region.code && (await this.regions.existsBy({ code: body.code }))) {
      throw new ConflictError(ErrorCode.RegionCodeTaken, `A region with code "${body.code}" already exists.`);
    }
    return toDto(await this.regions.save(this.regions.merge(region, body)));
  }
}
