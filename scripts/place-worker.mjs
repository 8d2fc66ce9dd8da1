// Puts the certificate worker (wasm-bindgen --target web output) into dist/:
// the wasm under a content-hashed name, and dist/cert-worker.js, the stable
// entry the page starts (src/worker.js) with `new Worker(…, {type: 'module'})`.
// The entry is the wasm-bindgen glue itself plus the message loop, one file,
// and it fetches the wasm with an integrity hash, so the browser refuses
// altered bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const [dist, built] = process.argv.slice(2);
const bytes = readFileSync(join(built, 'cert_worker_bg.wasm'));
const wasm = `cert-worker-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}_bg.wasm`;
writeFileSync(join(dist, wasm), bytes);
const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const glue = readFileSync(join(built, 'cert_worker.js'), 'utf8');
if (!glue.includes('async function __wbg_init(')) throw new Error('wasm-bindgen glue without __wbg_init');
writeFileSync(join(dist, 'cert-worker.js'), [
  glue,
  '// The certificate worker: each message is one request from src/worker.js.',
  `const ready = __wbg_init({ module_or_path: fetch(new URL('./${wasm}', import.meta.url), { integrity: '${integrity}' }) });`,
  'self.onmessage = async ({ data }) => {',
  '  try {',
  '    await ready;',
  '    self.postMessage({ id: data.id, json: await handle(data.job, data.files, data.password, data.now) });',
  '  } catch (e) {',
  "    self.postMessage({ id: data.id, error: 'The certificate reader failed. Reload the page and try again.' });",
  '  }',
  '};',
  '',
].join('\n'));
console.log(`place-worker: ${wasm}`);
