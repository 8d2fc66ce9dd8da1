// Debian's Chromium through playwright-core, for the end-to-end tests and
// the benchmark (which must not load node:test, so this module does not).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Debian's Chromium, headless. Its start-up occasionally dies before the
 * DevTools pipe opens on a loaded 2-core machine (seen once in a clean CI
 * run); that is the browser failing to start, not the page failing, so the
 * launch alone is tried up to three times.
 */
export async function launch() {
  let last;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      return await chromium.launch({
        executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
        args: chromiumArgs,
      });
    } catch (e) {
      last = e;
      console.error(`chromium launch attempt ${attempt} failed: ${e.message.split('\n')[0]}`);
    }
  }
  throw last;
}

/**
 * Starts a simulator of its own (`target/<profile>/vb365-sim`) with `args`
 * on a free port; answers its URL and a function that stops it.
 */
export async function startSim(args, { profile = 'debug' } = {}) {
  const bin = new URL(`../../target/${profile}/vb365-sim`, import.meta.url).pathname;
  const child = spawn(bin, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/listening on (http:\/\/[^/]+)\//);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`simulator exited (${code}): ${seen}`)));
  });
  return { url, stop: () => child.kill() };
}
