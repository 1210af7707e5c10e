import { createBrowserRouter, type RouteObject } from 'react-router';
import { PAGES } from './pages';
import { HomeRedirect, NotFound } from './shell/HomeRedirect';
import { SignedIn } from './shell/SignedIn';
import { PageLoader } from './ui/PageLoader';

const pageRoutes: RouteObject[] = PAGES.map((page) => ({
  path: page.path,
  handle: { roles: page.roles },
  lazy: async () => ({ Component: (await page.load()).default }),
}));

/** Every route needs a sign-in; the app lives below /app (served by the API, apps/api/src/web-app). */
export const router = createBrowserRouter(
  [
    {
      Component: SignedIn,
      HydrateFallback: PageLoader,
      children: [{ index: true, Component: HomeRedirect }, ...pageRoutes, { path: '*', Component: NotFound }],
    },
  ],
  { basename: '/app' },
);
