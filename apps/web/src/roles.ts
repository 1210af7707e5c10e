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

/** The platform admin alone: regions, organisations, failed e-mails. */
export const ADMIN: readonly Role[] = ['platform_admin'];

/** A company's admin (HR): their staff, imports, proposals and placements. */
export const COMPANY: readonly Role[] = ['company_admin'];

/** Who opens a staff member's profile (the compliance e-mails link to it): the company, its coordinators, the admin. */
export const STAFF_READERS: readonly Role[] = ['company_admin', 'regional_coordinator', 'platform_admin'];

/** Who invites people and sees their organisation's accounts. */
export const ACCOUNT_ADMINS: readonly Role[] = ['platform_admin', 'company_admin', 'school_admin'];
