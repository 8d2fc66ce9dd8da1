// Trunk writes its wasm loader as an inline <script type="module"> (trunk-rs/trunk#288),
// which a strict Content-Security-Policy (script-src 'self') refuses. This moves it
// into dist/boot-<hash>.js, loaded by <script type="module" src> with an integrity
// hash, and makes every asset URL relative so the page works under any sub-path.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dist = process.argv[2] || 'dist';
const htmlPath = join(dist, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

const inline = /<script type="module"[^>]*>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) throw new Error(`${htmlPath}: Trunk's inline loader was not found`);

// Relative to the loader's own URL, not the page's, so hosting under a sub-path
// and embedding from another page both resolve the files next to it.
// The wasm is fetched with the integrity Trunk computed for its preload link,
// so the browser both reuses the preload and refuses altered bytes (the glue
// and snippets are covered by their modulepreload links' integrity).
const wasmIntegrity = html.match(/<link rel="preload" href="[^"]+\.wasm"[^>]*integrity="([^"]+)"/)?.[1];
if (!wasmIntegrity) throw new Error(`${htmlPath}: no integrity on the wasm preload link`);
const fetchWasm = (file) => `fetch(new URL('./${file}', import.meta.url), { integrity: '${wasmIntegrity}', mode: 'cors', credentials: 'same-origin' })`;
const loader = match[1]
  .replace(/from '\/([^']+)'/, "from './$1'")
  .replace(/module_or_path: '\/([^']+)'/, (_, file) => `module_or_path: ${fetchWasm(file)}`)
  .trim() + '\n';
const digest = createHash('sha384').update(loader).digest();
const name = `boot-${digest.subarray(0, 8).toString('hex')}.js`;
writeFileSync(join(dist, name), loader);

// The stable entry for embedding hosts: loads the same module without
// mounting the page (main.rs mounts only on <body data-m365w-page>), then
// registers <m365-org-wizard> and re-exports mount().
const js = loader.match(/from '\.\/([^']+\.js)'/)[1];
const wasm = loader.match(/new URL\('\.\/([^']+\.wasm)'/)[1];
writeFileSync(join(dist, 'embed.js'), [
  '// m365-org-wizard for embedding: <script type="module" src=".../embed.js"> registers',
  '// <m365-org-wizard>; `import { mount } from ".../embed.js"` mounts into any element.',
  `import init, { mount as mountWizard, defineElement, inspectCertificate as inspect, generateCertificate as generate } from './${js}';`,
  `const wasm = await init({ module_or_path: ${fetchWasm(wasm)} });`,
  'defineElement();',
  'export const mount = mountWizard;',
  '/** Resolves with the inspector\'s JSON for certificate files (Uint8Array[]) and a password. */',
  'export const inspectCertificate = (files, password) => inspect(files, password);',
  '/** Resolves with the JSON of a certificate generated in the browser (WebCrypto): its card and its .pfx, protected by the password. */',
  'export const generateCertificate = (subject, years, bits, password) => generate(subject, years, bits, password);',
  '/** Bytes of WebAssembly memory in use (for the benchmark\'s memory figure). */',
  'export const memoryBytes = () => wasm.memory.buffer.byteLength;',
  '',
].join('\n'));

const integrity = `sha384-${digest.toString('base64')}`;
html = html.replace(inline, `<script type="module" src="./${name}" integrity="${integrity}" crossorigin="anonymous"></script>`);
html = html.replace(/(href|src)="\/(?!\/)/g, '$1="./');
writeFileSync(htmlPath, html);
console.log(`extract-loader: ${name}`);
