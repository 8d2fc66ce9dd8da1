// The page's one script, before esbuild bundles it (scripts/post-build.mjs
// fills in the capitalised names between double underscores): the Trusted
// Types policies, then the wasm-bindgen glue, started with the first module
// fetched with its integrity hash.
// Trusted Types first: Leptos builds its first template when the page starts.
import { installPolicies } from './trusted_types.js';
import init, { startPage } from './m365-org-wizard.js';

export { mount, defineElement, inspectCertificate, generateCertificate } from './m365-org-wizard.js';

installPolicies(import.meta.url);

export const wasm = await init({
  module_or_path: fetch(new URL('./__WASM__', import.meta.url), {
    integrity: '__WASM_INTEGRITY__',
    mode: 'cors',
    credentials: 'same-origin',
  }),
});

// The static page (<body data-m365w-page>); its config.json comes with the
// later steps (src/static_page.rs).
startPage();
