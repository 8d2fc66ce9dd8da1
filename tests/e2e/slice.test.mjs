// The first vertical slice, driven in Chromium against the simulator: fill the
// Azure AD application credentials step, sign in to the backup server, add the
// organization, and check through the API that it exists as sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, organizations } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const exact = { exact: true };

async function fillCredentials(page, { appId, secret, user, password }) {
  await page.getByLabel('Application ID', exact).fill(appId);
  await page.getByLabel('Application secret', exact).fill(secret);
  await page.getByLabel('Username', exact).fill(user);
  await page.getByLabel('App password', exact).fill(password);
}

async function signIn(page, password = 'admin') {
  await page.getByLabel('Server user name', exact).fill('admin');
  await page.getByLabel('Server password', exact).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('adds an organization with the same credentials for both services', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.getByRole('heading', { name: 'Azure AD application credentials' }).waitFor();
  assert.match(await page.title(), /^Step 1 of 2/);
  for (const label of [
    'Grant this account required roles and permissions',
    'Use the same credentials for SharePoint Online, OneDrive for Business and Microsoft Teams',
  ]) {
    assert.equal(await page.getByLabel(label, exact).isChecked(), true, label);
  }

  await fillCredentials(page, {
    appId: ' {0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90} ',
    secret: 'kX8Q~e2e.secret_value',
    user: 'backup.admin@fabrikam.onmicrosoft.com',
    password: 'e2e-app-password',
  });
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { name: 'Add the organization' }).waitFor();
  assert.match(await page.title(), /^Step 2 of 2/);
  // Secrets appear only as "set" in the review.
  const review = await page.locator('.m365w-summary').first().innerText();
  assert.ok(!review.includes('kX8Q') && !review.includes('e2e-app-password'), review);
  assert.equal(await page.getByRole('button', { name: 'Add organization' }).count(), 0);

  await signIn(page);
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  const name = await page.locator('.m365w-org-name').innerText();
  const id = await page.locator('.m365w-org-id').innerText();
  assert.equal(name, 'fabrikam.onmicrosoft.com');

  const org = (await organizations('v7')).find((o) => o.id === id);
  assert.ok(org, `organization ${id} exists on the server`);
  assert.equal(org.name, 'fabrikam.onmicrosoft.com');
  assert.equal(org.type, 'Office365');
  assert.equal(org.region, 'Worldwide');
  assert.equal(org.isExchangeOnline, true);
  assert.equal(org.isSharePointOnline, true);
  for (const block of [org.exchangeOnlineSettings, org.sharePointOnlineSettings]) {
    assert.equal(block.account, 'backup.admin@fabrikam.onmicrosoft.com');
    assert.equal(block.applicationId, '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90');
    assert.equal(block.useMfa, true);
    assert.equal(block.grantAdminAccess, true);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a wrong server password is explained and nothing entered is lost', async () => {
  const { page, context, problems } = await openPage(browser);
  const answers = {
    appId: '11111111-2222-4333-8444-555555555555',
    secret: 'another~secret',
    user: 'admin@tailspin.onmicrosoft.com',
    password: 'pw',
  };
  await fillCredentials(page, answers);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await signIn(page, 'wrong');
  await page.getByText('The backup server refused the sign-in').waitFor();
  assert.equal(await page.getByLabel('Server user name', exact).inputValue(), 'admin');

  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('heading', { name: 'Azure AD application credentials' }).waitFor();
  assert.equal(await page.getByLabel('Application ID', exact).inputValue(), answers.appId);
  assert.equal(await page.getByLabel('Application secret', exact).inputValue(), answers.secret);
  assert.equal(await page.getByLabel('Username', exact).inputValue(), answers.user);
  assert.deepEqual(problems, []);
  await context.close();
});

test('separate SharePoint credentials add a step and are sent in their own block', async () => {
  const { page, context, problems } = await openPage(browser);
  await fillCredentials(page, {
    appId: '22222222-2222-4222-8222-222222222222',
    secret: 'exo~secret',
    user: 'exo.admin@northwind.onmicrosoft.com',
    password: 'exo-pw',
  });
  await page.getByLabel('Use the same credentials for SharePoint Online, OneDrive for Business and Microsoft Teams', exact).uncheck();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { name: /^SharePoint Online, OneDrive for Business and Microsoft Teams credentials$/ }).waitFor();
  assert.match(await page.title(), /^Step 2 of 3/);

  // Next on the empty step: the summary lists the problems and takes focus.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByText('There is a problem').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('m365w-error-summary')), true);

  await fillCredentials(page, {
    appId: '33333333-3333-4333-8333-333333333333',
    secret: 'spo~secret',
    user: 'spo.admin@northwind.onmicrosoft.com',
    password: 'spo-pw',
  });
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await signIn(page);
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  const id = await page.locator('.m365w-org-id').innerText();
  const org = (await organizations('v8')).find((o) => o.id === id);
  assert.equal(org.exchangeOnlineSettings.account, 'exo.admin@northwind.onmicrosoft.com');
  assert.equal(org.sharePointOnlineSettings.account, 'spo.admin@northwind.onmicrosoft.com');
  assert.equal(org.sharePointOnlineSettings.applicationId, '33333333-3333-4333-8333-333333333333');
  assert.deepEqual(problems, []);
  await context.close();
});
