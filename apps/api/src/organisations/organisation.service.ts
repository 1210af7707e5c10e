import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Organisation, OrganisationLocation, Region } from '@hybridmatch/database';
import {
  AccessService,
  Actor,
  ForbiddenError,
  Page,
  pageWindow,
  Permission,
  ValidationError,
} from '@hybridmatch/core';
import {
  CreateOrganisationDto,
  ListOrganisationsQueryDto,
  LocationDto,
  LocationInputDto,
  OrganisationDto,
  UpdateOrganisationDto,
} from './organisation.dto';

const toLocationDto = ({
  id,
  name,
  street,
  postalCode,
  city,
  latitude,
  longitude,
}: OrganisationLocation): LocationDto => ({
  id,
  name,
  street,
  postalCode,
  city,
  latitude,
  longitude,
});

export const toOrganisationDto = (organisation: Organisation): OrganisationDto => ({
  id: organisation.id,
  kind: organisation.kind,
  name: organisation.name,
  regionId: organisation.regionId,
  kvkNumber: organisation.kvkNumber,
  locations: (organisation.locations ?? []).map(toLocationDto),
  version: organisation.version,
});

@Injectable()
export class OrganisationService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(OrganisationLocation) private readonly locations: Repository<OrganisationLocation>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    private readonly access: AccessService,
  ) {}

  async list(actor: Actor, query: ListOrganisationsQueryDto): Promise<Page<OrganisationDto>> {
    const scope = this.access.organisationScope(actor);
    if (scope.kind === 'none') return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const where: Record<string, unknown> = {};
    if (query.kind) where.kind = query.kind;
    if (scope.kind === 'organisation') where.id = scope.organisationId;
    if (scope.kind === 'regions') {
      const allowed = query.regionId
        ? scope.regionIds.filter((id) => id === query.regionId)
        : scope.regionIds;
      where.regionId = In(allowed);
    } else if (query.regionId) {
      where.regionId = query.regionId;
    }
    const [rows, total] = await this.organisations.findAndCount({
      where,
      relations: { locations: true },
      order: { name: 'ASC', id: 'ASC' },
      ...pageWindow(query),
    });
    return { items: rows.map(toOrganisationDto), page: query.page, pageSize: query.pageSize, total };
  }

  async get(actor: Actor, id: string): Promise<OrganisationDto> {
    return toOrganisationDto(await this.loadVisible(actor, id));
  }

  async create(body: CreateOrganisationDto): Promise<OrganisationDto> {
    await this.assertRegionExists(body.regionId);
    const organisation = this.organisations.create({
      ...body,
      kvkNumber: body.kvkNumber ?? null,
      locations: body.locations.map((location) => this.locations.create(normaliseLocation(location))),
    });
    const saved = await this.organisations.save(organisation);
    return toOrganisationDto(
      await this.organisations.findOneOrFail({ where: { id: saved.id }, relations: { locations: true } }),
    );
  }

  async update(actor: Actor, id: string, body: UpdateOrganisationDto): Promise<OrganisationDto> {
    const organisation = await this.loadVisible(actor, id);
    await this.access.requireAccess(
      actor,
      Permission.OrganisationUpdate,
      { organisationId: organisation.id, regionId: organisation.regionId },
      { what: 'Organisation', id },
    );
    if (body.regionId && body.regionId !== organisation.regionId) {
      if (this.access.organisationScope(actor).kind !== 'all')
        throw new ForbiddenError('Only the platform admin moves an organisation to another region.');
      await this.assertRegionExists(body.regionId);
    }
    await this.organisations.save(this.organisations.merge(organisation, body));
    return this.get(actor, id);
  }

  async addLocation(actor: Actor, id: string, body: LocationInputDto): Promise<OrganisationDto> {
    const organisation = await this.loadVisible(actor, id);
    await this.access.requireAccess(
      actor,
      Permission.OrganisationUpdate,
      { organisationId: organisation.id, regionId: organisation.regionId },
      { what: 'Organisation', id },
    );
    await this.locations.save(this.locations.create({ ...normaliseLocation(body), organisationId: id }));
    return this.get(actor, id);
  }

  /** Loads an organisation the actor may see, or answers 404. */
  async loadVisible(actor: Actor, id: string): Promise<Organisation> {
    const organisation = await this.organisations.findOne({
      where: { id },
      relations: { locations: true },
      order: { locations: { name: 'ASC' } },
    });
    await this.access.requireAccess(
      actor,
      Permission.OrganisationRead,
      organisation && { organisationId: organisation.id, regionId: organisation.regionId },
      { what: 'Organisation', id },
    );
    return organisation as Organisation;
  }

  private async assertRegionExists(regionId: string): Promise<void> {
    if (!(await this.regions.existsBy({ id: regionId })))
      throw ValidationError.field('regionId', `region ${regionId} does not exist`, 'unknownRegion');
  }
}

function normaliseLocation(location: LocationInputDto): LocationInputDto {
  const postalCode = location.postalCode.replace(/^(\d{4}) ?([A-Z]{2})$/, '$1 $2');
  return { ...location, postalCode };
}
