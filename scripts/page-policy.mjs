// Adds the origins config.json names (apiBase, when absolute, and
// allowedApiOrigins) to connect-src in the page's own Content-Security-Policy
// <meta>, so a host that sends no header still keeps requests on the origins
// it chose. A host that edits config.json later runs this again (README).
// Usage: node scripts/page-policy.mjs DIST (the build's hook, post-build.mjs,
// calls pagePolicy on every build).
import { readFileSync, writeFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The origin of an absolute http(s) address, or null for a path or empty. */
function originOf(text, key) {
  if (typeof text !== 'string' || text.trim() === '') return null;
  let url;
  try { url = new URL(text.trim()); } catch { return null; } // a path on this origin
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`config.json: ${key} "${text}" is not an http(s) address`);
  }
  return url.origin;
}

/** Rewrites connect-src in DIST/index.html from DIST/config.json; returns it. */
export function pagePolicy(dist) {
  const htmlPath = join(dist, 'index.html');
  const config = JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8'));
  const origins = new Set();
  const base = originOf(config.apiBase, 'apiBase');
  if (base) origins.add(base);
  for (const entry of config.allowedApiOrigins ?? []) {
    const origin = originOf(entry, 'allowedApiOrigins');
    if (!origin) throw new Error(`config.json: allowedApiOrigins entry "${entry}" is not an origin`);
    origins.add(origin);
  }

  const html = readFileSync(htmlPath, 'utf8');
  // The policy's <meta>, its attributes in any order and quoted or not (a
  // release build's HTML is minified). Idempotent: connect-src is rebuilt
  // from 'self' each time.
  const meta = html.match(/<meta\b[^>]*\bhttp-equiv="?Content-Security-Policy"?[^>]*>/i)?.[0];
  const connect = /(connect-src )[^;"]*/;
  if (!meta || !connect.test(meta)) throw new Error(`${htmlPath}: no Content-Security-Policy meta with connect-src`);
  const sources = ["'self'", ...origins].join(' ');
  writeFileSync(htmlPath, html.replace(meta, meta.replace(connect, `$1${sources}`)));
  return sources;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`connect-src ${pagePolicy(process.argv[2] || 'dist')}`);
}
