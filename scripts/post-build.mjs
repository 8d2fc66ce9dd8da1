// Trunk's post_build hook (Trunk.toml): what Trunk cannot do for this page.
// Trunk has built both crates with cargo (the page with `--features split`,
// linked with its relocations: build.rs), run wasm-bindgen on the worker, and
// put the HTML, stylesheet, icon and config.json into its staging folder.
// This script, in that folder:
//
// 1. cuts the page's wasm at its split point (wasm-split-cli needs the
//    linker's output, so it reads cargo's file, not Trunk's wasm-bindgen
//    output), runs wasm-bindgen on the pieces and, in a release build,
//    wasm-opt on each;
// 2. bundles the entry (scripts/templates/entry.js: the Trusted Types
//    policies, the glue, its snippets and the split loader) into one
//    minified boot-<hash>.js (a strict Content-Security-Policy refuses inline
//    scripts), which fetches every module with an integrity hash; writes
//    embed.js (scripts/templates/embed.js), the stable entry for hosts;
// 3. wraps the worker's glue (scripts/templates/cert-worker.js) and its
//    message loop as cert-worker.js, the stable entry src/worker.js starts,
//    fetching its wasm with its hash;
// 4. adds the script and the wasm preload to index.html, makes every URL
//    relative (the page works under any sub-path), and writes config.json's
//    origins into the page's policy (page-policy.mjs).
//
// The templates are real JavaScript, checked with the rest by `make test`
// (tsconfig.json); `fill` refuses a placeholder it cannot find or leaves
// unfilled, and `edit` fails the build when a pattern it rewrites is no
// longer in what Trunk or wasm-bindgen wrote.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync, existsSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { pagePolicy } from './page-policy.mjs';
import { pruneStreamClasses } from './prune-streams.mjs';

const NAME = 'm365-org-wizard';
const WORKER = 'cert-worker';
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('post-build.mjs runs as Trunk\'s post_build hook (TRUNK_STAGING_DIR is unset)');
const release = process.env.TRUNK_PROFILE === 'release';
const cargoOut = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'wasm32-unknown-unknown', release ? 'release' : 'debug');
const work = join(root, 'target', 'page-wasm');
const tool = (name) => {
  const local = join(root, 'node_modules', '.bin', name);
  return existsSync(local) ? local : name;
};
const run = (command, args) => execFileSync(tool(command), args, { stdio: ['ignore', 'pipe', 'pipe'] });
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const hash = (...parts) => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest('hex').slice(0, 16);
};

/**
 * A template of scripts/templates/ with every __NAME__ in it replaced from
 * `values`; a name the template lacks, or one left unfilled, fails the build.
 */
function fill(template, values) {
  let text = readFileSync(join(root, 'scripts', 'templates', template), 'utf8');
  for (const [name, value] of Object.entries(values)) {
    const mark = `__${name}__`;
    if (!text.includes(mark)) throw new Error(`scripts/templates/${template} has no ${mark}`);
    text = text.split(mark).join(value);
  }
  const left = text.match(/__[A-Z][A-Z_]*__/);
  if (left) throw new Error(`scripts/templates/${template}: ${left[0]} is not filled in`);
  return text;
}

/**
 * `text` with `pattern` replaced; fails the build when the pattern is not
 * found, so a change in what Trunk or wasm-bindgen writes cannot silently
 * skip an edit. (`what` names the edit in the error.)
 */
function edit(text, pattern, replacement, what) {
  const found = typeof pattern === 'string' ? text.includes(pattern) : new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text);
  if (!found) throw new Error(`post-build: ${what}: its pattern ${pattern} is not in the output any more`);
  return text.replace(pattern, replacement);
}

/** wasm-opt as Trunk would run it (release only; a debug build stays readable). */
function optimize(from, to) {
  if (!release) {
    writeFileSync(to, readFileSync(from));
    return;
  }
  run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-reference-types', '--enable-multivalue', '--enable-mutable-globals', '-o', to, from]);
}

/** Trunk's own output for a crate: name-<hash>.js and name-<hash>_bg.wasm
 * for the page, name.js and name_bg.wasm for a worker. */
const trunkFiles = (crate) => readdirSync(staging).filter((f) => new RegExp(`^${crate}(-[0-9a-f]+)?(\\.js|_bg\\.wasm)$`).test(f));

// 1. The page's wasm, split.
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'split'), { recursive: true });
try {
  run('wasm-split-cli', [join(cargoOut, `${NAME}.wasm`), join(work, 'split'), '--out-name', NAME]);
} catch (e) {
  // It logs every split point it finds; shown only when it fails.
  process.stderr.write(e.stderr ?? '');
  throw e;
}
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', join(work, 'bound'),
  join(work, 'split', `${NAME}.wasm`)]);
const built = join(work, 'bound');
pruneStreamClasses(join(built, `${NAME}_bg.wasm`), join(built, `${NAME}.js`));
const read = (file) => readFileSync(join(built, file));
optimize(join(built, `${NAME}_bg.wasm`), join(work, `${NAME}_bg.wasm`));
const chunks = readdirSync(join(work, 'split')).filter((f) => /^split_.+\.wasm$/.test(f)).sort();
if (chunks.length === 0) throw new Error('wasm-split found no split point (split_*.wasm)');
for (const chunk of chunks) optimize(join(work, 'split', chunk), join(work, chunk));
const mainWasm = readFileSync(join(work, `${NAME}_bg.wasm`));
const chunkBytes = Object.fromEntries(chunks.map((c) => [c, readFileSync(join(work, c))]));
const glueIn = read(`${NAME}.js`).toString('utf8');
const splitIn = readFileSync(join(work, 'split', '__wasm_split.js'), 'utf8');

const snippets = [];
(function walk(dir) {
  if (!existsSync(join(built, dir))) return;
  for (const entry of readdirSync(join(built, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else snippets.push(path);
  }
})('snippets');

// Trunk's wasm-bindgen output of the unsplit page is replaced by this.
for (const file of trunkFiles(NAME)) rmSync(join(staging, file));
rmSync(join(staging, 'snippets'), { recursive: true, force: true });

// 2. Every module under the build's hash, fetched with its integrity.
const id = hash(glueIn, splitIn, mainWasm, ...Object.values(chunkBytes), ...snippets.map(read));
const names = {
  wasm: `${NAME}-${id}_bg.wasm`,
  chunk: (file) => `${NAME}-${id}-${file.replace(/^split_/, '').replace(/_/g, '-')}`,
};
let split = splitIn;
for (const chunk of chunks) {
  const fetchOld = `fetch(new URL("./${chunk}", import.meta.url))`;
  if (!split.includes(fetchOld)) throw new Error(`__wasm_split.js does not fetch ${chunk}`);
  split = split.replace(fetchOld, `fetch(new URL("./${names.chunk(chunk)}", import.meta.url), { integrity: "${sri(chunkBytes[chunk])}" })`);
  writeFileSync(join(staging, names.chunk(chunk)), chunkBytes[chunk]);
}
writeFileSync(join(staging, names.wasm), mainWasm);

// One script for the page: the loader, the glue, its snippets and the split
// loader, bundled, so a first visit makes one request for them instead of
// five. It starts the wasm and exports what embed.js re-exports.
const bundle = join(work, 'bundle');
for (const file of snippets) {
  mkdirSync(join(bundle, dirname(file)), { recursive: true });
  writeFileSync(join(bundle, file), read(file));
}
writeFileSync(join(bundle, `${NAME}.js`), glueIn);
writeFileSync(join(bundle, '__wasm_split.js'), split);
copyFileSync(join(root, 'src', 'trusted_types.js'), join(bundle, 'trusted_types.js'));
const wasmIntegrity = sri(mainWasm);
// The template imports the glue as ./m365-org-wizard.js and the policies as
// ./trusted_types.js, both written above.
writeFileSync(join(bundle, 'entry.js'), fill('entry.js', {
  WASM: names.wasm,
  WASM_INTEGRITY: wasmIntegrity,
}));
const boot = buildSync({
  entryPoints: [join(bundle, 'entry.js')],
  bundle: true,
  format: 'esm',
  minify: release,
  target: 'es2022',
  charset: 'utf8',
  write: false,
  logLevel: 'warning',
}).outputFiles[0].text;
if (!boot.includes(names.wasm)) throw new Error('the bundle does not fetch the wasm');
if (/intounderlying/i.test(boot)) throw new Error('the bundle still names a pruned wasm-streams export');
const bootName = `boot-${hash(boot)}.js`;
writeFileSync(join(staging, bootName), boot);

// The stable entry for embedding hosts: the same script (startPage mounts the
// page only on <body data-m365w-page>), then <m365-org-wizard> registered
// and mount() re-exported.
writeFileSync(join(staging, 'embed.js'), fill('embed.js', { BOOT: bootName.replace(/\.js$/, '') }));

// Its types, for TypeScript consoles (checked by make test: tests/types).
copyFileSync(join(root, 'src', 'embed.d.ts'), join(staging, 'embed.d.ts'));

// 3. The worker: its wasm under a content hash, fetched with its integrity by
// cert-worker.js, which is Trunk's wasm-bindgen glue plus the message loop.
const workerFiles = trunkFiles(WORKER);
const workerGlueFile = workerFiles.find((f) => f.endsWith('.js'));
const workerWasmFile = workerFiles.find((f) => f.endsWith('_bg.wasm'));
if (!workerGlueFile || !workerWasmFile) throw new Error(`Trunk built no ${WORKER} (in ${staging}: ${readdirSync(staging).join(', ')})`);
optimize(join(staging, workerWasmFile), join(work, `${WORKER}_bg.wasm`));
const workerBytes = readFileSync(join(work, `${WORKER}_bg.wasm`));
const workerWasm = `${WORKER}-${hash(workerBytes)}_bg.wasm`;
const workerGlue = readFileSync(join(staging, workerGlueFile), 'utf8');
if (!workerGlue.includes('async function __wbg_init(')) throw new Error('wasm-bindgen glue without __wbg_init');
for (const file of workerFiles) rmSync(join(staging, file));
writeFileSync(join(staging, workerWasm), workerBytes);
writeFileSync(join(staging, `${WORKER}.js`), [
  workerGlue,
  fill('cert-worker.js', { WASM: workerWasm, WASM_INTEGRITY: sri(workerBytes) }),
  readFileSync(join(root, 'crates', WORKER, 'src', 'message_loop.js'), 'utf8'),
].join('\n'));

// 4. index.html: the script and the first module's preload (the split-off
// modules come once the first step shows); relative URLs; the policy.
const tags = [
  `<script type="module" src="./${bootName}" integrity="${sri(boot)}" crossorigin="anonymous"></script>`,
  `<link rel="preload" href="./${names.wasm}" crossorigin="anonymous" integrity="${wasmIntegrity}" as="fetch" type="application/wasm">`,
];
const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
if (/<script type="module"/.test(html)) throw new Error(`${htmlPath}: already has a module script`);
// Trunk leaves the page's rust link when it injects no script, and blank
// lines where it took the worker's.
html = edit(html, /\s*<link[^>]*data-trunk[^>]*>/g, '', "the page's rust link Trunk leaves");
// Cosmetic only (a release build's minified HTML has no blank lines): not guarded.
html = html.replace(/\n[ \t]*(?=\n)/g, '');
html = edit(html, '</head>', `${tags.join('')}</head>`, 'the script and the preload before </head>');
// Trunk's minifier (release) leaves attribute values unquoted where it can.
html = edit(html, /(href|src)=("?)\/(?!\/)/g, '$1=$2./', 'root-relative URLs made relative');
if (!release) {
  // `trunk serve` injects its autoreload script inline; a development build
  // lets it run. A release build keeps the strict policy the tests check.
  html = edit(html, "script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'", "the development build's policy");
}
writeFileSync(htmlPath, html);
pagePolicy(staging);
console.log(`post-build: ${bootName}, ${chunks.length} split module(s), ${workerWasm}${release ? '' : ' (debug: not optimised)'}`);
