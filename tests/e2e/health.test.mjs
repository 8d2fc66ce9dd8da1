// Check connections, against simulators started like `make serve` (healthy,
// legacy, expired, unregistered, unconsented and syncing organizations):
// every state named, "Needs attention" exact with the filter inside it, the
// CSV read back, a renewal, a grant and a move to app-only from their rows,
// each confirmed by the server's sync, "Check again", a session that
// outlives its token, v7 (at most four states in flight) and v6 (the jobs),
// states that are malformed or refused; axe on every new state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  launch, session, exact, expectNoAxeViolations, screenshot, startSim, signIn, heading, next,
  chooseCertificate, CORPUS_PASSWORD, arm, until,
} from './support.mjs';

let browser;
const sims = [];
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  for (const sim of sims) sim.stop();
});

/** A simulator of its own, like `make serve`'s, with `more` arguments. */
async function demoSim(more = []) {
  const sim = await startSim(['--static', 'target/www', '--csp', '--demo-organizations', '--sync-millis', '600', ...more]);
  sims.push(sim);
  return sim;
}

/** The row of the organization `tenant`. */
const row = (page, tenant) => page.locator('.m365w-connection', { has: page.getByRole('heading', { name: `${tenant}.onmicrosoft.com`, exact: true }) });

/** The state a row says. */
const state = async (page, tenant) => (await row(page, tenant).locator('.m365w-connection-state').innerText()).trim();

/** Opens Check connections on `version` and signs in. */
async function openCheck(page, sim, version) {
  await page.goto(`${sim.url}/?apiVersion=${version}&check`);
  await page.getByRole('heading', { level: 1, name: 'Check connections' }).waitFor();
  await signIn(page);
  await page.locator('.m365w-connection').first().waitFor();
}

test('v8: every state named, the attention view exact, the filter inside it, the CSV read back', async () => {
  const sim = await demoSim();
  const { page } = await session(browser);
  const calls = [];
  page.on('request', (r) => { if (/\/v8\//.test(r.url())) calls.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  await openCheck(page, sim, 'v8');
  await page.getByText('4 of 6 organizations need attention.').waitFor();
  assert.match(await state(page, 'contoso'), /Certificate expired on 25 November 2026/);
  assert.match(await state(page, 'adatum'), /Certificate not registered in Entra ID/);
  assert.match(await state(page, 'tailspin'), /Consent missing/);
  assert.match(await state(page, 'fabrikam'), /Legacy authentication: move to modern app-only/);
  assert.match(await state(page, 'wingtip'), /Checking/);
  assert.match(await state(page, 'northwind'), /Connected/);
  // One request for every state, none per organization.
  assert.deepEqual(calls.filter((c) => c.startsWith('GET')), ['GET /v8/Organizations', 'GET /v8/Organizations/SyncState']);
  // The failing ones first; their words one click away.
  const names = await page.locator('.m365w-connection-name').allInnerTexts();
  assert.deepEqual(names.slice(0, 4).map((n) => n.split('.')[0]).sort(), ['adatum', 'contoso', 'fabrikam', 'tailspin']);
  await row(page, 'contoso').getByText('Why', exact).click();
  await row(page, 'contoso').getByText("Found key 'Start=11/26/2025 18:56:32, End=11/25/2026 23:59:59'", { exact: false }).waitFor();
  await expectNoAxeViolations(page, 'check: every state');
  await screenshot(page, 'check-connections-v8');
  // Needs attention: exactly those four; the filter works inside it.
  const toggle = page.getByRole('button', { name: 'Needs attention (4)', exact: true });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.m365w-connection').count(), 4);
  await page.getByLabel('Filter', exact).fill('tail');
  assert.deepEqual(await page.locator('.m365w-connection-name').allInnerTexts(), ['tailspin.onmicrosoft.com']);
  await page.getByLabel('Filter', exact).fill('');
  await expectNoAxeViolations(page, 'check: needs attention');
  // The CSV of the list as filtered.
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV', exact: true }).click();
  const download = await pending;
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'Organization,Authentication method,State,Reason,Certificate expiry,Certificate thumbprint,Last checked');
  assert.equal(lines.filter((l) => /^[a-z]+\.onmicrosoft\.com,/.test(l)).length, 4);
  const contoso = lines.find((l) => l.startsWith('contoso.onmicrosoft.com,'));
  assert.match(contoso, /,Certificate expired on 25 November 2026,".*AADSTS700027.*",2026-11-25,/);
});

test('v8: a renewal, a grant and a move to app-only from their rows, each confirmed by the server', async () => {
  const sim = await demoSim();
  const { page } = await session(browser);
  await openCheck(page, sim, 'v8');
  // Renew: an existing application, the certificate field ready.
  await row(page, 'contoso').getByRole('button', { name: 'Renew certificate', exact: true }).click();
  await heading(page, 'Configure connection to Microsoft 365');
  assert.equal(await page.getByRole('heading', { level: 2, name: 'Configure connection to Microsoft 365' }).evaluate((h) => h === document.activeElement), true);
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
  await next(page);
  await heading(page, 'Review');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
  await page.getByText('Microsoft 365 accepted the connection', { exact: false }).waitFor({ timeout: 15000 });
  await expectNoAxeViolations(page, 'check: renewal confirmed');
  await screenshot(page, 'check-renewal-confirmed');
  await page.getByRole('button', { name: 'Back to Check connections', exact: true }).click();
  await page.getByText('3 of 6 organizations need attention.').waitFor();
  assert.match(await state(page, 'contoso'), /Connected/);
  // Grant: the grant box on, a sign-in with a code.
  await row(page, 'tailspin').getByRole('button', { name: 'Grant permissions', exact: true }).click();
  await heading(page, 'Configure connection to Microsoft 365');
  assert.equal(await page.getByLabel('Grant the required permissions to this application and register its certificate in Microsoft Entra ID', exact).isChecked(), true);
  // The server keeps only the certificate's thumbprint: an edit gives it again.
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
  await next(page);
  await heading(page, 'Log in to Microsoft 365');
  const code = (await page.locator('.m365w-device-code').innerText()).trim();
  assert.equal((await fetch(`${sim.url}/_sim/device-codes/${encodeURIComponent(code)}/sign-in`, { method: 'POST' })).status, 204);
  await heading(page, 'Review');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Microsoft 365 accepted the connection', { exact: false }).waitFor({ timeout: 15000 });
  await page.getByRole('button', { name: 'Back to Check connections', exact: true }).click();
  await page.getByText('2 of 6 organizations need attention.').waitFor();
  // Move to app-only: the method chosen, the certificate to give.
  await row(page, 'fabrikam').getByRole('button', { name: 'Move to app-only', exact: true }).click();
  await heading(page, 'Configure connection to Microsoft 365');
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
  await next(page);
  await heading(page, 'Review');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Microsoft 365 accepted the connection', { exact: false }).waitFor({ timeout: 15000 });
  await page.getByRole('button', { name: 'Back to Check connections', exact: true }).click();
  await page.getByText('1 of 6 organizations needs attention.').waitFor();
  assert.match(await state(page, 'fabrikam'), /Connected/);
});

test('Check again by keyboard, and a session that outlives its token', async () => {
  const sim = await demoSim(['--token-lifetime', '3']);
  const { page } = await session(browser);
  const grants = [];
  page.on('request', (r) => { if (r.url().endsWith('/token')) grants.push(r.postData() ?? ''); });
  await openCheck(page, sim, 'v8');
  // Past the token's lifetime: renewed with the refresh token, no password asked.
  await until(() => grants.some((g) => g.includes('grant_type=refresh_token')), 'the renewal', 6000);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await page.getByLabel('Server password', exact).count(), 0);
  const again = row(page, 'northwind').getByRole('button', { name: 'Check again', exact: true });
  await again.focus();
  await page.keyboard.press('Enter');
  await page.getByText('northwind.onmicrosoft.com: Connected', exact).waitFor({ timeout: 10000 });
  assert.equal(await page.getByLabel('Server password', exact).count(), 0);
  // The focus stays on the row's button.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Check again');
});

test('by keyboard: a fix opens on its step, and Cancel comes back to the list', async () => {
  const sim = await demoSim();
  const { page } = await session(browser);
  await openCheck(page, sim, 'v8');
  await page.getByText('4 of 6 organizations need attention.').waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
  // Tab to contoso's fix: the first "Renew certificate" in the list.
  await row(page, 'fabrikam').getByRole('button', { name: 'Move to app-only', exact: true }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Renew certificate');
  await page.keyboard.press('Enter');
  await heading(page, 'Configure connection to Microsoft 365');
  await until(async () => (await focused()) === 'Configure connection to Microsoft 365', 'the focus on the step heading');
  // Cancel, then Discard: the list again, its heading focused, the session kept.
  await page.getByRole('button', { name: 'Cancel', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Discard', exact: true }).focus();
  await page.keyboard.press('Enter');
  await until(async () => (await focused()) === 'Organizations and their connections', 'the focus on the list');
  assert.equal(await page.getByLabel('Server password', exact).count(), 0);
  await page.getByText('4 of 6 organizations need attention.').waitFor();
});

test('v7: states one by one, never more than four in flight; some refused, some malformed', async () => {
  const sim = await demoSim(['--organizations', '40']);
  const { page } = await session(browser, { allow: [/status of 500/] });
  let inFlight = 0;
  let most = 0;
  const isState = (r) => /\/v7\/Organizations\/[^/]+\/SyncState$/.test(r.url());
  page.on('request', (r) => { if (isState(r)) { inFlight += 1; most = Math.max(most, inFlight); } });
  const done = (r) => { if (isState(r)) inFlight -= 1; };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  await arm('sync_state', { kind: 'status', status: 500 }, sim.url);
  await arm('sync_state', { kind: 'answer', body: '<b>not json</b>' }, sim.url);
  await arm('sync_state', { kind: 'answer', body: JSON.stringify({ status: 'Error', error: `<img src=x onerror=alert(1)>${'x'.repeat(3_000_000)}` }) }, sim.url);
  await openCheck(page, sim, 'v7');
  await page.getByText(/^\d+ of 46 organizations need attention\.$/).waitFor({ timeout: 20000 });
  assert.ok(most <= 4 && most >= 2, `at most four in flight (${most})`);
  const unknown = await page.locator('.m365w-connection', { hasText: 'Unknown' }).count();
  assert.ok(unknown >= 2, `the refused and malformed states are Unknown (${unknown})`);
  assert.equal(await page.locator('img[src=x]').count(), 0);
  await expectNoAxeViolations(page, 'check: v7');
});

test('v6: the jobs are all there is', async () => {
  const sim = await demoSim(['--versions', 'v6']);
  const { page } = await session(browser);
  await openCheck(page, sim, 'v6');
  await page.getByText('4 of 6 organizations need attention.').waitFor();
  assert.match(await state(page, 'contoso'), /Last backup failed on \d+ \w+ \d{4}/);
  assert.match(await state(page, 'northwind'), /Last backup succeeded on/);
  assert.match(await state(page, 'wingtip'), /Unknown/);
  assert.equal(await page.getByRole('button', { name: 'Check again', exact: true }).count(), 0);
  await expectNoAxeViolations(page, 'check: v6');
});
