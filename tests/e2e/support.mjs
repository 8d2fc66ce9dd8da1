// Shared by the end-to-end tests: Debian's Chromium through playwright-core,
// and small helpers for the simulator's REST API.
import { chromium } from 'playwright-core';

export const BASE = process.env.SIM_URL;
if (!BASE) throw new Error('SIM_URL is not set: run the end-to-end tests through `make test`.');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page that fails the test on any uncaught page error (a wasm panic is one). */
export async function openPage(browser, path = '/') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The browser logs every 4xx answer; refusals the API is meant to give
  // (400 bad sign-in, 401 expired token) are part of the tests, not problems.
  const expected = /Failed to load resource: the server responded with a status of 40[01] /;
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(BASE + path);
  return { page, context, problems };
}

export async function apiToken(version = 'v7') {
  const r = await fetch(`${BASE}/${version}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=admin&password=admin',
  });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
  return (await r.json()).access_token;
}

export async function organizations(version = 'v7') {
  const r = await fetch(`${BASE}/${version}/Organizations`, {
    headers: { authorization: `Bearer ${await apiToken(version)}` },
  });
  const body = await r.json();
  return Array.isArray(body) ? body : body.results;
}
