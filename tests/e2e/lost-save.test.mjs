// A lost answer to Save. The simulator saves the PUT, then closes the
// connection before any byte of the answer (close_after_commit); Chromium
// sends an idempotent request again by itself when a reused connection closes
// so, and the server answers the repeat. Renewing with an imported
// certificate, the repeat saves the same thing; through the server's
// registration, the repeat carries the device code the first one spent, and
// the server refuses it. Either way the page must read the organization back
// and say "Organization updated", and never send a spent code again. Each on
// v8 and v7, each on a simulator of its own (a fresh northwind).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, session, exact, expectNoAxeViolations, screenshot, startSim, signIn, heading, next,
  chooseCertificate, CORPUS_PASSWORD, organizations, arm, quiet,
} from './support.mjs';

let browser;
const sims = [];
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  for (const sim of sims) sim.stop();
});

const NORTHWIND = 'northwind.onmicrosoft.com';
const GRANT = 'Grant the required permissions to this application and register its certificate in Microsoft Entra ID';

/** A simulator like `make serve`'s, with the demo organizations. */
async function freshSim() {
  const sim = await startSim(['--static', 'target/www', '--csp', '--demo-organizations']);
  sims.push(sim);
  return sim;
}

/** Northwind's certificate thumbprint on `sim`. */
async function heldThumbprint(sim, version) {
  const found = (await organizations(version, sim.url)).find((o) => o.name === NORTHWIND);
  return found.exchangeOnlineSettings.applicationCertificateThumbprint;
}

/**
 * Every PUT the page sends, with its device code and the status the page
 * got back (Chromium's own repeat is not a request of the page's: only its
 * answer shows).
 */
function recordPuts(page) {
  const puts = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT') puts.push({ userCode: JSON.parse(r.postData()).userCode, status: null, request: r });
  });
  page.on('requestfinished', async (r) => {
    const put = puts.find((p) => p.request === r);
    if (put) put.status = (await r.response())?.status() ?? null;
  });
  page.on('requestfailed', (r) => {
    const put = puts.find((p) => p.request === r);
    if (put) put.status = 'failed';
  });
  return puts;
}

/** Opens the edit task on `version`, chooses northwind, reaches the connection step. */
async function toConnection(page, sim, version) {
  await page.goto(`${sim.url}/?edit&apiVersion=${version}`);
  await heading(page, 'Organization');
  await signIn(page);
  await page.getByLabel(NORTHWIND, exact).check();
  await next(page);
  await heading(page, 'Services');
  await next(page);
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
}

/** Signs in with the device code on screen, as a Global Administrator would; answers it. */
async function signInWithCode(page, sim) {
  await heading(page, 'Log in to Microsoft 365');
  const code = (await page.locator('.m365w-device-code').innerText()).trim();
  const r = await fetch(`${sim.url}/_sim/device-codes/${encodeURIComponent(code)}/sign-in`, { method: 'POST' });
  assert.equal(r.status, 204);
  await heading(page, 'Review');
  return code;
}

for (const version of ['v8', 'v7']) {
  test(`${version}: renewal by import, the connection cut after Save: updated, saved once`, async () => {
    const sim = await freshSim();
    const { page } = await session(browser);
    const puts = recordPuts(page);
    await toConnection(page, sim, version);
    await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
    const thumbprint = (await page.locator('.m365w-card-row', { hasText: 'Thumbprint (SHA-1)' }).locator('dd').innerText()).trim();
    await next(page);
    await heading(page, 'Review');
    await arm('edit', { kind: 'close_after_commit' }, sim.url);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
    assert.equal(await page.locator('.m365w-thumbprint').innerText(), thumbprint);
    assert.equal(await heldThumbprint(sim, version), thumbprint);
    await quiet(page);
    assert.equal(puts.length, 1, 'the page sent one PUT');
  });

  test(`${version}: renewal through the server's registration, the connection cut after Save: updated, the code never sent again`, async () => {
    const sim = await freshSim();
    const { page } = await session(browser);
    const puts = recordPuts(page);
    await toConnection(page, sim, version);
    await page.getByLabel(GRANT, exact).check();
    await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
    const thumbprint = (await page.locator('.m365w-card-row', { hasText: 'Thumbprint (SHA-1)' }).locator('dd').innerText()).trim();
    await next(page);
    const code = await signInWithCode(page, sim);
    await arm('edit', { kind: 'close_after_commit' }, sim.url);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
    // Chromium's repeat met the spent code: the page got that refusal, and
    // read the organization back before saying anything.
    assert.equal(puts.length, 1, 'the page sent one PUT');
    assert.equal(puts[0].userCode, code);
    assert.equal(puts[0].status, 400, 'the answer the page got was the refusal of the repeat');
    await page.getByText('the server refused that repeat. Reading the organization back shows it holds what you saved.').waitFor();
    assert.equal(await page.locator('.m365w-thumbprint').innerText(), thumbprint);
    assert.equal(await heldThumbprint(sim, version), thumbprint);
    await expectNoAxeViolations(page, `edit: updated after the repeat was refused (${version})`);
    await screenshot(page, `edit-lost-save-registration-${version}`);
    await quiet(page);
    assert.equal(puts.length, 1, 'nothing sent again');
  });
}

test('a refused Save through the registration spent its code: "Get a new code", never "Try again" with it', async () => {
  const sim = await freshSim();
  const { page } = await session(browser);
  const puts = recordPuts(page);
  await toConnection(page, sim, 'v8');
  await page.getByLabel(GRANT, exact).check();
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
  const thumbprint = (await page.locator('.m365w-card-row', { hasText: 'Thumbprint (SHA-1)' }).locator('dd').innerText()).trim();
  const before = await heldThumbprint(sim, 'v8');
  await next(page);
  const first = await signInWithCode(page, sim);
  await arm('edit', {
    kind: 'refuse',
    message: "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.",
  }, sim.url);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const failure = page.locator('.m365w-failure', { hasText: 'Saving the organization did not finish' });
  await failure.getByText('AADSTS50076').waitFor();
  // Read back first: the organization still holds its old certificate.
  assert.equal(await heldThumbprint(sim, 'v8'), before);
  assert.equal(await page.getByRole('button', { name: 'Try again', exact: true }).count(), 0);
  await page.getByText('a code works only once').waitFor();
  await expectNoAxeViolations(page, 'edit: the code spent by a refused save');
  await screenshot(page, 'edit-code-spent');
  await page.getByRole('button', { name: 'Get a new code', exact: true }).click();
  const second = await signInWithCode(page, sim);
  assert.notEqual(second, first, 'a new code');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
  assert.equal(await heldThumbprint(sim, 'v8'), thumbprint);
  assert.deepEqual(puts.map((p) => p.userCode), [first, second], 'each code went out once');
});
