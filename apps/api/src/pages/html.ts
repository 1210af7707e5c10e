/**
 * The few server-rendered pages that e-mail links lead to without a sign-in (choosing a password,
 * answering a proposal): plain HTML, no scripts, every value escaped. Dutch first, English below,
 * like the e-mails. Everything else is the web app at /app.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => ESCAPES[character]);

/** A bilingual paragraph or heading: Dutch, then English in a quieter line. */
export interface Bilingual {
  nl: string;
  en: string;
}

export const said = (text: Bilingual) =>
  `<p>${escapeHtml(text.nl)}<br><span class="en">${escapeHtml(text.en)}</span></p>`;

/** A whole page. `body` is already-escaped HTML built with the helpers here. */
export function page(title: Bilingual, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title.nl)} · HybridMatch</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2330}
h1{font-size:1.4rem}.en{color:#5b6473;font-size:.95em}table{border-collapse:collapse;margin:1rem 0}
td,th{text-align:left;padding:.25rem .75rem .25rem 0;vertical-align:top}label{display:block;margin:.75rem 0 .25rem}
input,textarea{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}button{font:inherit;padding:.5rem 1rem;margin-top:1rem}
.error{color:#a31d1d}
</style>
</head>
<body>
<h1>${escapeHtml(title.nl)} <span class="en">/ ${escapeHtml(title.en)}</span></h1>
${body}
</body>
</html>
`;
}

/** A form that posts back to `action` with hidden fields and the given inputs. */
export function form(
  action: string,
  hidden: Record<string, string>,
  inputs: string,
  button: Bilingual,
): string {
  const fields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return `<form method="post" action="${escapeHtml(action)}">
${fields}
${inputs}
<button type="submit">${escapeHtml(button.nl)} / ${escapeHtml(button.en)}</button>
</form>`;
}

export const errorLine = (text: Bilingual) =>
  `<p class="error" role="alert">${escapeHtml(text.nl)}<br><span class="en">${escapeHtml(text.en)}</span></p>`;
