// What the project's JavaScript finds at run time that no module declares,
// for the JavaScript check (tsconfig.json, `make test`).

// The certificate worker's file is wasm-bindgen's glue, then the wrapper
// (scripts/templates/cert-worker.js), then crates/cert-worker/src/message_loop.js.
declare function __wbg_init(options: { module_or_path: Promise<Response> }): Promise<unknown>;
declare const ready: Promise<unknown>;
declare function handle(job: string, files: Uint8Array[], password: string, now: number): Promise<string>;
declare function pkcs12Kdf(hash: string, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, len: number): Uint8Array | undefined;

interface Window {
  /** Set by the benchmark's init script when the first step is interactive. */
  __ready?: number;
  /** The benchmark's handle on embed.js, imported into the page. */
  __wizard?: any;
  /** The benchmark's long-task observer's findings. */
  __long?: any;
  /** node-forge and PKI.js, loaded into the page by the benchmark. */
  forge?: any;
  PKIBench?: any;
  /** The demo console's mounted wizards, for the tests. */
  consoleHandles?: any;
  /** The worker's helper-backed PKCS#12 derivation (message_loop.js). */
  m365wDerivePkcs12?: any;
  /** Trusted Types, where the browser has them. */
  trustedTypes?: any;
}

interface WorkerGlobalScope {
  m365wDerivePkcs12?: any;
}

interface Performance {
  /** Chromium's heap figures. */
  memory?: { usedJSHeapSize: number; totalJSHeapSize: number };
}
