// Modern app-only authentication, the method a current (v8) server takes:
// which methods each version offers and why, the connection step ("Configure
// connection to Microsoft 365") with its bad input, and organizations added
// on v8 and v7, each checked through GET /Organizations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, organizations, walkToReview, addAndSignIn, heading, next, exact,
  expectNoAxeViolations, screenshot, appOnly, chooseCertificate, V7, recordBodies,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const LEGACY = 'Modern authentication with legacy protocols allowed';
const APP_ONLY = 'Modern app-only authentication';
const BASIC = 'Basic authentication';

/** The hint under an option or field. */
async function hintOf(page, label) {
  const id = await page.getByLabel(label, exact).getAttribute('id');
  return page.locator(`#${id}-hint`).innerText();
}

test('a v8 server: app-only is chosen, legacy is disabled with the reason, basic only for China', async () => {
  const { page } = await openPage(browser);
  await next(page);
  await page.getByText('Backup server: version 8', { exact: true }).waitFor();
  assert.equal(await page.getByLabel(APP_ONLY, exact).isChecked(), true);
  assert.equal(await page.getByLabel(LEGACY, exact).isDisabled(), true);
  assert.match(await hintOf(page, LEGACY), /Version 8 of the backup server no longer adds organizations with legacy protocols/);
  assert.equal(await page.getByLabel(BASIC, exact).isDisabled(), true);
  assert.match(await hintOf(page, BASIC), /basic authentication only for China/);
  await expectNoAxeViolations(page, 'v8 methods');
  await screenshot(page, 'apponly-v8-methods');
  await page.getByLabel('China', exact).check();
  assert.equal(await page.getByLabel(BASIC, exact).isDisabled(), false);
  assert.equal(await page.getByLabel(LEGACY, exact).isDisabled(), true);
  await page.getByLabel('Germany', exact).check();
  // Germany has no app-only; v8 adds it through REST with legacy protocols.
  assert.equal(await page.getByLabel(APP_ONLY, exact).isDisabled(), true);
  assert.equal(await page.getByLabel(LEGACY, exact).isChecked(), true);
  await page.getByRole('status').getByText(/Modern app-only authentication was turned off\. Modern app-only authentication is not supported for Germany\./).waitFor();
  await expectNoAxeViolations(page, 'v8 Germany');
  await screenshot(page, 'apponly-v8-germany');
});

test('a v7 server offers all three, and app-only adds there too', async () => {
  const { page } = await openPage(browser, V7);
  await next(page);
  await page.getByText('Backup server: version 7 (as configured)', { exact: true }).waitFor();
  for (const method of [APP_ONLY, LEGACY, BASIC]) {
    assert.equal(await page.getByLabel(method, exact).isDisabled(), false, method);
  }
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await walkToReview(page, { primary: appOnly('ops@apponly-seven.onmicrosoft.com') });
  const id = await addAndSignIn(page);
  const org = (await organizations('v7')).find((o) => o.id === id);
  assert.equal(org.name, 'apponly-seven.onmicrosoft.com');
  assert.equal(org.exchangeOnlineSettings.useApplicationOnlyAuth, true);
});

test('the connection step: every bad answer has its own message, and nothing typed is lost', async () => {
  const { page } = await openPage(browser);
  await next(page);
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
  await page.getByText('Use an existing Microsoft Entra ID application').waitFor();
  assert.equal(await page.getByLabel('App password', exact).count(), 0, 'app-only asks no password');
  assert.equal(await page.getByLabel('Application secret', exact).count(), 0, 'nor a secret');
  await next(page);
  const summary = page.locator('.m365w-error-summary');
  await summary.getByText('modern app-only authentication has no secret').waitFor();
  await expectNoAxeViolations(page, 'app-only empty step');
  await screenshot(page, 'apponly-errors');
  await page.getByLabel('Use an existing Microsoft Entra ID application', exact).check();

  await page.getByLabel('Application ID', exact).fill('0b5f2a4e-7c1d');
  await page.getByLabel('Username', exact).fill('ops@bad-input.onmicrosoft.com');
  await page.getByLabel('Organization name', exact).fill('https://bad-input.sharepoint.com');
  // A file with a certificate and no private key.
  await chooseCertificate(page, { files: ['openssl-certonly.p12'], password: 'Fixture-Passw0rd' }, { choice: false });
  await next(page);
  await summary.getByText(/32 hexadecimal digits/).waitFor();
  await summary.getByText(/without https:\/\//).waitFor();
  await summary.getByText(/private key/).waitFor();
  for (const label of ['Application ID', 'Organization name']) {
    assert.equal(await page.getByLabel(label, exact).getAttribute('aria-invalid'), 'true', label);
  }
  await expectNoAxeViolations(page, 'app-only bad input');
  // Each fixed in place; what was typed elsewhere stays.
  await page.getByLabel('Application ID', exact).fill('0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90');
  await page.getByLabel('Organization name', exact).fill('bad-input.onmicrosoft.com');
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: 'Fixture-Passw0rd' }, { choice: false });
  await page.locator('.m365w-card').waitFor();
  assert.equal(await page.getByLabel('Username', exact).inputValue(), 'ops@bad-input.onmicrosoft.com');
  await expectNoAxeViolations(page, 'app-only certificate card');
  await screenshot(page, 'apponly-filled');
  await next(page);
  await heading(page, 'Review');
  const review = await page.locator('.m365w-review').innerText();
  for (const shown of ['Modern app-only authentication', '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90', 'CN=wizard-fixture-rsa2048',
    'ops@bad-input.onmicrosoft.com', 'bad-input.onmicrosoft.com']) {
    assert.ok(review.includes(shown), `${shown} in ${review}`);
  }
  assert.ok(!review.includes('Fixture-Passw0rd'));
  await expectNoAxeViolations(page, 'app-only review');
  await screenshot(page, 'apponly-review');
});

test('SharePoint Online only: the organization name is required and names the organization', async () => {
  const { page } = await openPage(browser);
  const bodies = recordBodies(page);
  await page.getByLabel('Exchange Online', exact).uncheck();
  await next(page);
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
  assert.equal(await page.getByLabel('Username', exact).count(), 0, 'no Exchange, no impersonation account');
  assert.match(await hintOf(page, 'Organization name'), /Needed because only SharePoint Online is chosen/);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await walkToReview(page, {
    exchange: false,
    primary: appOnly(undefined, { orgName: 'SPO-Only.onmicrosoft.com' }),
  });
  const id = await addAndSignIn(page);
  const org = (await organizations('v8')).find((o) => o.id === id);
  assert.equal(org.name, 'spo-only.onmicrosoft.com');
  const sent = bodies.at(-1);
  assert.equal(sent.exchangeOnlineSettings, undefined);
  assert.equal(sent.sharePointOnlineSettings.officeOrganizationName, 'spo-only.onmicrosoft.com');
  assert.equal(sent.sharePointOnlineSettings.account, undefined);
});

test('Teams posts (v8) are offered with app-only and sent', async () => {
  const { page } = await openPage(browser);
  await page.getByLabel('Microsoft Teams', exact).check();
  // The version is found at start: v8 calls Teams chats "Teams posts".
  await page.getByLabel('Teams posts', exact).check();
  await expectNoAxeViolations(page, 'teams posts');
  await page.getByLabel('Exchange Online', exact).focus();
  await walkToReview(page, { primary: appOnly('ops@posts.onmicrosoft.com') });
  assert.match(await page.locator('.m365w-review').innerText(), /Teams posts/);
  const id = await addAndSignIn(page);
  const org = (await organizations('v8')).find((o) => o.id === id);
  assert.equal(org.isTeamsChatsOnline, true);
});
