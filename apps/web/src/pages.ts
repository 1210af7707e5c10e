import type { ComponentType } from 'react';
import type nl from './i18n/nl.json';
import { ACCOUNT_ADMINS, ADMIN, COMPANY, EVERYONE, OVERSIGHT, type Role, STAFF_READERS } from './roles';

/** A menu label: a key of `nav` in the strings (but the menu's own name and button). */
type NavLabel = `nav.${Exclude<keyof (typeof nl)['nav'], 'label' | 'open'>}`;

/** A page of the app: its path below /app, who may open it and, if it is in the menu, its label. */
export interface PageDefinition {
  path: string;
  roles: readonly Role[];
  nav?: NavLabel;
  load: () => Promise<{ default: ComponentType }>;
}

/**
 * Every page, loaded lazily (its code is fetched when first opened). The menu shows a role the
 * pages with a `nav` label, in this order; the first is the role's home page.
 */
export const PAGES: readonly PageDefinition[] = [
  {
    path: 'dashboard',
    roles: OVERSIGHT,
    nav: 'nav.dashboard',
    load: () => import('./pages/coordinator/DashboardPage'),
  },
  {
    path: 'approvals',
    roles: OVERSIGHT,
    nav: 'nav.approvals',
    load: () => import('./pages/coordinator/ApprovalsPage'),
  },
  {
    path: 'match-runs',
    roles: OVERSIGHT,
    nav: 'nav.matchRuns',
    load: () => import('./pages/coordinator/MatchRunsPage'),
  },
  { path: 'match-runs/:id', roles: OVERSIGHT, load: () => import('./pages/coordinator/MatchRunPage') },
  {
    path: 'week',
    roles: ['hybrid_teacher'],
    nav: 'nav.myWeek',
    load: () => import('./pages/teacher/MyWeekPage'),
  },
  {
    path: 'my-proposals',
    roles: ['hybrid_teacher'],
    nav: 'nav.myProposals',
    load: () => import('./pages/teacher/MyProposalsPage'),
  },
  // School / Hybride Techniekcentrum, teacher (more) and coordinator (more): issue 15, web-school.
  {
    path: 'school/requests',
    roles: ['school_admin'],
    nav: 'nav.requests',
    load: () => import('./pages/school/RequestsPage'),
  },
  {
    path: 'school/requests/new',
    roles: ['school_admin'],
    load: () => import('./pages/school/RequestFormPage'),
  },
  {
    path: 'school/requests/:id',
    roles: ['school_admin'],
    load: () => import('./pages/school/RequestFormPage'),
  },
  {
    path: 'school/proposals',
    roles: ['school_admin'],
    nav: 'nav.schoolProposals',
    load: () => import('./pages/school/SchoolProposalsPage'),
  },
  {
    path: 'school/placements',
    roles: ['school_admin'],
    nav: 'nav.schoolPlacements',
    load: () => import('./pages/school/SchoolPlacementsPage'),
  },
  {
    path: 'school/lessons',
    roles: ['school_admin'],
    nav: 'nav.lessons',
    load: () => import('./pages/school/LessonsPage'),
  },
  {
    path: 'availability',
    roles: ['hybrid_teacher'],
    nav: 'nav.availability',
    load: () => import('./pages/teacher/AvailabilityPage'),
  },
  {
    path: 'my-feedback',
    roles: ['hybrid_teacher'],
    nav: 'nav.myFeedback',
    load: () => import('./pages/teacher/MyFeedbackPage'),
  },
  {
    path: 'flags',
    roles: OVERSIGHT,
    nav: 'nav.flags',
    load: () => import('./pages/coordinator/RuleFlagsPage'),
  },
  {
    path: 'holidays',
    roles: OVERSIGHT,
    nav: 'nav.holidays',
    load: () => import('./pages/coordinator/HolidaysPage'),
  },
  // End of web-school's block.
  // Company (issue 15): staff, import, proposals to answer, where the staff teach and what it costs.
  { path: 'staff', roles: COMPANY, nav: 'nav.staff', load: () => import('./pages/company/StaffPage') },
  { path: 'staff/import', roles: COMPANY, load: () => import('./pages/company/ImportPage') },
  { path: 'teachers/new', roles: COMPANY, load: () => import('./pages/company/TeacherPage') },
  { path: 'teachers/:id', roles: STAFF_READERS, load: () => import('./pages/company/TeacherPage') },
  {
    path: 'company-proposals',
    roles: COMPANY,
    nav: 'nav.companyProposals',
    load: () => import('./pages/company/CompanyProposalsPage'),
  },
  {
    path: 'placements',
    roles: COMPANY,
    nav: 'nav.placements',
    load: () => import('./pages/company/PlacementsPage'),
  },
  // Platform admin (issue 15): regions, organisations, accounts (also the organisations' admins: invites), failed e-mails.
  { path: 'regions', roles: ADMIN, nav: 'nav.regions', load: () => import('./pages/admin/RegionsPage') },
  {
    path: 'organisations',
    roles: ADMIN,
    nav: 'nav.organisations',
    load: () => import('./pages/admin/OrganisationsPage'),
  },
  { path: 'users', roles: ACCOUNT_ADMINS, nav: 'nav.users', load: () => import('./pages/admin/UsersPage') },
  {
    path: 'failed-notifications',
    roles: ADMIN,
    nav: 'nav.failedNotifications',
    load: () => import('./pages/admin/FailedNotificationsPage'),
  },
  // End of web-company's block.
  {
    path: 'messages',
    roles: EVERYONE,
    nav: 'nav.messages',
    load: () => import('./pages/shared/MessagesPage'),
  },
  { path: 'proposals/:id', roles: EVERYONE, load: () => import('./pages/shared/ProposalPage') },
];

export const menuFor = (role: Role) => PAGES.filter((page) => page.nav && page.roles.includes(role));

export const homeFor = (role: Role) => `/${menuFor(role)[0]?.path ?? ''}`;
