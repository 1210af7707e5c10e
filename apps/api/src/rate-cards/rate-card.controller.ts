import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, Permission, RateCardService } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import { CreateRateCardEntryDto, RateCardEntryDto } from './rate-card.dto';

@ApiTags('rate cards')
@Controller('organisations/:id/rate-card')
export class RateCardController {
  constructor(private readonly rates: RateCardService) {}

  @Get()
  @Allow(Permission.RateCardRead)
  @ApiOperation({
    summary: "A company's rate card: hourly rates per staff member or teaching role, with validity dates",
  })
  @ApiOkResponse({ type: [RateCardEntryDto] })
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<RateCardEntryDto[]> {
    return this.rates.list(actor, id);
  }

  @Post()
  @Allow(Permission.RateCardUpdate)
  @ApiOperation({ summary: 'Add a rate (implausible rates are refused; see docs/COSTS.md)' })
  @ApiCreatedResponse({ type: RateCardEntryDto })
  @ApiProblems(400, 401, 403, 404)
  add(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CreateRateCardEntryDto,
  ): Promise<RateCardEntryDto> {
    return this.rates.add(actor, id, body);
  }

  @Delete(':entryId')
  @HttpCode(204)
  @Allow(Permission.RateCardUpdate)
  @ApiOperation({ summary: 'Remove a rate (placements keep the rate they were agreed at)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  remove(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('entryId') entryId: string,
  ): Promise<void> {
    return this.rates.remove(actor, id, entryId);
  }
}
