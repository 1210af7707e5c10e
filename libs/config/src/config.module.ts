import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@hybridmatch/domain';
import { AppConfig, loadConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');
/** The one injectable clock: every "now" and "today" in the product comes from it. */
export const CLOCK = Symbol('CLOCK');

export function clockFromConfig(config: AppConfig): Clock {
  return config.clock.startAt ? SystemClock.startingAt(config.clock.startAt) : new SystemClock();
}

/**
 * Provides the validated configuration and the clock everywhere; tests pass their own objects
 * (a `FixedClock` to control time).
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = loadConfig(), clock: Clock = clockFromConfig(config)): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [APP_CONFIG, CLOCK],
    };
  }
}
