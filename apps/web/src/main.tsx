import '@mantine/core/styles.css';
import { createTheme, type CSSVariablesResolver, MantineProvider, Menu } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { queryClient } from './api/client';
import './app.css';
import './i18n';
import { router } from './routes';

/**
 * Blue with enough contrast for WCAG AA text on white; secondary ("dimmed") text dark enough too.
 * Menus without Mantine's focus placeholder: axe counts a focusable element inside role="menu"
 * that is no menu item as a serious finding.
 */
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  components: { Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }) },
});
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // A field's error text (and its input's border): red.9 keeps 4.5:1 on white; Mantine's red.6 does not.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Subtle and light buttons under the pointer: blue.9 text keeps 4.5:1 on blue.1, not on blue.2.
    '--mantine-color-blue-light-hover': 'var(--mantine-color-blue-1)',
  },
  dark: {},
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
