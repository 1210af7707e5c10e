import type { ComponentType } from 'react';
import { EVERYONE, OVERSIGHT, type Role } from './roles';

/** A page of the app: its path below /app, who may open it and, if it is in the menu, its label. */
export interface PageDefinition {
  path: string;
  roles: readonly Role[];
  nav?:
    'nav.dashboard' | 'nav.approvals' | 'nav.matchRuns' | 'nav.myWeek' | 'nav.myProposals' | 'nav.messages';
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
