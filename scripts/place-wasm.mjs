// Puts the page's WebAssembly into dist/ beside what Trunk built (index.html,
// the stylesheet, the icon, config.json): the wasm-bindgen glue, its snippets,
// the main module and the split-off modules (scripts/build.sh makes them).
//
// Every file gets one build hash in its name, so a changed build never meets
// a cached file of another; every script and wasm is fetched with an
// integrity hash the browser enforces. The loader goes into its own
// boot-<hash>.js: a strict Content-Security-Policy (script-src 'self')
// refuses inline scripts. Every URL is relative, so the page works under any
// sub-path and embedded from another page.
//
// Usage: node scripts/place-wasm.mjs DIST BUILT
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { transformSync } from 'esbuild';

const [dist, built] = process.argv.slice(2);
const NAME = 'm365-org-wizard';
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const read = (file) => readFileSync(join(built, file));
// The scripts as shipped: minified (the glue alone is about 4 KB less gzip).
const minify = (code) => transformSync(code, { minify: true, format: 'esm', target: 'es2022', charset: 'utf8' }).code;

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
  glue: `${NAME}-${id}.js`,
  wasm: `${NAME}-${id}_bg.wasm`,
  split: `${NAME}-${id}-split.js`,
  chunk: (file) => `${NAME}-${id}-${file.replace(/^split_/, '').replace(/_/g, '-')}`,
};

// The split loader: each module under its hashed name, fetched with integrity,
// and the glue it takes the main instance from.
let split = splitIn.replace(/from "\.\/[^"]+\.js";/, `from "./${names.glue}";`);
for (const chunk of chunks) {
  const bytes = read(chunk);
  const fetchOld = `fetch(new URL("./${chunk}", import.meta.url))`;
  if (!split.includes(fetchOld)) throw new Error(`__wasm_split.js does not fetch ${chunk}`);
  split = split.replace(fetchOld, `fetch(new URL("./${names.chunk(chunk)}", import.meta.url), { integrity: "${sri(bytes)}" })`);
  writeFileSync(join(dist, names.chunk(chunk)), bytes);
}
if (!split.includes(names.glue)) throw new Error('__wasm_split.js does not import the glue');

// The glue imports the split loader by its file name; the wasm's import
// module name ("./__wasm_split.js") stays as wasm-bindgen wrote it.
const splitImport = /^(import \* as \w+ from )"\.\/__wasm_split\.js"/m;
if (!splitImport.test(glueIn)) throw new Error('the glue does not import __wasm_split.js');
const glue = minify(glueIn.replace(splitImport, `$1"./${names.split}"`));
split = minify(split);

writeFileSync(join(dist, names.glue), glue);
writeFileSync(join(dist, names.split), split);
writeFileSync(join(dist, names.wasm), mainWasm);
const snippet = {};
for (const file of snippets) {
  mkdirSync(join(dist, dirname(file)), { recursive: true });
  snippet[file] = minify(read(file).toString('utf8'));
  writeFileSync(join(dist, file), snippet[file]);
}

const wasmIntegrity = sri(mainWasm);
const fetchWasm = `fetch(new URL('./${names.wasm}', import.meta.url), { integrity: '${wasmIntegrity}', mode: 'cors', credentials: 'same-origin' })`;
const boot = [
  `import init from './${names.glue}';`,
  `await init({ module_or_path: ${fetchWasm} });`,
  '',
].join('\n');
const bootName = `boot-${createHash('sha384').update(boot).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dist, bootName), boot);

// The stable entry for embedding hosts: loads the same module without
// mounting the page (main.rs mounts only on <body data-m365w-page>), then
// registers <m365-org-wizard> and re-exports mount().
writeFileSync(join(dist, 'embed.js'), [
  '// m365-org-wizard for embedding: <script type="module" src=".../embed.js"> registers',
  '// <m365-org-wizard>; `import { mount } from ".../embed.js"` mounts into any element.',
  `import init, { mount as mountWizard, defineElement, inspectCertificate as inspect, generateCertificate as generate } from './${names.glue}';`,
  `const wasm = await init({ module_or_path: ${fetchWasm} });`,
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

// index.html: the loader, and preloads for everything the first step needs
// (the split-off modules are fetched once the first step shows).
const modulepreload = (file, bytes) =>
  `<link rel="modulepreload" href="./${file}" crossorigin="anonymous" integrity="${sri(bytes)}">`;
const tags = [
  `<script type="module" src="./${bootName}" integrity="${sri(boot)}" crossorigin="anonymous"></script>`,
  modulepreload(names.glue, glue),
  modulepreload(names.split, split),
  ...snippets.map((file) => modulepreload(file.split('\\').join('/'), snippet[file])),
  `<link rel="preload" href="./${names.wasm}" crossorigin="anonymous" integrity="${wasmIntegrity}" as="fetch" type="application/wasm">`,
];
const htmlPath = join(dist, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
if (/<script type="module"/.test(html)) throw new Error(`${htmlPath}: already has a module script`);
html = html.replace('</head>', `  ${tags.join('\n    ')}\n  </head>`);
html = html.replace(/(href|src)="\/(?!\/)/g, '$1="./');
writeFileSync(htmlPath, html);
console.log(`place-wasm: ${names.glue}, ${chunks.length} split module(s)`);
