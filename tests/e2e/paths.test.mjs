// Every path of the legacy and basic flows, driven in Chromium against the
// simulator as a v7 server (v8 adds no new organizations that way); each
// checks through GET /Organizations that the organization exists as sent.
// The app-only flow, v8's, is in apponly.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, organizations, walkToReview, addAndSignIn, heading, next, exact, signIn,
  expectNoAxeViolations, V7,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const creds = (user, extra = {}) => ({
  appId: ' {0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90} ',
  secret: `${user}~secret.value`,
  user,
  password: `${user}-app-password`,
  ...extra,
});

/** Legacy answers: modern authentication with legacy protocols. */
const legacy = (answers) => ({ method: 'Modern', ...answers });

async function addThrough(answers) {
  const { page, context, problems } = await openPage(browser, V7);
  await walkToReview(page, legacy(answers));
  const review = await page.locator('.m365w-review').innerText();
  assert.ok(!review.includes(answers.primary.password), 'the review hides secrets');
  const id = await addAndSignIn(page);
  const org = (await organizations('v7')).find((o) => o.id === id);
  assert.ok(org, `organization ${id} exists on the server`);
  assert.deepEqual(problems, []);
  await context.close();
  return org;
}

test('modern, both services, the same credentials', async () => {
  const org = await addThrough({ primary: creds('admin@fabrikam.onmicrosoft.com', { grant: true }) });
  assert.equal(org.name, 'fabrikam.onmicrosoft.com');
  assert.equal(org.region, 'Worldwide');
  assert.equal(org.isExchangeOnline, true);
  assert.equal(org.isSharePointOnline, true);
  for (const block of [org.exchangeOnlineSettings, org.sharePointOnlineSettings]) {
    assert.equal(block.account, 'admin@fabrikam.onmicrosoft.com');
    assert.equal(block.applicationId, '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90');
    assert.equal(block.useMfa, true);
    assert.equal(block.grantAdminAccess, true);
  }
});

test('modern, both services and Teams, separate credentials', async () => {
  const org = await addThrough({
    teams: true,
    same: false,
    primary: creds('exo@northwind.onmicrosoft.com'),
    sharepointCreds: creds('spo@northwind.onmicrosoft.com', {
      appId: '33333333-3333-4333-8333-333333333333', grant: false,
    }),
  });
  assert.equal(org.isTeamsOnline, true);
  assert.equal(org.isTeamsChatsOnline, false);
  assert.equal(org.exchangeOnlineSettings.account, 'exo@northwind.onmicrosoft.com');
  assert.equal(org.sharePointOnlineSettings.account, 'spo@northwind.onmicrosoft.com');
  assert.equal(org.sharePointOnlineSettings.applicationId, '33333333-3333-4333-8333-333333333333');
  assert.equal(org.sharePointOnlineSettings.grantAdminAccess, false);
  // Left as it was, the Exchange grant stays off: its role is retired.
  assert.equal(org.exchangeOnlineSettings.grantAdminAccess, false);
});

test('the legacy flow says what Microsoft retired, and grants nothing by default', async () => {
  const { page } = await openPage(browser, V7);
  await next(page);
  await page.getByText('Backup server: version 7 (as configured)', { exact: true }).waitFor();
  const legacyOption = page.getByLabel('Modern authentication with legacy protocols allowed', exact);
  assert.equal(await legacyOption.isDisabled(), false, 'v7 still offers it');
  assert.equal(await page.getByLabel('Modern app-only authentication', exact).isChecked(), true, 'app-only is the default');
  await legacyOption.check();
  const methodHint = await page.locator(`#${await legacyOption.getAttribute('id')}-hint`).innerText();
  assert.match(methodHint, /blocked by default in Exchange Online since 1 October 2026/);
  assert.match(methodHint, /ApplicationImpersonation role, which Microsoft retired/);
  await next(page);
  const grant = page.getByLabel('Grant this account required roles and permissions', exact);
  assert.equal(await grant.isChecked(), false);
  const grantHint = await page.locator(`#${await grant.getAttribute('id')}-hint`).innerText();
  assert.match(grantHint, /Microsoft retired that role in Exchange Online/);
});

test('Exchange Online only', async () => {
  const org = await addThrough({ sharepoint: false, region: 'US Government (GCC High)', primary: creds('a@exo-only.com') });
  assert.equal(org.isSharePointOnline, false);
  assert.equal(org.region, 'USGovernment');
  assert.equal(org.sharePointOnlineSettings, undefined);
});

test('SharePoint Online only: the first credentials step says it is for SharePoint', async () => {
  const { page, context, problems } = await openPage(browser, V7);
  await page.getByLabel('Exchange Online', exact).uncheck();
  await next(page);
  await page.getByLabel('Modern authentication with legacy protocols allowed', exact).check();
  await next(page);
  await heading(page, 'Azure AD application credentials');
  await page.getByText('Only SharePoint Online is chosen').waitFor();
  assert.equal(
    await page.getByLabel('Use the same credentials for SharePoint Online, OneDrive for Business and Microsoft Teams', exact).isDisabled(),
    true,
  );
  await context.close();
  assert.deepEqual(problems, []);
  const org = await addThrough({ exchange: false, primary: creds('b@spo-only.com') });
  assert.equal(org.isExchangeOnline, false);
  assert.equal(org.exchangeOnlineSettings, undefined);
  assert.equal(org.sharePointOnlineSettings.account, 'b@spo-only.com');
});

test('basic authentication asks for no application', async () => {
  const org = await addThrough({ method: 'Basic', region: 'Germany', primary: creds('c@basic.de') });
  assert.equal(org.region, 'Germany');
  assert.equal(org.exchangeOnlineSettings.useMfa, false);
  assert.equal(org.exchangeOnlineSettings.applicationId, undefined);
});

test('choosing China turns Teams off and says so; its box gives the reason', async () => {
  const { page } = await openPage(browser, V7);
  await page.getByLabel('Microsoft Teams', exact).check();
  await next(page);
  await page.getByLabel('China', exact).check();
  await page.getByRole('status').getByText('Microsoft Teams was turned off. Microsoft Teams is not available for China.').waitFor();
  await expectNoAxeViolations(page, 'region change turned Teams off');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await heading(page, 'Services');
  const teams = page.getByLabel('Microsoft Teams', exact);
  assert.equal(await teams.isChecked(), false);
  assert.equal(await teams.isDisabled(), true);
  await page.getByText('Microsoft Teams is not available for China.').waitFor();
});

test('China offers no legacy protocols: the choice moves to app-only and says so', async () => {
  const { page, context } = await openPage(browser, V7);
  await next(page);
  await heading(page, 'Region and authentication method');
  const modern = page.getByLabel('Modern authentication with legacy protocols allowed', exact);
  await modern.check();
  await page.getByLabel('China', exact).check();
  assert.equal(await modern.isDisabled(), true);
  assert.equal(await page.getByLabel('Modern app-only authentication', exact).isChecked(), true);
  assert.equal(await page.getByLabel('Basic authentication', exact).isDisabled(), false);
  await page.getByRole('status').getByText(
    'Modern authentication with legacy protocols allowed was turned off. Not available for China. Modern app-only authentication is chosen instead.',
  ).waitFor();
  await context.close();
  const org = await addThrough({ method: 'Basic', region: 'China', primary: creds('d@contoso.cn') });
  assert.equal(org.region, 'China');
});

test('Review links back to each step, keeps every answer, and sends once on a double click', async () => {
  const { page } = await openPage(browser, V7);
  await walkToReview(page, legacy({ primary: creds('e@twice.com') }));
  await page.getByRole('button', { name: /^Change Region/ }).click();
  await heading(page, 'Region and authentication method');
  await page.getByLabel('Germany', exact).check();
  await next(page);
  await heading(page, 'Azure AD application credentials');
  assert.equal(await page.getByLabel('Application secret', exact).inputValue(), 'e@twice.com~secret.value');
  await next(page);
  await heading(page, 'Review');
  assert.match(await page.locator('.m365w-review').innerText(), /Germany/);
  await page.getByRole('button', { name: 'Add organization', exact: true }).dblclick();
  await heading(page, 'Finish');
  await page.getByLabel('Server user name', exact).fill('admin');
  await page.getByLabel('Server password', exact).fill('admin');
  await page.getByRole('button', { name: 'Sign in', exact: true }).dblclick();
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  const same = (await organizations('v7')).filter((o) => o.name === 'twice.com');
  assert.equal(same.length, 1);
});

test('a wrong server password is explained and nothing is lost', async () => {
  const { page } = await openPage(browser, V7);
  await walkToReview(page, legacy({ primary: creds('f@wrong-pw.com') }));
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await signIn(page, 'nope');
  await page.getByText('The backup server refused the sign-in').waitFor();
  // What was typed stays, ready to be corrected.
  assert.equal(await page.getByLabel('Server user name', exact).inputValue(), 'admin');
  assert.equal(await page.getByLabel('Server password', exact).inputValue(), 'nope');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await heading(page, 'Review');
  await page.getByRole('button', { name: /^Change Username/ }).click();
  assert.equal(await page.getByLabel('Username', exact).inputValue(), 'f@wrong-pw.com');
  assert.equal(await page.getByLabel('App password', exact).inputValue(), 'f@wrong-pw.com-app-password');
});

test('the server refusing the organization keeps the answers for a fix', async () => {
  // Another account of the same tenant added it first: the server refuses
  // this one by name, and no organization with this account is there.
  await addThrough({ primary: creds('f@duplicate.com') });
  const { page } = await openPage(browser, V7);
  await walkToReview(page, legacy({ primary: creds('g@duplicate.com') }));
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await signIn(page);
  await page.getByText('has already been added').waitFor();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await heading(page, 'Review');
  assert.match(await page.locator('.m365w-review').innerText(), /g@duplicate\.com/);
});

test('Cancel asks before discarding', async () => {
  const { page } = await openPage(browser);
  await next(page);
  await next(page);
  await page.getByLabel('Username', exact).fill('h@cancel.com');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByRole('button', { name: 'Keep editing', exact: true }).click();
  assert.equal(await page.getByLabel('Username', exact).inputValue(), 'h@cancel.com');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByRole('button', { name: 'Discard', exact: true }).click();
  await heading(page, 'Services');
  await next(page);
  await next(page);
  assert.equal(await page.getByLabel('Username', exact).inputValue(), '');
});
