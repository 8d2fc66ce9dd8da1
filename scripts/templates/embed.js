// m365-org-wizard for embedding: <script type="module" src=".../embed.js"> registers
// <m365-org-wizard>; `import { mount } from ".../embed.js"` mounts into any element.
// (Written from scripts/templates/embed.js by scripts/post-build.mjs.)
import {
  wasm,
  mount as mountWizard,
  defineElement,
  inspectCertificate as inspect,
  generateCertificate as generate,
} from './__BOOT__.js';

defineElement();

export const mount = mountWizard;

/**
 * Resolves with the inspector's JSON for certificate files and a password.
 * @param {Uint8Array[]} files
 * @param {string} password
 */
export const inspectCertificate = (files, password) => inspect(files, password);

/**
 * Resolves with the JSON of a certificate generated in the browser (WebCrypto):
 * its card and its .pfx, protected by the password.
 * @param {string} subject
 * @param {number} years
 * @param {number} bits
 * @param {string} password
 */
export const generateCertificate = (subject, years, bits, password) => generate(subject, years, bits, password);

/** Bytes of WebAssembly memory in use (for the benchmark's memory figure). */
export const memoryBytes = () => wasm.memory.buffer.byteLength;
