// Edit organization, against a simulator started like `make serve` (two
// organizations to edit): renew an app-only organization's certificate with
// an imported .pfx, then with a generated one; move a legacy organization to
// app-only on v8 with the one-way warning; a lost PUT answer read back; an
// organization removed meanwhile; the embedded route with organizationId and
// its event. Each checked through GET /Organizations/{id}.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, session, exact, expectNoAxeViolations, screenshot, startSim, signIn, heading, next,
  chooseCertificate, CORPUS_PASSWORD, tabTo, organizations, arm as armOn, quiet,
} from './support.mjs';

let browser;
let sim;
before(async () => {
  browser = await launch();
  sim = await startSim(['--static', 'target/www', '--csp', '--demo-organizations']);
});
after(async () => {
  await browser?.close();
  sim?.stop();
});

/** The organization called `name` on this file's simulator (v7 lists them all). */
async function byName(name) {
  return (await organizations('v7', sim.url)).find((o) => o.name === name);
}

/** Arms a fault on this file's simulator. */
const arm = (target, fault) => armOn(target, fault, sim.url);

/** Opens the static page's edit task, signs in and chooses `name`. */
async function choose(page, name) {
  await page.goto(`${sim.url}/?edit`);
  await heading(page, 'Organization');
  assert.equal(await page.title(), 'Step 1 of 6: Organization \u2013 Edit organization');
  await signIn(page);
  await page.getByLabel(name, exact).check();
  await next(page);
  await heading(page, 'Services');
}

/** The thumbprint the certificate card shows. */
async function cardThumbprint(page) {
  return (await page.locator('.m365w-card-row', { hasText: 'Thumbprint (SHA-1)' }).locator('dd').innerText()).trim();
}

test('the static page links the two tasks; the list shows what each organization connects with', async () => {
  const { page } = await session(browser);
  await page.goto(`${sim.url}/?apiVersion=v8`);
  await page.getByRole('heading', { level: 1, name: 'Add a Microsoft 365 organization' }).waitFor();
  await heading(page, 'Services');
  await page.getByRole('link', { name: 'Edit organization', exact: true }).click();
  await page.waitForURL(/\?apiVersion=v8&edit$/);
  await page.getByRole('heading', { level: 1, name: 'Edit organization' }).waitFor();
  await heading(page, 'Organization');
  await expectNoAxeViolations(page, 'edit: sign in');
  // Next before choosing: the step says what is missing.
  await signIn(page);
  await page.getByText('6 organizations on the backup server.').waitFor();
  await next(page);
  await page.locator('.m365w-error-summary').getByText('Choose the organization to edit.').waitFor();
  const northwind = page.locator('.m365w-organization', { hasText: 'northwind.onmicrosoft.com' });
  const details = await northwind.innerText();
  assert.match(details, /Modern app-only authentication/);
  assert.match(details, /Exchange Online, SharePoint Online and OneDrive for Business, Microsoft Teams/);
  assert.match(details, /6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84/);
  assert.match(details, /Certificate thumbprint\s+[0-9A-F]{40}/);
  const fabrikam = await page.locator('.m365w-organization', { hasText: 'fabrikam.onmicrosoft.com' }).innerText();
  assert.match(fabrikam, /Modern authentication with legacy protocols allowed/);
  // Each row says how its connection stands, as Check connections does.
  await page.locator('.m365w-organization', { hasText: 'contoso.onmicrosoft.com' })
    .getByText('Certificate expired on 25 November 2026', exact).waitFor();
  assert.match(await northwind.innerText(), /Connection\s+Connected/);
  await expectNoAxeViolations(page, 'edit: the organizations');
  await screenshot(page, 'edit-organizations');
  await page.getByRole('link', { name: 'Add organization', exact: true }).click();
  await page.waitForURL(/\?apiVersion=v8$/);
  await page.getByRole('heading', { level: 1, name: 'Add a Microsoft 365 organization' }).waitFor();
});

test('renew an app-only organization\'s certificate with an imported .pfx, then with a generated one', async () => {
  const { page } = await session(browser);
  const before = await byName('northwind.onmicrosoft.com');
  const oldThumbprint = before.exchangeOnlineSettings.applicationCertificateThumbprint;
  await choose(page, 'northwind.onmicrosoft.com');
  // Prefilled from the server: its services, its region and method.
  assert.equal(await page.getByLabel('Microsoft Teams', exact).isChecked(), true);
  await next(page);
  await heading(page, 'Region and authentication method');
  assert.equal(await page.getByLabel('Modern app-only authentication', exact).isChecked(), true);
  assert.equal(await page.getByLabel('Modern authentication with legacy protocols allowed', exact).isDisabled(), true);
  assert.equal(await page.getByLabel('China', exact).isDisabled(), true);
  assert.equal(await page.getByText("An organization's region cannot change: its tenant lives in one cloud.").count(), 1, 'said once');
  await expectNoAxeViolations(page, 'edit: method locked');
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
  await page.locator('.m365w-current').getByText(`The backup server holds the certificate with thumbprint ${oldThumbprint}.`).waitFor();
  assert.equal(await page.getByLabel('Application ID', exact).inputValue(), '6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84');
  assert.equal(await page.getByLabel('Organization name', exact).getAttribute('readonly'), '');
  assert.equal(await page.getByLabel('Register a new Microsoft Entra ID application automatically', exact).isDisabled(), true);
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
  const imported = await cardThumbprint(page);
  await expectNoAxeViolations(page, 'edit: connection');
  await screenshot(page, 'edit-connection');
  await next(page);
  await heading(page, 'Review');
  const table = await page.locator('.m365w-changes').innerText();
  assert.match(table, /What changes for northwind\.onmicrosoft\.com/);
  assert.match(table, new RegExp(`Certificate\\s+Thumbprint ${oldThumbprint}\\s+Thumbprint ${imported}, valid until`));
  assert.equal(await page.locator('.m365w-changes tbody tr').count(), 1, 'only the certificate changes');
  await expectNoAxeViolations(page, 'edit: review');
  await screenshot(page, 'edit-review');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
  assert.equal(await page.locator('.m365w-thumbprint').innerText(), imported);
  await page.getByText('remove the old one from the application').waitFor();
  await expectNoAxeViolations(page, 'edit: updated');
  await screenshot(page, 'edit-updated');
  let after = await byName('northwind.onmicrosoft.com');
  assert.equal(after.exchangeOnlineSettings.applicationCertificateThumbprint, imported);
  assert.equal(after.id, before.id);

  // Again, with a certificate generated here.
  // The wizard ended its session when it was done: signed in again.
  await page.getByRole('button', { name: 'Edit another organization', exact: true }).click();
  await heading(page, 'Organization');
  await signIn(page);
  await page.getByLabel('northwind.onmicrosoft.com', exact).check();
  await next(page);
  await next(page);
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
  await page.getByLabel('Generate a new self-signed certificate', exact).check();
  assert.equal(await page.getByLabel('Subject name', exact).inputValue(), 'Veeam Backup for Microsoft 365 - northwind.onmicrosoft.com');
  await page.getByLabel('Certificate password', exact).fill('Renewed-Pfx-1');
  await page.getByLabel('Confirm password', exact).fill('Renewed-Pfx-1');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByRole('status').getByText('The certificate was generated.').waitFor({ timeout: 20000 });
  const generated = await cardThumbprint(page);
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download .cer for Entra ID', exact: true }).click();
  assert.ok((await pending).suggestedFilename().endsWith('.cer'));
  await next(page);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
  after = await byName('northwind.onmicrosoft.com');
  assert.equal(after.exchangeOnlineSettings.applicationCertificateThumbprint, generated);
});

test('renew through the grant box: the device code, then the server registers the certificate', async () => {
  const { page } = await session(browser);
  const puts = [];
  page.on('request', (r) => { if (r.method() === 'PUT') puts.push(JSON.parse(r.postData())); });
  await choose(page, 'northwind.onmicrosoft.com');
  await next(page);
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
  await page.getByLabel('Grant the required permissions to this application and register its certificate in Microsoft Entra ID', exact).check();
  await page.locator('.m365w-current').getByText('the backup server registers the new certificate with the application itself').waitFor();
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
  const thumbprint = await cardThumbprint(page);
  await next(page);
  await heading(page, 'Log in to Microsoft 365');
  // Signed in to the server on the Organization step: not asked again.
  assert.equal(await page.getByLabel('Server user name', exact).count(), 0);
  const code = (await page.locator('.m365w-device-code').innerText()).trim();
  const r = await fetch(`${sim.url}/_sim/device-codes/${encodeURIComponent(code)}/sign-in`, { method: 'POST' });
  assert.equal(r.status, 204);
  await heading(page, 'Review');
  const table = await page.locator('.m365w-changes').innerText();
  assert.match(table, /Permissions in Microsoft Entra ID/);
  await expectNoAxeViolations(page, 'edit: review with the grant');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
  assert.equal(puts.length, 1);
  assert.equal(puts[0].configureApplication, true);
  assert.equal(puts[0].userCode, code);
  assert.equal(puts[0].newApplicationName, undefined);
  assert.equal((await byName('northwind.onmicrosoft.com')).exchangeOnlineSettings.applicationCertificateThumbprint, thumbprint);
  // The server registered it: no "remove the old one" chore is left to say.
  assert.equal(await page.getByText('remove the old one from the application').count(), 0);
});

test('a legacy organization on v8 may keep its method: its secrets are given again, its account stays in it', async () => {
  const { page } = await session(browser);
  const puts = [];
  page.on('request', (r) => { if (r.method() === 'PUT') puts.push(JSON.parse(r.postData())); });
  await choose(page, 'fabrikam.onmicrosoft.com');
  await next(page);
  await heading(page, 'Region and authentication method');
  assert.equal(await page.getByLabel('Modern authentication with legacy protocols allowed', exact).isChecked(), true);
  await next(page);
  await heading(page, 'Azure AD application credentials');
  assert.equal(await page.getByLabel('Application ID', exact).inputValue(), '2c9d7e51-0b4a-4f3e-8d61-7a5b3c2e9f10');
  assert.equal(await page.getByLabel('Username', exact).inputValue(), 'admin@fabrikam.onmicrosoft.com');
  // An account of another tenant is refused with the reason.
  await page.getByLabel('Username', exact).fill('admin@contoso.onmicrosoft.com');
  await page.getByLabel('Application secret', exact).fill('kept~secret.value');
  await page.getByLabel('App password', exact).fill('Kept-App-Password-1');
  await next(page);
  await page.locator('.m365w-error-summary')
    .getByText('The account must belong to fabrikam.onmicrosoft.com, the organization being edited.').waitFor();
  await expectNoAxeViolations(page, 'edit: legacy identity');
  await page.getByLabel('Username', exact).fill('admin@fabrikam.onmicrosoft.com');
  await next(page);
  await heading(page, 'Review');
  const table = await page.locator('.m365w-changes').innerText();
  assert.match(table, /Application secret\s+Set\s+Set \(replaced\)/);
  assert.match(table, /App password\s+Set\s+Set \(replaced\)/);
  assert.doesNotMatch(table, /Authentication method/);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
  assert.equal(puts.length, 1);
  assert.equal(puts[0].exchangeOnlineSettings.useMfa, true);
  assert.equal(puts[0].exchangeOnlineSettings.account, 'admin@fabrikam.onmicrosoft.com');
  assert.equal(puts[0].exchangeOnlineSettings.applicationSecret, 'kept~secret.value');
  const after = await byName('fabrikam.onmicrosoft.com');
  assert.notEqual(after.exchangeOnlineSettings.useApplicationOnlyAuth, true);
  assert.equal(after.exchangeOnlineSettings.useMfa, true);
  assert.ok(!JSON.stringify(after).includes('Kept-App-Password-1'));
});

test('move a legacy organization to app-only on v8: the one-way warning, then it cannot go back', async () => {
  const { page } = await session(browser);
  await choose(page, 'fabrikam.onmicrosoft.com');
  await next(page);
  await heading(page, 'Region and authentication method');
  // Kept legacy is allowed on v8 for an existing organization.
  assert.equal(await page.getByLabel('Modern authentication with legacy protocols allowed', exact).isChecked(), true);
  assert.equal(await page.getByLabel('Modern authentication with legacy protocols allowed', exact).isDisabled(), false);
  assert.equal(await page.getByLabel('Basic authentication', exact).isDisabled(), true);
  const appOnlyHint = await page.locator(`#${await page.getByLabel('Modern app-only authentication', exact).getAttribute('id')}-hint`).innerText();
  assert.match(appOnlyHint, /cannot be changed back/);
  await page.getByLabel('Modern app-only authentication', exact).check();
  await expectNoAxeViolations(page, 'edit: one-way warning');
  await screenshot(page, 'edit-legacy-to-apponly');
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
  await page.locator('.m365w-current').getByText('The backup server holds no certificate for this organization.').waitFor();
  assert.equal(await page.getByLabel('Application ID', exact).inputValue(), '2c9d7e51-0b4a-4f3e-8d61-7a5b3c2e9f10');
  assert.equal(await page.getByLabel('Username', exact).inputValue(), 'admin@fabrikam.onmicrosoft.com');
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
  const thumbprint = await cardThumbprint(page);
  await next(page);
  await heading(page, 'Review');
  const table = await page.locator('.m365w-changes').innerText();
  assert.match(table, /Authentication method\s+Modern authentication with legacy protocols allowed\s+Modern app-only authentication/);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
  const after = await byName('fabrikam.onmicrosoft.com');
  assert.equal(after.exchangeOnlineSettings.useApplicationOnlyAuth, true);
  assert.equal(after.exchangeOnlineSettings.applicationCertificateThumbprint, thumbprint);

  // Now app-only for good: legacy is offered no more.
  await page.getByRole('button', { name: 'Edit another organization', exact: true }).click();
  await signIn(page);
  await page.getByLabel('fabrikam.onmicrosoft.com', exact).check();
  await next(page);
  await next(page);
  const legacy = page.getByLabel('Modern authentication with legacy protocols allowed', exact);
  assert.equal(await legacy.isDisabled(), true);
  assert.match(await page.locator(`#${await legacy.getAttribute('id')}-hint`).innerText(), /cannot be changed back/);
});

test('a lost answer is read back before anything is sent again; a removed organization is said plainly', async () => {
  const { page } = await session(browser, { allow: [/status of 404/] });
  await choose(page, 'northwind.onmicrosoft.com');
  await next(page);
  await next(page);
  await chooseCertificate(page, { files: ['openssl-rsa4096.p12'], password: CORPUS_PASSWORD }, { choice: false });
  const thumbprint = await cardThumbprint(page);
  await next(page);
  let puts = 0;
  page.on('request', (r) => { if (r.method() === 'PUT') puts += 1; });
  // Saved, then the answer never comes: the person stops waiting.
  await arm('edit', { kind: 'slow_after_commit', ms: 5000 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Stop waiting', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
  await page.getByText('The answer was lost on the way, so the wizard read the organization back').waitFor();
  assert.equal(puts, 1, 'sent once');
  assert.equal((await byName('northwind.onmicrosoft.com')).exchangeOnlineSettings.applicationCertificateThumbprint, thumbprint);

  // Removed while being edited: the PUT's 404.
  await page.getByRole('button', { name: 'Edit another organization', exact: true }).click();
  await signIn(page);
  await page.getByLabel('northwind.onmicrosoft.com', exact).check();
  await next(page);
  await next(page);
  await next(page);
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
  await next(page);
  await arm('edit', { kind: 'refuse', status: 404, message: 'Organization was not found.' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.m365w-failure', { hasText: 'Saving the organization did not finish' })
    .getByText('The organization is no longer on the backup server: someone removed it while you were editing. Nothing was saved.').waitFor();
  await expectNoAxeViolations(page, 'edit: removed');
});

test('keyboard only: choose, renew and save without a pointer', async () => {
  const { page } = await session(browser);
  await page.goto(`${sim.url}/?edit`);
  await heading(page, 'Organization');
  await tabTo(page, 'Server user name');
  await page.keyboard.type('admin');
  await tabTo(page, 'Server password');
  await page.keyboard.type('admin');
  await page.keyboard.press('Enter');
  await page.getByText('6 organizations on the backup server.').waitFor();
  // Into the group, first radio; arrows move within it.
  await tabTo(page, 'northwind.onmicrosoft.com');
  await page.keyboard.press('Space');
  assert.equal(await page.getByLabel('northwind.onmicrosoft.com', exact).isChecked(), true);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel('fabrikam.onmicrosoft.com', exact).isChecked(), true);
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.getByLabel('northwind.onmicrosoft.com', exact).isChecked(), true);
  for (const step of ['Services', 'Region and authentication method', 'Configure connection to Microsoft 365']) {
    await tabTo(page, 'Next');
    await page.keyboard.press('Enter');
    await heading(page, step);
  }
  // The file input opens the system's file chooser from the keyboard. The
  // step first settles (no request in flight), and the focus must be on
  // the file input itself.
  await quiet(page);
  await tabTo(page, 'Certificate');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'file');
  // A second press if the first opened nothing within 5 s: seen once in a
  // clean CI run (cause not found). What is tested holds either way: the
  // keyboard alone opens the chooser.
  let chooser = null;
  for (let press = 0; press < 2 && !chooser; press += 1) {
    const opened = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null);
    await page.keyboard.press('Space');
    chooser = await opened;
  }
  assert.ok(chooser, 'Space on the focused file input opened no file chooser');
  await chooser.setFiles(`${new URL('../fixtures/certs/', import.meta.url).pathname}corpus/openssl-default.p12`);
  await tabTo(page, 'Certificate password');
  await page.keyboard.type(CORPUS_PASSWORD);
  await page.keyboard.press('Tab');
  await page.locator('.m365w-card').waitFor();
  const thumbprint = await cardThumbprint(page);
  await tabTo(page, 'Next');
  await page.keyboard.press('Enter');
  await heading(page, 'Review');
  await tabTo(page, 'Save');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Organization updated' }).waitFor();
  assert.equal((await byName('northwind.onmicrosoft.com')).exchangeOnlineSettings.applicationCertificateThumbprint, thumbprint);
});

test('the embedded route: mount(el, {organizationId}) skips the list and raises the event', async () => {
  const { page } = await session(browser);
  const fabrikam = await byName('northwind.onmicrosoft.com');
  await page.goto(`${sim.url}/demo/?edit=${fabrikam.id}`);
  const element = page.locator('#edit-slot');
  await element.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
  assert.equal(await element.locator('.m365w-progress').innerText(), 'Step 1 of 5');
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await chooseCertificate(element, { files: ['openssl-default.p12'], password: CORPUS_PASSWORD }, { choice: false });
  const thumbprint = await cardThumbprint(element);
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await element.getByRole('button', { name: 'Save', exact: true }).click();
  await element.getByRole('heading', { name: 'Organization updated' }).waitFor();
  const said = await page.locator('#console-status').innerText();
  assert.equal(said, `Updated northwind.onmicrosoft.com (${fabrikam.id}): certificate ${thumbprint}.`);

  // The element: organization-id, and organization-updated with its detail.
  await page.evaluate((id) => {
    const el = document.createElement('m365-org-wizard');
    el.setAttribute('organization-id', id);
    el.setAttribute('label', 'Edit organization (element)');
    el.id = 'edit-element';
    el.getAccessToken = async () => (await (await fetch('/v8/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=admin&password=admin&disable_antiforgery_token=true',
    })).json()).access_token;
    el.addEventListener('organization-updated', (e) => { window.__updated = e.detail; });
    document.getElementById('edit-slot').after(el);
  }, fabrikam.id);
  const edited = page.locator('#edit-element');
  await edited.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
  await edited.getByRole('button', { name: 'Next', exact: true }).click();
  await edited.getByRole('button', { name: 'Next', exact: true }).click();
  await chooseCertificate(edited, { files: ['openssl-rsa4096.p12'], password: CORPUS_PASSWORD }, { choice: false });
  const renewed = await cardThumbprint(edited);
  await edited.getByRole('button', { name: 'Next', exact: true }).click();
  await edited.getByRole('button', { name: 'Save', exact: true }).click();
  await edited.getByRole('heading', { name: 'Organization updated' }).waitFor();
  const detail = await page.evaluate(() => window.__updated);
  assert.deepEqual(detail, {
    id: fabrikam.id,
    name: 'northwind.onmicrosoft.com',
    applicationId: '6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84',
    certificateThumbprint: renewed,
  });
  await expectNoAxeViolations(page, 'edit: embedded');
});
