// The demo console embeds two wizards (the custom element with a host token
// function, and mount() with a token and presets) under the strict CSP, with its
// own aggressive styles; the events reach the console and removal unmounts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, organizations, exact, expectNoAxeViolations, screenshot, fillCredentials,
  appOnly,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// App-only, the method every version takes for new organizations.
const creds = (user) => appOnly(user);
// Germany (the mount() presets) has no app-only: v8 still adds it with
// legacy protocols, through REST only.
const legacy = (user) => ({ appId: '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90', secret: 'embed~secret', user, password: 'embed-pw' });

test('the custom element adds an organization with the console token and raises organization-added', async () => {
  const { page } = await openPage(browser, '/demo/');
  const element = page.locator('m365-org-wizard');
  await element.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
  const mounted = page.locator('#mount-slot');
  await mounted.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
  await expectNoAxeViolations(page, 'demo console with two wizards');
  await screenshot(page, 'demo-console');

  // The console's own title is untouched, and ids do not clash.
  assert.equal(await page.title(), 'Contoso Backup Console');
  const dupes = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(dupes, []);

  // The console's `input { width: 60px; background: #333 }` does not reach the wizard.
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  const username = element.getByLabel('Username', exact);
  const style = await username.evaluate((el) => {
    const s = getComputedStyle(el);
    return { width: el.getBoundingClientRect().width, background: s.backgroundColor };
  });
  assert.ok(style.width > 150, `input width ${style.width}`);
  assert.notEqual(style.background, 'rgb(51, 51, 51)');
  // Nor do its label, button and heading rules.
  const looks = await element.evaluate((root) => ({
    label: getComputedStyle(root.querySelector('label')).fontStyle,
    button: getComputedStyle(root.querySelector('button')).textTransform,
    heading: getComputedStyle(root.querySelector('h2')).color,
  }));
  assert.deepEqual(looks, { label: 'normal', button: 'none', heading: 'rgb(27, 27, 31)' });

  await fillCredentials(element, 'AppOnly', creds('ops@element.onmicrosoft.com'));
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await element.getByRole('button', { name: 'Add organization', exact: true }).click();
  // No sign-in form: the console's getAccessToken supplies the token.
  await page.getByText('Added element.onmicrosoft.com').waitFor();
  assert.equal(await element.getByLabel('Server user name', exact).count(), 0);
  const status = await page.locator('#console-status').innerText();
  const id = status.match(/\(([0-9a-f-]{36})\)/)[1];
  assert.ok((await organizations()).some((o) => o.id === id && o.name === 'element.onmicrosoft.com'));
});

test('mount() takes presets and a token, and cancel unmounts it', async () => {
  const { page } = await openPage(browser, '/demo/');
  const mounted = page.locator('#mount-slot');
  await mounted.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
  assert.equal(await mounted.getByLabel('Exchange Online', exact).isChecked(), true);
  assert.equal(await mounted.getByLabel('SharePoint Online and OneDrive for Business', exact).isChecked(), false);
  await mounted.getByRole('button', { name: 'Next', exact: true }).click();
  assert.equal(await mounted.getByLabel('Germany', exact).isChecked(), true);
  await mounted.getByRole('button', { name: 'Next', exact: true }).click();
  await fillCredentials(mounted, 'Modern', legacy('ops@mounted.de'));
  await mounted.getByRole('button', { name: 'Next', exact: true }).click();
  await mounted.getByRole('button', { name: 'Add organization', exact: true }).click();
  await page.getByText('Added mounted.de').waitFor();
  const org = (await organizations('v7')).find((o) => o.name === 'mounted.de');
  assert.equal(org.region, 'Germany');
  assert.equal(org.isSharePointOnline, false);

  // Cancel on the other wizard: the element raises `cancel`, the console removes it.
  const element = page.locator('m365-org-wizard');
  await element.getByRole('button', { name: 'Cancel', exact: true }).click();
  await element.getByRole('button', { name: 'Discard', exact: true }).click();
  await page.getByText('The element wizard was cancelled and removed.').waitFor();
  assert.equal(await page.locator('m365-org-wizard').count(), 0);

  // mount()'s handle unmounts cleanly.
  await mounted.getByRole('button', { name: 'Add another organization', exact: true }).click();
  await mounted.getByRole('button', { name: 'Cancel', exact: true }).click();
  await mounted.getByRole('button', { name: 'Discard', exact: true }).click();
  await page.getByText('The mount() wizard was cancelled and unmounted.').waitFor();
  assert.equal(await page.locator('#mount-slot').innerHTML(), '');
});
