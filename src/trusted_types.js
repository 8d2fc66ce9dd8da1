// Trusted Types for consoles that send `require-trusted-types-for 'script'`.
//
// Under that policy the browser refuses a plain string at every sink that
// parses HTML or loads a script. The page reaches two:
// - Leptos builds each view's static template by assigning its markup to a
//   <template>'s innerHTML (tachys). Those strings come from the view! macros,
//   never from input, but Leptos cannot pass a TrustedHTML, so the
//   browser hands them to the page's `default` policy;
// - the certificate worker's script URL (src/worker.js), passed explicitly
//   through the named policy below.
//
// Both policies apply the same narrow rules, never a pass-through: markup
// with a script-bearing element, an event-handler attribute or a
// script-running URL is refused (the assignment then fails, and the browser
// reports the violation), and a script URL must be one of the page's own
// files. A host that already has a `default` policy keeps it: Leptos's
// templates then go through the host's policy (README, Embedding).
//
// This module is bundled into boot-*.js first (scripts/post-build.mjs), before
// any view is built. Its rules are plain functions, checked by
// tests/e2e/trusted-types.test.mjs in Node as well as in the browser.

/** The policy a host lists in `trusted-types`, with `default`. */
export const POLICY_NAME = 'm365-org-wizard';

// Elements that run or load script or restyle the page wherever they land.
const SCRIPT_ELEMENT = /<\s*\/?\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|noscript|portal)\b/i;
// An on…= attribute: after a space, a slash or a quote, as HTML parses them.
// Scanned over the whole string, not tag by tag: a `>` inside a quoted value
// would otherwise hide what follows it.
const EVENT_HANDLER = /[\s/"'`]on[a-z]+\s*=/i;
const SCRIPT_ATTRIBUTE = /[\s/"'`](srcdoc|formaction)\s*=/i;
// URL schemes that run script, however they are spelled: the browser drops
// tabs and newlines inside a URL, and character references decode first.
const SCRIPT_URL = /(javascript|vbscript):/i;
const CHARACTER_REFERENCE = /&(#|colon;|tab;|newline;)/i;

/** Why `html` may not become markup, or null when it may. */
export function refusalOfHtml(html) {
  const text = String(html);
  if (SCRIPT_ELEMENT.test(text)) return 'it holds an element that runs or loads script';
  if (EVENT_HANDLER.test(text)) return 'it holds an event-handler attribute';
  if (SCRIPT_ATTRIBUTE.test(text)) return 'it holds an attribute that runs script';
  const squeezed = text.replace(/[\u0000-\u0020]+/g, '');
  if (SCRIPT_URL.test(squeezed)) return 'it holds a javascript: or vbscript: URL';
  if (CHARACTER_REFERENCE.test(text)) return 'it holds a numeric or named character reference that could hide a URL scheme';
  return null;
}

/**
 * Why `url` may not load as a script, or null when it may: only a .js file
 * of the page's own, beside `base` (the directory of the page's scripts) or
 * below it.
 */
export function refusalOfScriptUrl(url, base) {
  let parsed;
  try {
    parsed = new URL(String(url), base);
  } catch {
    return 'it is not a URL';
  }
  const home = new URL('./', base);
  if (parsed.origin !== home.origin || !parsed.pathname.startsWith(home.pathname)) {
    return `it is not one of the page's own files (${home.href})`;
  }
  if (!parsed.pathname.endsWith('.js') || parsed.search || parsed.hash) return 'it is not a script file';
  return null;
}

/**
 * The named policy (and, where the page has none, the default one), or null
 * where the browser has no Trusted Types. `base` is the address of the
 * page's scripts. A policy the page's Content-Security-Policy does not allow
 * is said on the console, with what to add.
 */
export function installPolicies(base) {
  const factory = globalThis.trustedTypes;
  if (!factory?.createPolicy) return null;
  const rules = (onRefused) => ({
    createHTML(html) {
      const why = refusalOfHtml(html);
      return why ? onRefused(`HTML refused: ${why}.`) : html;
    },
    createScriptURL(url) {
      const why = refusalOfScriptUrl(url, base);
      return why ? onRefused(`script URL ${url} refused: ${why}.`) : url;
    },
  });
  const complain = (name, error) => console.warn(
    `m365-org-wizard: the page's Content-Security-Policy does not allow the Trusted Types policy "${name}" (${error.message}). Add "trusted-types ${POLICY_NAME} default" to it.`,
  );
  let named = null;
  try {
    // Explicit uses throw, with the reason.
    named = factory.createPolicy(POLICY_NAME, rules((why) => { throw new TypeError(`m365-org-wizard: ${why}`); }));
    // For src/worker.js, a wasm-bindgen snippet that cannot import this module.
    globalThis[Symbol.for('m365-org-wizard/trusted-types')] = named;
  } catch (error) {
    complain(POLICY_NAME, error);
  }
  if (!factory.defaultPolicy) {
    try {
      // Leptos's implicit use: answering nothing makes the browser block the
      // assignment and report the violation, as it would with no policy.
      factory.createPolicy('default', rules((why) => {
        console.warn(`m365-org-wizard: ${why}`);
        return null;
      }));
    } catch (error) {
      complain('default', error);
    }
  }
  return named;
}
