// Puts the page's WebAssembly into dist/ beside what Trunk built (index.html,
// the stylesheet, the icon, config.json): the wasm-bindgen glue, its snippets,
// the main module and the split-off modules (scripts/build.sh makes them).
//
// The scripts become one minified boot-<hash>.js (a strict
// Content-Security-Policy, script-src 'self', refuses inline scripts); the
// wasm files get the build's hash in their names, so a changed build never
// meets a cached file of another. Every script and wasm is fetched with an
// integrity hash the browser enforces. Every URL is relative, so the page
// works under any sub-path and embedded from another page.
//
// Usage: node scripts/place-wasm.mjs DIST BUILT
import { readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { buildSync } from 'esbuild';

const [dist, built] = process.argv.slice(2);
const NAME = 'm365-org-wizard';
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const read = (file) => readFileSync(join(built, file));

const glueIn = read(`${NAME}.js`).toString('utf8');
const splitIn = read('__wasm_split.js').toString('utf8');
const mainWasm = read(`${NAME}_bg.wasm`);
const chunks = readdirSync(built).filter((f) => /^split_.+\.wasm$/.test(f)).sort();
if (chunks.length === 0) throw new Error(`${built}: no split module (split_*.wasm)`);

const snippets = [];
(function walk(dir) {
  for (const entry of readdirSync(join(built, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else snippets.push(path);
  }
})('snippets');

const build = createHash('sha256');
for (const part of [glueIn, splitIn, mainWasm, ...chunks.map(read), ...snippets.map(read)]) build.update(part);
const id = build.digest('hex').slice(0, 16);

const names = {
  wasm: `${NAME}-${id}_bg.wasm`,
  chunk: (file) => `${NAME}-${id}-${file.replace(/^split_/, '').replace(/_/g, '-')}`,
};

// The split loader: each module under its hashed name, fetched with integrity.
let split = splitIn;
for (const chunk of chunks) {
  const bytes = read(chunk);
  const fetchOld = `fetch(new URL("./${chunk}", import.meta.url))`;
  if (!split.includes(fetchOld)) throw new Error(`__wasm_split.js does not fetch ${chunk}`);
  split = split.replace(fetchOld, `fetch(new URL("./${names.chunk(chunk)}", import.meta.url), { integrity: "${sri(bytes)}" })`);
  writeFileSync(join(dist, names.chunk(chunk)), bytes);
}
writeFileSync(join(dist, names.wasm), mainWasm);

// One script for the page: the loader, the glue, its snippets and the split
// loader, bundled, so the first visit makes one request for them instead of
// five (each waited for a connection). It starts the wasm itself and exports
// what embed.js re-exports.
const staging = join(built, 'bundle');
rmSync(staging, { recursive: true, force: true });
for (const file of snippets) {
  mkdirSync(join(staging, dirname(file)), { recursive: true });
  writeFileSync(join(staging, file), read(file));
}
writeFileSync(join(staging, `${NAME}.js`), glueIn);
writeFileSync(join(staging, '__wasm_split.js'), split);
const wasmIntegrity = sri(mainWasm);
const fetchWasm = `fetch(new URL('./${names.wasm}', import.meta.url), { integrity: '${wasmIntegrity}', mode: 'cors', credentials: 'same-origin' })`;
writeFileSync(join(staging, 'entry.js'), [
  `import init, { startPage } from './${NAME}.js';`,
  `export { mount, defineElement, inspectCertificate, generateCertificate } from './${NAME}.js';`,
  '// The static page fetches config.json (preloaded) while the wasm compiles,',
  '// and starts with whatever came back (src/static_page.rs).',
  "const page = document.body?.hasAttribute('data-m365w-page');",
  "const config = page && fetch('config.json')",
  "  .then(async (r) => [r.status, r.status === 200 ? await r.text() : ''])",
  "  .catch((e) => [0, '', String(e?.message ?? e)]);",
  `export const wasm = await init({ module_or_path: ${fetchWasm} });`,
  'if (page) startPage(...(await config));',
  '',
].join('\n'));
const bundled = buildSync({
  entryPoints: [join(staging, 'entry.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  charset: 'utf8',
  write: false,
  logLevel: 'warning',
});
const boot = bundled.outputFiles[0].text;
if (!boot.includes(names.wasm)) throw new Error('the bundle does not fetch the wasm');
const bootName = `boot-${createHash('sha384').update(boot).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dist, bootName), boot);

// The stable entry for embedding hosts: the same script (startPage mounts the
// page only on <body data-m365w-page>), then <m365-org-wizard> registered
// and mount() re-exported.
writeFileSync(join(dist, 'embed.js'), [
  '// m365-org-wizard for embedding: <script type="module" src=".../embed.js"> registers',
  '// <m365-org-wizard>; `import { mount } from ".../embed.js"` mounts into any element.',
  `import { wasm, mount as mountWizard, defineElement, inspectCertificate as inspect, generateCertificate as generate } from './${bootName}';`,
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

// index.html: the script, and the wasm fetched beside it (the split-off
// modules come once the first step shows).
const tags = [
  `<script type="module" src="./${bootName}" integrity="${sri(boot)}" crossorigin="anonymous"></script>`,
  `<link rel="preload" href="./${names.wasm}" crossorigin="anonymous" integrity="${wasmIntegrity}" as="fetch" type="application/wasm">`,
];
const htmlPath = join(dist, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
if (/<script type="module"/.test(html)) throw new Error(`${htmlPath}: already has a module script`);
html = html.replace('</head>', `  ${tags.join('\n    ')}\n  </head>`);
html = html.replace(/(href|src)="\/(?!\/)/g, '$1="./');
writeFileSync(htmlPath, html);
console.log(`place-wasm: ${bootName}, ${chunks.length} split module(s)`);
