import type { components } from './api/schema';

/** The API's roles (a school's admin also stands for a Hybride Techniekcentrum). */
export type Role = components['schemas']['MeDto']['role'];

export const EVERYONE: readonly Role[] = [
  'platform_admin',
  'regional_coordinator',
  'company_admin',
  'school_admin',
  'hybrid_teacher',
];

/** Coordinators and the platform admin: they run matching and approve. */
export const OVERSIGHT: readonly Role[] = ['platform_admin', 'regional_coordinator'];
