// Accessibility (axe-core on every step and state, a keyboard-only path),
// focus and title, and what is kept or never kept in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, walkToReview, heading, next, exact, expectNoAxeViolations, screenshot,
  signIn, organizations, V7, CERTS,
  tabTo,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const secrets = ['kX8Q~axe.secret', 'axe-app-password', 'sp~axe.secret', 'sp-axe-password'];
// The legacy flow, which has the most fields and states: on a v7 server.
const answers = {
  method: 'Modern',
  teams: true,
  same: false,
  primary: { appId: '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90', secret: secrets[0], user: 'a11y@axe.onmicrosoft.com', password: secrets[1] },
  sharepointCreds: { appId: '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90', secret: secrets[2], user: 'sp@axe.onmicrosoft.com', password: secrets[3] },
};

test('axe finds nothing on any step or state, and no secret is left behind', async () => {
  const { page, context } = await openPage(browser, V7);
  const consoleText = [];
  page.on('console', (m) => consoleText.push(m.text()));
  const check = async (state) => {
    await expectNoAxeViolations(page, state);
    await screenshot(page, state);
  };

  // Errors shown, on the services and credentials steps.
  await page.getByLabel('Exchange Online', exact).uncheck();
  await page.getByLabel('SharePoint Online and OneDrive for Business', exact).uncheck();
  await next(page);
  await page.getByText('There is a problem').waitFor();
  await check('services-error');
  await page.getByLabel('Exchange Online', exact).check();
  await page.getByLabel('SharePoint Online and OneDrive for Business', exact).check();
  await next(page);
  await page.getByLabel('Modern authentication with legacy protocols allowed', exact).check();
  await next(page);
  await heading(page, 'Azure AD application credentials');
  await next(page);
  await page.getByText('There is a problem').waitFor();
  await check('credentials-errors');
  await page.getByLabel('Application secret', exact).fill('11111111-2222-4333-8444-555555555555');
  await page.getByText('looks like the secret\'s ID').waitFor();
  await check('credentials-secret-id-warning');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('button', { name: 'Back', exact: true }).click();

  await walkToReview(page, answers, check);
  await check('review');
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await heading(page, 'Finish');
  await check('finish-sign-in');
  await signIn(page, 'wrong-server-password');
  await page.getByText('The backup server refused the sign-in').waitFor();
  await check('finish-failure');
  await signIn(page);
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  await check('finish-success');

  // Nothing secret in storage, cookies, the URL or the console.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  const cookies = JSON.stringify(await context.cookies());
  const url = page.url();
  for (const secret of [...secrets, 'wrong-server-password']) {
    for (const [where, text] of [['storage', stored], ['cookies', cookies], ['url', url], ['console', consoleText.join('\n')]]) {
      assert.ok(!text.includes(secret), `${where} holds a secret`);
    }
  }
  // The draft is cleared after success.
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
});

test('a reload keeps the non-secret answers and never the secrets', async () => {
  const { page } = await openPage(browser);
  await next(page);
  await page.getByLabel('Germany', exact).check();
  await next(page);
  await page.getByLabel('Application ID', exact).fill('0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90');
  await page.getByLabel('Application secret', exact).fill('reload~secret');
  await page.getByLabel('Username', exact).fill('reload@contoso.com');
  await page.reload();
  await heading(page, 'Azure AD application credentials');
  await page.getByText('Your earlier answers were restored').waitFor();
  assert.equal(await page.getByLabel('Username', exact).inputValue(), 'reload@contoso.com');
  assert.equal(await page.getByLabel('Application ID', exact).inputValue(), '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90');
  assert.equal(await page.getByLabel('Application secret', exact).inputValue(), '');
  const saved = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  assert.ok(saved.includes('Germany') && !saved.includes('reload~secret'), saved);
});

test('focus moves to each new step heading and the title counts steps', async () => {
  const { page } = await openPage(browser);
  await heading(page, 'Services');
  assert.match(await page.title(), /^Step 1 of 6: Services/);
  await next(page);
  await heading(page, 'Region and authentication method');
  assert.match(await page.title(), /^Step 2 of 6: Region and authentication method/);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H2');
  const current = page.locator('nav[aria-label$=": steps"] [aria-current="step"]');
  assert.equal(await current.innerText(), 'Region and authentication method');
});

test('one whole path by keyboard alone, through the app-only connection step', async () => {
  const { page } = await openPage(browser);
  await heading(page, 'Services');
  await tabTo(page, 'Microsoft Teams');
  await page.keyboard.press('Space');
  await tabTo(page, 'Next');
  await page.keyboard.press('Enter');
  await heading(page, 'Region and authentication method');
  await page.getByText('Backup server: version 8', { exact: true }).waitFor();
  await tabTo(page, 'Next');
  await page.keyboard.press('Enter');
  await heading(page, 'Configure connection to Microsoft 365');
  // Radio buttons move with the arrow keys: from the first choice to the second.
  await tabTo(page, 'Register a new Microsoft Entra ID application automatically');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'Application ID');
  await page.keyboard.type('{0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90}');
  // The file input opens the system's file chooser from the keyboard.
  await tabTo(page, 'Certificate');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles(`${CERTS}corpus/openssl-default.p12`);
  await tabTo(page, 'Certificate password');
  await page.keyboard.type('Fixture-Passw0rd');
  await tabTo(page, 'Username');
  await page.keyboard.type('keys@keyboard.onmicrosoft.com');
  await page.locator('.m365w-card').waitFor();
  await page.locator('.m365w-file-status', { hasText: 'Chosen:' }).waitFor();
  assert.equal(await page.getByLabel('Organization name', exact).inputValue(), 'keyboard.onmicrosoft.com');
  await tabTo(page, 'Next');
  await page.keyboard.press('Enter');
  await heading(page, 'Review');
  await tabTo(page, 'Add organization');
  await page.keyboard.press('Enter');
  await heading(page, 'Finish');
  await tabTo(page, 'Server user name');
  await page.keyboard.type('admin');
  await tabTo(page, 'Server password');
  await page.keyboard.type('admin');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  const org = (await organizations()).find((o) => o.name === 'keyboard.onmicrosoft.com');
  assert.equal(org.isTeamsOnline, true);
  assert.equal(org.exchangeOnlineSettings.useApplicationOnlyAuth, true);
});
