// The certificate worker's message loop, appended by scripts/post-build.mjs
// to wasm-bindgen's glue (which defines `handle`, `pkcs12Kdf` and
// `__wbg_init`), after `const ready = __wbg_init(...)`.
//
// From the page (src/worker.js): {id, job, files, password, now}, answered
// with {id, json} or {id, error}.
//
// Helpers: this same script in nested workers, each computing one long
// PKCS#12 derivation ({id, kdf}, answered with {id, bits} or {id, error}).
// A legacy .pfx of 600,000 rounds needs five or six of them, independent of
// each other; the reader asks for them together (certificate::Defer) and
// they run side by side, as many at once as the machine has cores.
self.onmessage = async ({ data }) => {
  if (data.kdf) {
    try {
      await ready;
      const { hash, password, salt, id, iterations, len } = data.kdf;
      const bits = pkcs12Kdf(hash, password, salt, id, iterations, len);
      if (!bits) throw new Error(`no digest ${hash}`);
      self.postMessage({ id: data.id, bits }, { transfer: [bits.buffer] });
    } catch (e) {
      self.postMessage({ id: data.id, error: String(e?.message ?? e) });
    }
    return;
  }
  try {
    await ready;
    self.postMessage({ id: data.id, json: await handle(data.job, data.files, data.password, data.now) });
  } catch (e) {
    self.postMessage({ id: data.id, error: 'The certificate reader failed. Reload the page and try again.' });
  }
};

const helpers = [];
const waiting = new Map();
let nextKdf = 1;

// Under Trusted Types (the worker's own Content-Security-Policy may require
// them) a helper's script URL goes through a policy that passes this script
// and nothing else; it has the page's policy name (src/trusted_types.js).
let helperUrl = null;
function ownUrl() {
  if (helperUrl === null) {
    const policy = self.trustedTypes?.createPolicy?.('m365-org-wizard', {
      createScriptURL(url) {
        if (url !== import.meta.url) throw new TypeError(`m365-org-wizard: script URL ${url} refused: not this worker's own script.`);
        return url;
      },
    });
    helperUrl = policy ? policy.createScriptURL(import.meta.url) : import.meta.url;
  }
  return helperUrl;
}

function startHelper() {
  const helper = new Worker(ownUrl(), { type: 'module' });
  helper.onmessage = ({ data }) => {
    const request = waiting.get(data.id);
    if (!request) return;
    waiting.delete(data.id);
    if (data.error) request.reject(new Error(data.error));
    else request.resolve(data.bits);
  };
  helper.onerror = (event) => {
    event.preventDefault();
    // Whatever it was computing is computed again by the reader itself.
    for (const [id, request] of waiting) {
      if (request.helper === helper) {
        waiting.delete(id);
        request.reject(new Error('a helper stopped'));
      }
    }
    helpers.splice(helpers.indexOf(helper), 1);
  };
  helpers.push(helper);
  return helper;
}

function ask(helper, kdf) {
  return new Promise((resolve, reject) => {
    const id = nextKdf++;
    waiting.set(id, { resolve, reject, helper });
    helper.postMessage({ id, kdf });
  });
}

// Called by the reader (crates/cert-worker/src/lib.rs) with its PKCS#12
// requests; resolves with their bits in the same order. Absent where
// nested workers are not (the reader then derives them itself).
if (typeof Worker === 'function') {
  self.m365wDerivePkcs12 = async (requests) => {
    const lanes = Math.max(1, Math.min(requests.length, self.navigator?.hardwareConcurrency || 2));
    while (helpers.length < lanes) startHelper();
    // The longest first, so the last to finish is a short one.
    const order = requests.map((_, i) => i).sort((a, b) =>
      requests[b].iterations * requests[b].len - requests[a].iterations * requests[a].len);
    const bits = new Array(requests.length);
    let next = 0;
    await Promise.all(helpers.slice(0, lanes).map(async (helper) => {
      while (next < order.length) {
        const i = order[next++];
        bits[i] = await ask(helper, requests[i]);
      }
    }));
    return bits;
  };
}
