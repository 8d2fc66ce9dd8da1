// The certificate worker: wasm-bindgen's glue (above, which defines
// __wbg_init), its wasm fetched with its integrity hash, then its message loop
// (crates/cert-worker/src/message_loop.js). Written from
// scripts/templates/cert-worker.js by scripts/post-build.mjs.
const ready = __wbg_init({
  module_or_path: fetch(new URL('./__WASM__', import.meta.url), { integrity: '__WASM_INTEGRITY__' }),
});
