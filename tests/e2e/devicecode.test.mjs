// The device-code sign-in ("Log in to Microsoft 365"): the backup server
// registers a new application, or grants an existing one its permissions,
// after a Global Administrator signs in with a code. The simulator stands in
// for Microsoft: a test marks a code signed in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, openPage, session, organizations, heading, next, exact, signIn, arm,
  expectNoAxeViolations, screenshot, appOnly, fillCredentials, startSim, quiet, recordPosts,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Marks `code` signed in at the simulator at `base`, as a Global Administrator would. */
async function signInAtMicrosoft(code, base = BASE) {
  const r = await fetch(`${base}/_sim/device-codes/${encodeURIComponent(code)}/sign-in`, { method: 'POST' });
  assert.equal(r.status, 204, `marking ${code} signed in`);
}

/** From the first step to "Log in to Microsoft 365" with app-only `creds`. */
async function toMicrosoftSignIn(page, creds, services = async () => {}) {
  await heading(page, 'Services');
  await services(page);
  await next(page);
  await heading(page, 'Region and authentication method');
  await page.locator('.m365w-server-version').filter({ hasNotText: 'Checking the backup server' }).waitFor();
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
  await fillCredentials(page, 'AppOnly', creds);
  await next(page);
  await heading(page, 'Log in to Microsoft 365');
}

/** The code the step shows, once it shows one. */
async function shownCode(page) {
  const code = page.locator('.m365w-device-code');
  await code.waitFor();
  return (await code.innerText()).trim();
}

test('register a new application: sign in once, the code, the link, then the add', async () => {
  const { page } = await openPage(browser);
  const tokens = recordPosts(page, /\/token$/);
  const adds = recordPosts(page, /\/Organizations$/);
  await toMicrosoftSignIn(page, appOnly('ops@newapp.onmicrosoft.com', { appId: undefined, appName: 'Backup for Newapp' }));
  // The DeviceCode calls need the backup server's token: asked here, once.
  await expectNoAxeViolations(page, 'device code sign-in form');
  await signIn(page);
  const code = await shownCode(page);
  assert.match(code, /^[A-Z0-9]{9}$/);
  const link = page.getByRole('link', { name: 'https://microsoft.com/devicelogin' });
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await page.getByText(`enter the code ${code}`).waitFor();
  await page.getByRole('status').getByText('Waiting for a Global Administrator to sign in').waitFor();
  assert.match(await page.locator('.m365w-elapsed').innerText(), /The code expires in 1[45]:\d\d\./);
  await page.getByRole('button', { name: 'Copy code', exact: true }).waitFor();
  await expectNoAxeViolations(page, 'device code waiting');
  await screenshot(page, 'device-code-waiting');

  await signInAtMicrosoft(code);
  // Signed in: the next check moves the wizard on to Review by itself.
  await heading(page, 'Review');
  const review = await page.locator('.m365w-review').innerText();
  assert.match(review, /Register a new Microsoft Entra ID application automatically/);
  assert.match(review, /Backup for Newapp/);
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await heading(page, 'Finish');
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  assert.equal(await page.getByLabel('Server user name', exact).count(), 0, 'never asked twice');
  assert.equal(tokens.length, 1, 'one sign-in to the backup server');
  const body = JSON.parse(adds.at(-1));
  assert.equal(body.userCode, code);
  assert.equal(body.newApplicationName, 'Backup for Newapp');
  assert.equal(body.exchangeOnlineSettings.applicationId, undefined);
  const org = (await organizations('v8')).find((o) => o.name === 'newapp.onmicrosoft.com');
  assert.ok(org && org.exchangeOnlineSettings.applicationId, 'the server gave the new application an ID');
  // The only place a person learns the new application's ID: the outcome.
  assert.equal(await page.locator('.m365w-app-id').innerText(), org.exchangeOnlineSettings.applicationId);
});

/** Presses Tab until the focused element has this label or text. */
async function tabTo(page, name) {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      const label = el.labels && el.labels[0] ? el.labels[0].innerText : '';
      return (label || el.innerText || '').trim();
    });
    if (here === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('an existing application with the grant box, by keyboard: a slow check is never doubled', async () => {
  const { page, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  const adds = recordPosts(page, /\/Organizations$/);
  const checks = recordPosts(page, /\/DeviceCode\/check$/);
  await toMicrosoftSignIn(page, appOnly('ops@grant.onmicrosoft.com', { configure: true }));
  // The server sign-in and the code's buttons by keyboard alone.
  await tabTo(page, 'Server user name');
  await page.keyboard.type('admin');
  await tabTo(page, 'Server password');
  await page.keyboard.type('admin');
  await page.keyboard.press('Enter');
  const code = await shownCode(page);
  await tabTo(page, 'Copy code');
  await page.keyboard.press('Enter');
  await page.getByText('Copied.', { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  // The next check answers slowly: no second check goes out meanwhile.
  await arm('device_check', { kind: 'latency', ms: 8000 });
  const before = checks.length;
  // Wait for the slow check's own answer (its 8 s, not a guess), then count.
  await page.waitForResponse(
    (r) => r.url().endsWith('/DeviceCode/check') && r.request().timing().responseStart >= 7000,
    { timeout: 30000 },
  );
  assert.ok(checks.length - before <= 1, `${checks.length - before} checks while one was slow`);
  await signInAtMicrosoft(code);
  await heading(page, 'Review');
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  const body = JSON.parse(adds.at(-1));
  assert.equal(body.configureApplication, true);
  assert.match(body.userCode, /^[A-Z0-9]{9}$/);
  assert.equal(body.exchangeOnlineSettings.applicationId, '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90');
});

test('a code that expires gets a new one; leaving the step stops the checks', async () => {
  const short = await startSim(['--device-code-lifetime', '3', '--static', 'target/www', '--csp']);
  try {
    const { page, context, problems } = await openPage(browser, '/', short.url);
    await toMicrosoftSignIn(page, appOnly('ops@expiry.onmicrosoft.com', { appId: undefined }));
    await signIn(page);
    const first = await shownCode(page);
    await page.getByRole('status').getByText('The code expired before anyone signed in with it.').waitFor({ timeout: 10000 });
    await expectNoAxeViolations(page, 'device code expired');
    await screenshot(page, 'device-code-expired');
    await page.getByRole('button', { name: 'Get a new code', exact: true }).click();
    const second = await shownCode(page);
    assert.notEqual(second, first);

    // Leave the step: no check is sent after it.
    const checks = [];
    page.on('request', (r) => { if (r.url().endsWith('/DeviceCode/check')) checks.push(Date.now()); });
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await heading(page, 'Configure connection to Microsoft 365');
    const left = Date.now();
    // Silent for longer than a check interval (5 s): nothing polls any more.
    await quiet(page, 5500);
    assert.deepEqual(checks.filter((t) => t > left + 100), [], 'checks after leaving');
    // What was typed is still there.
    assert.equal(await page.getByLabel('Username', exact).inputValue(), 'ops@expiry.onmicrosoft.com');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    short.stop();
  }
});

test('the DeviceCode call failing says why and offers Try again; nothing typed is lost', async () => {
  const { page } = await openPage(browser, '/', BASE, { allow: [/status of 503 /] });
  await toMicrosoftSignIn(page, appOnly('ops@devicefault.onmicrosoft.com', { appId: undefined, appName: 'Kept name' }));
  await arm('device_code', { kind: 'status', status: 503 });
  await signIn(page);
  await page.getByRole('status').getByText('The backup server could not get a code').waitFor();
  await expectNoAxeViolations(page, 'device code failed');
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  const code = await shownCode(page);
  await signInAtMicrosoft(code);
  await heading(page, 'Review');
  assert.match(await page.locator('.m365w-review').innerText(), /Kept name/);
});

test('the embedded component asks its host for the token, and never for a sign-in', async () => {
  const { page } = await session(browser);
  await page.goto(`${BASE}/demo/`);
  const element = page.locator('m365-org-wizard');
  await element.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await fillCredentials(element, 'AppOnly', appOnly('ops@hosted-device.onmicrosoft.com', { appId: undefined }));
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await element.getByRole('heading', { level: 2, name: 'Log in to Microsoft 365' }).waitFor();
  const code = (await element.locator('.m365w-device-code').innerText()).trim();
  assert.equal(await element.getByLabel('Server user name', exact).count(), 0);
  await signInAtMicrosoft(code);
  await element.getByRole('heading', { level: 2, name: 'Review' }).waitFor();
  await element.getByRole('button', { name: 'Add organization', exact: true }).click();
  await page.getByText('Added hosted-device.onmicrosoft.com').waitFor();
  await quiet(page);
});

test('on a v7 server too, and a token refused on the way is renewed once', async () => {
  const { page } = await openPage(browser, '/?apiVersion=v7', BASE, { allow: [/status of 401 /] });
  const tokens = recordPosts(page, /\/token$/);
  const adds = recordPosts(page, /^\/v7\/Organizations$/);
  await toMicrosoftSignIn(page, appOnly('ops@seven-device.onmicrosoft.com', { appId: undefined }));
  // The DeviceCode call meets an expired token: the refresh token renews it.
  await arm('device_code', { kind: 'expired_token' });
  await signIn(page);
  const code = await shownCode(page);
  const grants = tokens.map((b) => b.match(/grant_type=(\w+)/)[1]);
  assert.deepEqual(grants, ['password', 'refresh_token']);
  await signInAtMicrosoft(code);
  await heading(page, 'Review');
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  assert.equal(adds.length, 1, 'sent to /v7/Organizations');
  assert.equal(JSON.parse(adds[0]).userCode, code);
});
