import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, RuleFlagService } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ListRuleFlagsQueryDto, RuleFlagPageDto } from './rule-flag.dto';

@ApiTags('rule-flags')
@Controller('rule-flags')
export class RuleFlagController {
  constructor(private readonly flags: RuleFlagService) {}

  @Get()
  @Allow(Permission.RuleFlagRead)
  @ApiOperation({
    summary:
      'Proposals and placements that need attention: a change broke a rule (coordinator: their regions; company, school: their own)',
    description:
      'Each flag names the failing rules (docs/RULES.md) with their Dutch and English sentences. While a flag is open, ' +
      'answering and approving the proposal are refused with 409 RULES_BROKEN; a later change that makes it pass clears ' +
      'it, and so does withdrawing the proposal. Newest first.',
  })
  @ApiOkResponse({ type: RuleFlagPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListRuleFlagsQueryDto): Promise<RuleFlagPageDto> {
    return this.flags.list(actor, query);
  }
}
