// The page's side of the certificate worker (crates/cert-worker). One worker,
// started on first use; each request gets an id and a promise. This module is
// bundled into the page's boot-*.js (scripts/post-build.mjs), which sits
// beside cert-worker.js, so the URL is relative to that.
let worker = null;
let next = 1;
const pending = new Map();

// The page's Trusted Types policy (src/trusted_types.js, installed by the
// boot script before anything else), where the browser has Trusted Types.
const POLICY = Symbol.for('m365-org-wizard/trusted-types');

function start() {
  const url = new URL('./cert-worker.js', import.meta.url).href;
  const policy = globalThis[POLICY];
  worker = new Worker(policy ? policy.createScriptURL(url) : url, { type: 'module' });
  worker.onmessage = ({ data }) => {
    const request = pending.get(data.id);
    if (!request) return;
    pending.delete(data.id);
    if (data.error) request.reject(new Error(data.error));
    else request.resolve(data.json);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    for (const request of pending.values()) {
      request.reject(new Error('The certificate reader could not start. Reload the page and try again.'));
    }
    pending.clear();
    worker = null;
  };
}

/**
 * Sends one request; resolves with the worker's JSON text. `job` is a
 * WorkerJob's wire string (wizard-core's worker_protocol.rs): carried, not read.
 */
export function askCertificateWorker(job, files, password, nowMs) {
  if (!worker) start();
  return new Promise((resolve, reject) => {
    const id = next++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, job, files, password, now: nowMs });
  });
}
