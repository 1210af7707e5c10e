import { Module } from '@nestjs/common';
import { RateCardController } from './rate-card.controller';

/** Companies' rate cards (the service lives in libs/core). */
@Module({ controllers: [RateCardController] })
export class RateCardModule {}
