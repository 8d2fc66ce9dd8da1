// Shared by the end-to-end tests: Debian's Chromium through playwright-core,
// and small helpers for the simulator's REST API.
import { afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

export const BASE = process.env.SIM_URL;
if (!BASE) throw new Error('SIM_URL is not set: run the end-to-end tests through `make test`.');

export { launch, startSim } from './browser.mjs';

// The browser logs every 4xx answer; refusals the API is meant to give
// (400 bad sign-in or duplicate, 401 expired token) are part of the tests.
const EXPECTED = [/Failed to load resource: the server responded with a status of 40[01] /];

/** Sessions the running test opened; checked and closed after it. */
const opened = new Set();

/**
 * Every page a test opens (with `session` or `openPage`) is checked after the
 * test for page errors (a wasm panic is one), console errors and CSP
 * violations, and its context is closed whether the test passed or not.
 * Registered once, for every test file that imports this module.
 */
afterEach(async () => {
  const sessions = [...opened];
  opened.clear();
  const found = [];
  for (const s of sessions) {
    found.push(...s.problems);
    await s.context.close().catch(() => {});
  }
  assert.deepEqual(found, [], 'the page reported errors');
});

/**
 * A new browser context and page, watched for errors. `allow` lists
 * console messages (regular expressions) this test provokes on purpose;
 * `problems` holds every other one.
 */
export async function session(browser, { allow = [] } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const allowed = [...EXPECTED, ...allow];
  const note = (text) => { if (!allowed.some((re) => re.test(text))) problems.push(text); };
  const watched = { context, page, problems };
  opened.add(watched);
  // The simulator serves a strict CSP; any violation is a failure.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  page.on('pageerror', (e) => note(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') note(`console: ${m.text()}`); });
  return watched;
}

/** A watched page (see `session`) opened at `path` of `base`. */
export async function openPage(browser, path = '/', base = BASE, options = {}) {
  const watched = await session(browser, options);
  await watched.page.goto(base + path);
  return watched;
}

/**
 * Waits until `page` has started or finished no request for `ms`: for
 * asserting that something is *not* sent, once the page has settled.
 */
export async function quiet(page, ms = 500) {
  let last = Date.now();
  const bump = () => { last = Date.now(); };
  const events = ['request', 'requestfinished', 'requestfailed'];
  for (const e of events) page.on(e, bump);
  try {
    while (Date.now() - last < ms) await new Promise((r) => setTimeout(r, 50));
  } finally {
    for (const e of events) page.off(e, bump);
  }
}

/** Polls `predicate` until it holds; fails after `ms`. */
export async function until(predicate, what, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function apiToken(version = 'v7', base = BASE) {
  const r = await fetch(`${base}/${version}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=admin&password=admin',
  });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
  return (await r.json()).access_token;
}

export async function organizations(version = 'v7', base = BASE) {
  const r = await fetch(`${base}/${version}/Organizations`, {
    headers: { authorization: `Bearer ${await apiToken(version, base)}` },
  });
  const body = await r.json();
  return Array.isArray(body) ? body : body.results;
}

export const exact = { exact: true };
const SAME = 'Use the same credentials for SharePoint Online, OneDrive for Business and Microsoft Teams';

let axeText;
function axeSource() {
  if (!axeText) {
    const path = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    axeText = readFileSync(path, 'utf8');
  }
  return axeText;
}

/**
 * Records the body of every POST the page sends to a path matching `path`
 * (a regular expression on the pathname), as `read` makes of its text: a live
 * array, filled as the requests go out.
 */
export function recordPosts(page, path, read = (text) => text) {
  const bodies = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && path.test(new URL(r.url()).pathname)) bodies.push(read(r.postData()));
  });
  return bodies;
}

/** The body of every POST …/Organizations the page sends, parsed. */
export const recordBodies = (page) => recordPosts(page, /\/Organizations$/, JSON.parse);

/** Axe-core on the page as it is now; fails with the rules and nodes it found. */
export async function expectNoAxeViolations(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Evaluated through the DevTools protocol, which the page's CSP does not
    // govern: a <script> tag would be (rightly) refused.
    await page.evaluate(axeSource());
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`);
  });
  if (result.length) throw new Error(`axe found problems in state "${state}":\n${result.join('\n')}`);
}

/** Saves a screenshot for people to look at (tests/e2e/artifacts, not committed). */
export async function screenshot(page, name) {
  await page.screenshot({ path: new URL(`./artifacts/${name}.png`, import.meta.url).pathname, fullPage: true });
}

export async function next(page) {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
}

export async function heading(page, name) {
  await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
}

/** The corpus of certificate files (tests/fixtures/certs). */
export const CERTS = new URL('../fixtures/certs/', import.meta.url).pathname;

/** The password of every protected file in the corpus. */
export const CORPUS_PASSWORD = 'Fixture-Passw0rd';

/**
 * App-only answers for the connection step: an existing application, an
 * OpenSSL 3 .pfx from the corpus, and `user` as the impersonation account
 * (the organization is then named by its domain). `more` overrides any.
 */
export function appOnly(user, more = {}) {
  return {
    appId: '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90',
    certificate: { files: ['openssl-default.p12'], password: CORPUS_PASSWORD },
    user,
    ...more,
  };
}

/** A server version pinned by the URL: the legacy and basic flows need v7 or v6. */
export const V7 = '/?apiVersion=v7';

/**
 * Walks the wizard from the first step to Review with `answers`:
 * { exchange, sharepoint, teams, chats, region,
 *   method: 'AppOnly' (the default) | 'Modern' (legacy protocols) | 'Basic',
 *   same, primary: {appId, certificate | secret, user, password, grant, orgName},
 *   sharepointCreds: {...} }
 */
export async function walkToReview(page, answers, check = async () => {}) {
  const method = answers.method ?? 'AppOnly';
  await heading(page, 'Services');
  const box = (label) => page.getByLabel(label, exact);
  if (answers.exchange === false) await box('Exchange Online').uncheck();
  if (answers.sharepoint === false) await box('SharePoint Online and OneDrive for Business').uncheck();
  if (answers.teams) await box('Microsoft Teams').check();
  if (answers.chats) await page.getByLabel(/^Teams (chats|posts)$/).check();
  await check('services');
  await next(page);

  await heading(page, 'Region and authentication method');
  // The version is asked before the method is chosen: wait for the answer
  // (or for the page to say it could not be found).
  await page.locator('.m365w-server-version').filter({ hasNotText: 'Checking the backup server' }).waitFor();
  if (answers.region) await box(answers.region).check();
  if (method === 'Modern') await box('Modern authentication with legacy protocols allowed').check();
  if (method === 'Basic') await box('Basic authentication').check();
  await check('region');
  await next(page);

  await fillCredentials(page, method, answers.primary);
  if (answers.same === false) await box(SAME).uncheck();
  await check('credentials');
  await next(page);

  if (answers.sharepointCreds) {
    await heading(page, 'SharePoint Online, OneDrive for Business and Microsoft Teams credentials');
    await fillCredentials(page, method, answers.sharepointCreds);
    await check('sharepoint-credentials');
    await next(page);
  }
  await heading(page, 'Review');
}

/** The Application ID every fixture application has. */
export const APP_ID = '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90';

/**
 * From the first step to "Configure connection to Microsoft 365" with an
 * existing application (its ID typed), the defaults kept on the way.
 */
export async function toExistingApplication(page) {
  await next(page);
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
  await page.getByLabel('Use an existing Microsoft Entra ID application', exact).check();
  await page.getByLabel('Application ID', exact).fill(APP_ID);
}

export async function fillCredentials(page, method, creds) { // page or a locator
  if (method === 'AppOnly') {
    // An Application ID means an existing application; without one the
    // server registers a new one (the default), named `appName` if given.
    if (creds.appId !== undefined) {
      await page.getByLabel('Use an existing Microsoft Entra ID application', exact).check();
      await page.getByLabel('Application ID', exact).fill(creds.appId);
      if (creds.configure) {
        await page.getByLabel('Grant the required permissions to this application and register its certificate in Microsoft Entra ID', exact).check();
      }
    } else if (creds.appName !== undefined) {
      await page.getByLabel('Application name', exact).fill(creds.appName);
    }
    await chooseCertificate(page, creds.certificate, { choice: false });
    if (creds.user !== undefined) await page.getByLabel('Username', exact).fill(creds.user);
    if (creds.orgName !== undefined) await page.getByLabel('Organization name', exact).fill(creds.orgName);
    return;
  }
  if (method !== 'Basic') {
    await page.getByLabel('Application ID', exact).fill(creds.appId);
    if (creds.certificate) {
      await chooseCertificate(page, creds.certificate);
    } else {
      await page.getByLabel('Application secret', exact).fill(creds.secret);
    }
  }
  await page.getByLabel('Username', exact).fill(creds.user);
  await page.getByLabel(method === 'Basic' ? 'Password' : 'App password', exact).fill(creds.password);
  // The grant box starts off for Exchange (its role is retired) and on for
  // SharePoint; `grant` sets it either way.
  if (creds.grant !== undefined) {
    await page.getByLabel('Grant this account required roles and permissions', exact).setChecked(creds.grant);
  }
}

/**
 * Gives the certificate field `files` (corpus names) and `password`, and
 * waits until the wizard has opened them. In the legacy flow (`choice`) the
 * certificate is chosen over a secret first.
 */
export async function chooseCertificate(page, { files, password }, { choice = true } = {}) {
  if (choice) await page.getByLabel('A certificate', exact).check();
  await page.getByLabel('Certificate', exact).setInputFiles(files.map((f) => `${CERTS}corpus/${f}`));
  await page.getByLabel('Certificate password', exact).fill(password);
  await page.getByLabel('Certificate password', exact).press('Tab');
  await page.locator('.m365w-file-status', { hasText: 'Chosen:' }).waitFor();
}

export async function signIn(page, password = 'admin') {
  await page.getByLabel('Server user name', exact).fill('admin');
  await page.getByLabel('Server password', exact).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** From Review: Add organization, sign in, wait for the outcome; returns the id. */
export async function addAndSignIn(page) {
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await heading(page, 'Finish');
  await signIn(page);
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  return page.locator('.m365w-org-id').innerText();
}

/** Arms a simulator fault for the next request to `target` (token, add, list). */
export async function arm(target, fault, base = BASE) {
  const r = await fetch(`${base}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target, fault }),
  });
  if (r.status !== 204) throw new Error(`arming ${target} failed: ${r.status}`);
}

/** Presses Tab until the focused element is named `name` (its label, aria-label or text). */
export async function tabTo(page, name) {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      const label = el.labels && el.labels[0] ? el.labels[0].innerText : '';
      return (label || el.getAttribute('aria-label') || el.innerText || '').trim();
    });
    if (here === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}
