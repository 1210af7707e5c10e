import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { UserRole } from '@hybridmatch/domain';

export const ROLES_KEY = 'hm:roles';
export const PUBLIC_KEY = 'hm:public';

/** Declares which roles may call a route. Routes without `@Roles` or `@Public` are refused. */
export const Roles = (...roles: UserRole[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(), ApiExtension('x-roles', roles));

/** A route anyone may call (login, health). */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-roles', ['public']));

export const ALL_ROLES = Object.values(UserRole);
