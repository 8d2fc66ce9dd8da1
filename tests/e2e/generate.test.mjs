// A certificate generated in the browser, through the wizard: the choice in
// the certificate field, the checks of its inputs, the card and both
// downloads, the replace warning, and an organization added with it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import {
  launch, openPage, organizations, heading, next, exact, expectNoAxeViolations, screenshot,
  addAndSignIn, recordBodies,
  toExistingApplication,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PASSWORD = 'Generated-Pfx-1';

/** The SHA-1 thumbprint the card shows. */
async function thumbprint(page) {
  return (await page.locator('.m365w-card-row', { hasText: 'Thumbprint (SHA-1)' }).locator('dd').innerText()).trim();
}

/** Clicks `button` and answers the downloaded file's bytes and name. */
async function download(page, button) {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const file = await pending;
  return { bytes: readFileSync(await file.path()), name: file.suggestedFilename() };
}

test('generate on the app-only path: card, both downloads, replace warning, and the add', async () => {
  const { page } = await openPage(browser);
  const bodies = recordBodies(page);
  await toExistingApplication(page);
  await page.getByLabel('Username', exact).fill('ops@generated.onmicrosoft.com');
  await page.getByLabel('Generate a new self-signed certificate', exact).check();
  // Named after the application by default; 2 years and RSA 2048 chosen.
  assert.equal(await page.getByLabel('Subject name', exact).inputValue(), 'Veeam Backup for Microsoft 365 - generated.onmicrosoft.com');
  assert.equal(await page.getByLabel('2 years', exact).isChecked(), true);
  assert.equal(await page.getByLabel('RSA 2048 bits', exact).isChecked(), true);

  // The passwords must agree; nothing is generated until they do.
  await page.getByLabel('Certificate password', exact).fill(PASSWORD);
  await page.getByLabel('Confirm password', exact).fill('something else');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByText('The two passwords are not the same.').waitFor();
  await expectNoAxeViolations(page, 'generate: passwords differ');
  await page.getByLabel('Confirm password', exact).fill(PASSWORD);
  await page.getByLabel('Subject name', exact).fill('Contoso backup');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByRole('status').getByText('The certificate was generated.').waitFor({ timeout: 20000 });
  const card = await page.locator('.m365w-card').innerText();
  assert.match(card, /CN=Contoso backup/);
  assert.match(card, /RSA, 2048 bits/);
  await expectNoAxeViolations(page, 'generate: generated');
  await screenshot(page, 'generate-generated');

  // The .cer is the certificate the card describes; the .pfx is kept aside.
  const first = await thumbprint(page);
  const cer = await download(page, 'Download .cer for Entra ID');
  assert.equal(cer.name, 'Contoso-backup.cer');
  assert.equal(createHash('sha1').update(cer.bytes).digest('hex').toUpperCase(), first);
  const pfx = await download(page, 'Download .pfx');
  assert.equal(pfx.name, 'Contoso-backup.pfx');

  // Generating again asks first; keeping the current one keeps its key.
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByRole('alert').getByText('Generating a new one replaces it and its key').waitFor();
  await expectNoAxeViolations(page, 'generate: replace warning');
  await screenshot(page, 'generate-replace-warning');
  await page.getByRole('button', { name: 'Keep the current one', exact: true }).click();
  assert.equal(await thumbprint(page), first);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByRole('button', { name: 'Replace it', exact: true }).click();
  await page.getByRole('status').getByText('it replaced the earlier one').waitFor({ timeout: 20000 });
  const second = await thumbprint(page);
  assert.notEqual(second, first, 'a new key pair, a new certificate');
  const kept = await download(page, 'Download .pfx');

  await next(page);
  await heading(page, 'Review');
  assert.match(await page.locator('.m365w-review').innerText(), new RegExp(second));
  const id = await addAndSignIn(page);
  assert.ok((await organizations('v8')).some((o) => o.id === id), 'the simulator opened the generated .pfx');
  const sent = bodies.at(-1).exchangeOnlineSettings;
  assert.equal(sent.applicationCertificate, kept.bytes.toString('base64'), 'the server got the .pfx offered for download');
  assert.equal(sent.applicationCertificatePassword, PASSWORD);
  // The password never reaches storage or the address.
  const storedOrUrl = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + location.href);
  assert.ok(!storedOrUrl.includes(PASSWORD));
});
