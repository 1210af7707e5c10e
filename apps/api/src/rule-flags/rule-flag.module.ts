import { Module } from '@nestjs/common';
import { RuleFlagController } from './rule-flag.controller';

/** HTTP for the "needs attention" list; the re-checks themselves are `RuleFlagService` in `@hybridmatch/core`. */
@Module({ controllers: [RuleFlagController] })
export class RuleFlagModule {}
