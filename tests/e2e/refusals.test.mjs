// Microsoft's refusals explained, and the warnings before they bite: four
// refusals on the app-only path (each with the server's words kept, what
// they mean and what to do) then the add on a later try; the device-code
// step's warning and a Conditional Access refusal there; the certificate's
// expiry in words and its renewal reminder, downloaded and parsed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import {
  launch, openPage, organizations, walkToReview, heading, next, exact, signIn, arm,
  expectNoAxeViolations, screenshot, appOnly, fillCredentials,
  toExistingApplication,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The server's words around Microsoft's, as a v8 server reports them. */
const serverSays = (microsoft) =>
  `Failed to connect to Microsoft 365: ${microsoft} Trace ID: 0c6e6a2f-4bb1-4f0e-9d36-1f2a3b4c5d00 Correlation ID: 7d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d Timestamp: 2026-12-06 07:41:12Z`;

/** The SHA-1 thumbprint the certificate card shows. */
async function cardThumbprint(page) {
  return (await page.locator('.m365w-card-row', { hasText: 'Thumbprint (SHA-1)' }).locator('dd').innerText()).trim();
}

/** Waits for the Finish step's failure and answers its text. */
async function failure(page) {
  const box = page.locator('.m365w-failure', { hasText: 'Adding the organization did not finish' });
  await box.waitFor();
  return box.innerText();
}

test('four refusals on the app-only path are explained, and the add goes through after them', async () => {
  // The consent refusal is a 403, which the browser logs.
  const { page } = await openPage(browser, '/', undefined, { allow: [/status of 403/] });
  const user = 'ops@refused.onmicrosoft.com';
  let sent;
  await walkToReview(page, { primary: appOnly(user) }, async (stage) => {
    if (stage === 'credentials') sent = await cardThumbprint(page);
  });
  assert.match(sent, /^[0-9A-F]{40}$/);

  // 1. The key expired in Entra ID.
  const expired = serverSays(`AADSTS700027: Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${sent}', Found key 'Start=12/06/2024 07:00:00, End=12/06/2025 07:00:00']`);
  await arm('add', { kind: 'refuse', message: expired, errorCode: 'ResourceAccessDenied' });
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await heading(page, 'Finish');
  await signIn(page);
  let text = await failure(page);
  assert.ok(text.includes(expired), 'the server\'s message is kept verbatim');
  assert.match(text, /What this means\n+The certificate the backup server signs in with has expired in Microsoft Entra ID/);
  assert.match(text, /What to do\n+Make a new certificate/);
  assert.match(text, /App registrations, then the application with this Application ID, then Certificates & secrets/);
  assert.match(text, /Generate a new self-signed certificate/);
  assert.match(text, new RegExp(`thumbprint ${sent}: the one this wizard sent`));
  await expectNoAxeViolations(page, 'refusal: expired key');
  await screenshot(page, 'refusal-expired-key');

  // 2. Not registered on the application: Microsoft names the sent certificate.
  const unregistered = serverSays(`AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${sent.toLowerCase()}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90'.]`);
  await arm('add', { kind: 'refuse', message: unregistered });
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await page.locator('.m365w-failure', { hasText: 'The key was not found' }).waitFor();
  text = await failure(page);
  assert.match(text, /is not uploaded to this application in Microsoft Entra ID/);
  assert.match(text, new RegExp(`Microsoft names the certificate with thumbprint ${sent}: the one this wizard sent`));
  assert.match(text, /Grant the required permissions to this application and register its certificate in Microsoft Entra ID/);

  // 3. No admin consent.
  const consent = serverSays("AADSTS65001: The user or administrator has not consented to use the application with ID '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90' named 'Veeam Backup'.");
  await arm('add', { kind: 'refuse', status: 403, message: consent, errorCode: 'ResourceAccessDenied' });
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await page.locator('.m365w-failure', { hasText: 'AADSTS65001' }).waitFor();
  text = await failure(page);
  assert.match(text, /lacks the permissions the backup server needs/);
  assert.match(text, /Grant admin consent for/);
  await expectNoAxeViolations(page, 'refusal: consent');

  // 4. Conditional Access.
  const blocked = serverSays('AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.');
  await arm('add', { kind: 'refuse', message: blocked });
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await page.locator('.m365w-failure', { hasText: 'AADSTS53003' }).waitFor();
  text = await failure(page);
  assert.match(text, /A Conditional Access policy of the organization blocked the sign-in/);
  assert.match(text, /Block device code flow/);
  await screenshot(page, 'refusal-conditional-access');

  // The remedy's way back keeps every answer; Add organization works again.
  await page.getByRole('button', { name: 'Go to \u201cConfigure connection to Microsoft 365\u201d', exact: true }).click();
  await heading(page, 'Configure connection to Microsoft 365');
  assert.equal(await page.getByLabel('Application ID', exact).inputValue(), '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90');
  assert.equal(await page.getByLabel('Username', exact).inputValue(), user);
  await page.locator('.m365w-file-status').getByText(sent).waitFor();
  await next(page);
  await heading(page, 'Review');
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  const added = (await organizations('v7')).filter((o) => o.name === 'refused.onmicrosoft.com');
  assert.equal(added.length, 1, 'added once, after four refusals');

  // v8, app-only, Exchange Online: the permissions to grant by hand.
  const before = page.locator('.m365w-notice', { hasText: 'Before the first backup' });
  await before.waitFor();
  const list = await before.innerText();
  for (const permission of ['User.Read.All', 'MailboxItem.ImportExport.All', 'MailboxFolder.ReadWrite.All', 'MailboxItem.Read.All']) {
    assert.ok(list.includes(permission), permission);
  }
  // The button after the summary stands clear of its last row.
  const lastRow = await page.locator('.m365w-summary dd').last().boundingBox();
  const again = await page.getByRole('button', { name: 'Add another organization', exact: true }).boundingBox();
  assert.ok(again.y - (lastRow.y + lastRow.height) >= 12, `gap ${again.y - (lastRow.y + lastRow.height)}`);
  await expectNoAxeViolations(page, 'added: before the first backup');
  await screenshot(page, 'refusal-added-first-backup');
});

test('the device-code step warns first, and explains a Conditional Access refusal', async () => {
  const { page } = await openPage(browser);
  await next(page);
  await heading(page, 'Region and authentication method');
  await page.locator('.m365w-server-version').filter({ hasNotText: 'Checking the backup server' }).waitFor();
  await next(page);
  await heading(page, 'Configure connection to Microsoft 365');
  await fillCredentials(page, 'AppOnly', {
    certificate: { files: ['openssl-default.p12'], password: 'Fixture-Passw0rd' },
    user: 'ops@warned.onmicrosoft.com',
  });
  // The server registers the certificate itself: nothing to upload by hand.
  await page.locator('.m365w-card').getByText('The backup server registers this certificate with the application').waitFor();
  assert.equal(await page.locator('.m365w-card').getByText('Upload the .cer to the application').count(), 0);
  // The application name's hint: two sentences, spaced.
  assert.match(await page.locator(`#${await page.getByLabel('Application name', exact).getAttribute('id')}-hint`).innerText(),
    /Entra ID\. Left empty: \u201cVeeam Backup for Microsoft 365 - warned\.onmicrosoft\.com\u201d\./);
  await next(page);
  await heading(page, 'Log in to Microsoft 365');
  const warning = page.locator('.m365w-notice', { hasText: 'Before you sign in' });
  await warning.waitFor();
  const words = await warning.innerText();
  assert.match(words, /Sign in as a Global Administrator of warned\.onmicrosoft\.com/);
  assert.match(words, /Block device code flow/);
  assert.match(words, /existing application whose certificate is already uploaded/);
  await expectNoAxeViolations(page, 'device code: warning');

  const blocked = 'Unable to get a device code: AADSTS53003: Access has been blocked by Conditional Access policies.';
  await arm('device_code', { kind: 'refuse', message: blocked });
  await signIn(page);
  await page.locator('.m365w-failure', { hasText: 'What this means' }).waitFor();
  const text = await page.locator('.m365w-step-body').innerText();
  assert.ok(text.includes(blocked));
  assert.match(text, /A Conditional Access policy of the organization blocked the sign-in/);
  await expectNoAxeViolations(page, 'device code: refused');
  await screenshot(page, 'refusal-device-code');
  // Try again gets a code: nothing was lost.
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await page.locator('.m365w-device-code').waitFor();
});

test('the card says when the certificate expires and offers a renewal reminder to download', async () => {
  const { page } = await openPage(browser);
  await toExistingApplication(page);
  await page.getByLabel('Generate a new self-signed certificate', exact).check();
  // Before the organization is known the subject is the vendor's name; it
  // follows the organization once typed.
  assert.equal(await page.getByLabel('Subject name', exact).inputValue(), 'Veeam Backup for Microsoft 365');
  await page.getByLabel('Username', exact).fill('ops@reminded.onmicrosoft.com');
  assert.equal(await page.getByLabel('Subject name', exact).inputValue(), 'Veeam Backup for Microsoft 365 - reminded.onmicrosoft.com');
  await page.getByLabel('Certificate password', exact).fill('Reminder-Pfx-1');
  await page.getByLabel('Confirm password', exact).fill('Reminder-Pfx-1');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByRole('status').getByText('The certificate was generated.').waitFor({ timeout: 20000 });

  // Two years from today, in words.
  const now = new Date();
  const expiry = new Date(Date.UTC(now.getUTCFullYear() + 2, now.getUTCMonth(), now.getUTCDate()));
  const validTo = (await page.locator('.m365w-card-row', { hasText: 'Valid' }).locator('dd').innerText()).split(' to ')[1].trim();
  const [y, m, d] = validTo.split('-').map(Number);
  const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  await page.locator('.m365w-expiry').getByText(`Valid until ${d} ${month} ${y}, in 2 years.`).waitFor();
  assert.ok(Math.abs(Date.UTC(y, m - 1, d) - expiry.getTime()) <= 86400000, `${validTo} is two years on`);

  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Add a renewal reminder to your calendar', exact: true }).click();
  const file = await pending;
  assert.equal(file.suggestedFilename(), 'certificate-renewal-reminded.onmicrosoft.com.ics');
  const ics = readFileSync(await file.path(), 'utf8');
  assert.ok(!ics.includes('Reminder-Pfx-1'), 'no password in the reminder');
  assert.ok(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'folded at 75 octets');
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent');
  assert.equal(events.length, 1);
  const event = new ICAL.Event(events[0]);
  assert.equal(event.summary, 'Renew the backup certificate of reminded.onmicrosoft.com');
  const start = event.startDate;
  assert.equal(start.isDate, true);
  const startDay = Date.UTC(start.year, start.month - 1, start.day);
  assert.equal((Date.UTC(y, m - 1, d) - startDay) / 86400000, 30, 'thirty days before expiry');
  const thumbprint = (await page.locator('.m365w-card-row', { hasText: 'Thumbprint (SHA-1)' }).locator('dd').innerText()).trim();
  assert.ok(event.description.includes(`Certificate thumbprint (SHA-1): ${thumbprint}`));
  assert.ok(event.description.includes('Application ID: 0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90'));
  const stamp = events[0].getFirstPropertyValue('dtstamp');
  assert.equal(stamp.zone.tzid, 'UTC');
  assert.ok(Math.abs(stamp.toJSDate().getTime() - Date.now()) < 600000, 'stamped now');
  await expectNoAxeViolations(page, 'card: expiry and reminder');
  await screenshot(page, 'card-reminder');
});
