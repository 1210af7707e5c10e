import type { FastifyInstance } from 'fastify';
import { API_SECURITY_OPTIONS, SAME_ORIGIN_PAGE_CSP, securityHeadersFor } from '../common/security-headers';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard-ticket';

/**
 * Our repairs to Bull Board's own page (`@bull-board/ui` 9.10, a third-party UI whose template and
 * hashed bundles we do not fork); what and why: docs/NOTIFICATIONS.md, "Accessibility and privacy
 * of the dashboard". apps/web/test/admin.e2e-spec.ts fails when a bull-board upgrade undoes one.
 */

/** Where the browser loads DASHBOARD_SCRIPT: below the dashboard, so the same access rule applies. */
export const DASHBOARD_SCRIPT_URL = `${QUEUE_DASHBOARD_PATH}/hybridmatch-a11y.js`;

/** Its `<link>`s to Google Fonts: the admin's browser would ask Google for them on every visit. */
const GOOGLE_FONTS_LINK =
  /<link\b[^>]*\bhref="https:\/\/fonts\.(?:googleapis|gstatic)\.com\/[^"]*"[^>]*>\s*/g;

/**
 * The board's HTML page as we serve it: without Google Fonts (its CSS falls back to system-ui and
 * ui-monospace) and with DASHBOARD_SCRIPT. `defer` runs it before the board's own deferred
 * scripts (they come later in the document), so it watches the page before React draws it.
 */
export function adaptDashboardPage(html: string): string {
  return html
    .replace(GOOGLE_FONTS_LINK, '')
    .replace('</head>', `<script src="${DASHBOARD_SCRIPT_URL}" defer></script>\n</head>`);
}

/**
 * The dashboard's Content-Security-Policy: scripts only from this origin (the board has no inline
 * script; its `__UI_CONFIG__` block is JSON, which CSP does not govern), styles also inline (it
 * writes its theme into a `<style>` element and sets `style` attributes), nothing from elsewhere.
 */
const DASHBOARD_SECURITY_HEADERS = securityHeadersFor({
  ...API_SECURITY_OPTIONS,
  contentSecurityPolicy: { directives: SAME_ORIGIN_PAGE_CSP },
});

/**
 * In the dashboard's encapsulated plugin, before bull-board registers its routes: its HTML page
 * adapted (adaptDashboardPage), DASHBOARD_SCRIPT served, and every route's security headers the
 * dashboard's own.
 */
export function adaptDashboard(dashboard: FastifyInstance): void {
  dashboard.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object), securityHeaders: DASHBOARD_SECURITY_HEADERS };
  });
  dashboard.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    return typeof payload === 'string' && typeof type === 'string' && type.startsWith('text/html')
      ? adaptDashboardPage(payload)
      : payload;
  });
  dashboard.get(DASHBOARD_SCRIPT_URL.slice(QUEUE_DASHBOARD_PATH.length), (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(DASHBOARD_SCRIPT),
  );
}

/**
 * Runs in the admin's browser on every dashboard page (plain ES2017, no build step; kept here as
 * text so `npm run build` and the Docker image carry it without a copy step). Bull Board renders
 * icon-only buttons without an accessible name, an inline Redis logo as an unnamed image, a link
 * whose name does not contain its visible text, and one syntax colour below AA contrast. React
 * redraws often (every poll), so a MutationObserver repeats the repair on whatever it adds.
 *
 * A button gets a name only when it has none of its own (no text, aria-label, aria-labelledby or
 * title); the name says what the button does, read from its icon: checked in Chromium against
 * what each one opens. An icon this list does not know keeps no name, so the axe scan in
 * apps/web/test/admin.e2e-spec.ts fails rather than a guessed name being read out.
 */
export const DASHBOARD_SCRIPT = String.raw`/* HybridMatch: accessibility repairs to Bull Board, see docs/NOTIFICATIONS.md. */
(function () {
  'use strict';
  var MARK = 'data-hm-label';

  // The JSON view's null/undefined colour (--hl-meta, not one of uiConfig.theme's tokens) is
  // #8a95a3 on #eaeef2 (2.6:1) in the light theme; the dark theme sets its own on body.dark-mode.
  document.documentElement.style.setProperty('--hl-meta', '#4f5a64');

  // A job's action buttons by icon, with bull-board's words for them (JOB.ACTIONS in its locale).
  var JOB_ACTIONS = {
    'refresh-cw': 'Retry',
    files: 'Duplicate',
    pencil: 'Update Data',
    'trash-2': 'Clean',
    'corner-up-left': 'Promote',
    clock: 'Reschedule',
    'arrow-up-down': 'Change priority',
    'list-x': 'Remove unprocessed children',
  };

  function queueOfPage() {
    var match = /\/queue\/([^/]+)/.exec(location.pathname);
    return match ? decodeURIComponent(match[1]) : null;
  }

  // The "more" menu (three dots): on a queue's card in the overview, on a queue's page, or the
  // overview's menu for every queue (pause all, resume all, retry failed in all queues).
  function menuLabel(button) {
    var card = button.closest('li');
    var link = card && card.querySelector('a[href*="/queue/"]');
    var queue = link ? link.textContent.trim() : queueOfPage();
    return queue ? 'Actions for queue ' + queue : 'Actions for all queues';
  }

  function labelFor(button) {
    var icon = button.querySelector('svg');
    if (!icon) return null;
    var is = function (name) {
      return icon.classList.contains('lucide-' + name);
    };
    if (icon.querySelector('[class^="rds-"]')) return 'Redis details'; // the Redis logo
    if (is('settings')) return 'Settings';
    if (is('maximize')) return 'Full screen';
    if (is('minimize')) return 'Exit full screen';
    if (is('copy')) return 'Copy to clipboard';
    if (is('check') && /copyBtn/.test(button.className)) return 'Copied';
    if (is('ellipsis-vertical') && button.getAttribute('aria-haspopup') === 'menu') return menuLabel(button);
    // A job's actions, named as their tooltips name them (shown on hover only, not in the DOM).
    if (button.closest('[class*="jobActions"]')) {
      for (var name in JOB_ACTIONS) if (is(name)) return JOB_ACTIONS[name];
    }
    return null;
  }

  // Text a screen reader reads, leaving out an icon's own (the Redis logo has a <style> inside).
  function textBesideIcons(element) {
    var text = '';
    element.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
      else if (node.nodeType === Node.ELEMENT_NODE && node.localName !== 'svg') text += textBesideIcons(node);
    });
    return text.trim();
  }

  function hasOwnName(button) {
    return (
      !button.hasAttribute(MARK) &&
      (textBesideIcons(button) !== '' ||
        button.hasAttribute('aria-label') ||
        button.hasAttribute('aria-labelledby') ||
        button.hasAttribute('title'))
    );
  }

  function repair() {
    document.querySelectorAll('button').forEach(function (button) {
      if (hasOwnName(button)) return;
      var label = labelFor(button);
      if (!label) {
        // A button we named whose icon we no longer know: leave it unnamed, not wrongly named.
        if (button.hasAttribute(MARK)) button.removeAttribute('aria-label');
        return;
      }
      if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
      button.setAttribute(MARK, '');
      // The button's name says it all; its icon (the Redis logo is role="img") is decoration.
      button.querySelectorAll('svg:not([aria-hidden])').forEach(function (svg) {
        svg.setAttribute('aria-hidden', 'true');
      });
    });
    // A queue's link to its schedulers shows "Schedulers" and a count badge, but its aria-label
    // "Schedulers (1)" differs from that text (WCAG 2.5.3, label in name: a speech-input user says
    // what they see). Without it, the name is the visible text: "Schedulers 1".
    document.querySelectorAll('a[href*="job-schedulers?"][aria-label]').forEach(function (link) {
      link.removeAttribute('aria-label');
    });
  }

  repair();
  // New elements, and React setting an aria-label again (say when a count changes). Our own
  // changes end the loop: the next pass finds nothing to change.
  new MutationObserver(repair).observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-label'],
  });
})();
`;
