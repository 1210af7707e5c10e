import { ValidationError } from '@hybridmatch/core';
import { Param, ParseUUIDPipe } from '@nestjs/common';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => ValidationError.field(name, 'must be a UUID', 'isUuid') }),
  );
