import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { UserRole } from '@hybridmatch/domain';
import { Permission, ROLES_WITH } from '@hybridmatch/core';

export const ROLES_KEY = 'hm:roles';
export const PUBLIC_KEY = 'hm:public';
export const PERMISSION_KEY = 'hm:permission';

/** Declares which roles may call a route. Routes without `@Roles` or `@Public` are refused. */
export const Roles = (...roles: UserRole[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(), ApiExtension('x-roles', roles));

/** Declares a route's permission: the roles that may call it are `ROLES_WITH[permission]`, the one table. */
export const Allow = (permission: Permission) =>
  applyDecorators(SetMetadata(PERMISSION_KEY, permission), Roles(...ROLES_WITH[permission]));

/** A route anyone may call (login, health). */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-roles', ['public']));

/** Every signed-in role (routes whose records are scoped by the service alone). */
export const ALL_ROLES = Object.values(UserRole);
