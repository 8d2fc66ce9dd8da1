// Puts the certificate worker (wasm-bindgen --target web output) into dist/
// under content-hashed names, and writes dist/cert-worker.js, the stable
// entry the page starts (src/worker.js) with `new Worker(…, {type: 'module'})`.
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const [dist, built] = process.argv.slice(2);
const hash = (file) => createHash('sha384').update(readFileSync(file)).digest('hex').slice(0, 16);
const wasm = `cert-worker-${hash(join(built, 'cert_worker_bg.wasm'))}_bg.wasm`;
copyFileSync(join(built, 'cert_worker_bg.wasm'), join(dist, wasm));
const glue = `cert-worker-${hash(join(built, 'cert_worker.js'))}.js`;
copyFileSync(join(built, 'cert_worker.js'), join(dist, glue));
writeFileSync(join(dist, 'cert-worker.js'), [
  '// The certificate worker: each message is one request from src/worker.js.',
  `import init, { handle } from './${glue}';`,
  '',
  `const ready = init({ module_or_path: new URL('./${wasm}', import.meta.url) });`,
  'self.onmessage = async ({ data }) => {',
  '  try {',
  '    await ready;',
  '    self.postMessage({ id: data.id, json: await handle(data.kind, data.files, data.password, data.now) });',
  '  } catch (e) {',
  "    self.postMessage({ id: data.id, error: 'The certificate reader failed. Reload the page and try again.' });",
  '  }',
  '};',
  '',
].join('\n'));
console.log(`place-worker: ${glue}, ${wasm}`);
